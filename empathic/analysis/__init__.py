"""Conversation analysis: transcripts in; empathy, counselling behaviours, client signals and
rewrite suggestions out. Pure Python over the scoring engine (`empathic.nlp`): no Django, no
database, so `empathic analyze session.vtt` runs anywhere the package is installed.

    from empathic.analysis.pipeline import analyse_file
    analysis = analyse_file("session.vtt", practitioner="Sam")
    analysis.to_dict()
"""
