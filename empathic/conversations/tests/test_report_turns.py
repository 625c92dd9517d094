"""The report page shows per turn what the HTML report shows (real pipeline, stored analysis read
back with ``ConversationAnalysis.from_dict``): concern phrases highlighted with their kind and the
concern's texts, credit withheld, the reports' rupture outcome and turn flags, and the one
trajectory chart with its marks."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.html import escape

from empathic.analysis.report.html import render_html
from empathic.analysis.report.ruptures import rupture_views, turn_notes
from empathic.conversations import selectors
from empathic.conversations.models import TurnScore
from empathic.conversations.results import stored_analysis
from empathic.conversations.tests.helpers import SESSION, analysed
from empathic.conversations.tests.test_report_ruptures import RUPTURED
from empathic.core.vocabulary import concern_texts

COMMANDING = SESSION + (
    "Sam Rivera: I can hear how scared you are. You need to calm down and stop worrying.\n"
)


def _page(client, conversation) -> str:
    response = client.get(reverse("conversations:detail", args=[conversation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _turn(html: str, index: int) -> str:
    return html.split(f'id="turn-{index}"')[1].split('<li id="turn-')[0].split("</ol>")[0]


def test_a_concern_is_highlighted_with_its_kind_and_texts_and_the_credit_it_cost(
    client_for, supervisor, practitioner
):
    done = analysed(practitioner, text=COMMANDING)
    stored = stored_analysis(done, selectors.report_turns(done), selectors.summary_of(done))
    last = stored.turns[-1]
    assert [c.kind for c in last.concerns] == ["commanding"] and last.credit_withheld == ("er",)
    block = _turn(_page(client_for(supervisor), done), last.index)
    texts = concern_texts("commanding")
    assert f'<mark class="rationale rationale-concern" title="Concern: {texts["label"]}">' in block
    assert f"<strong>Concern: {texts['label']}</strong>" in block
    for key in ("what", "why", "instead"):
        assert escape(texts[key]) in block
    assert "Not credited as empathic: emotional reaction" in block
    # The legend names the new highlights.
    assert "a harmful or MI-inconsistent phrase" in _page(client_for(supervisor), done)


def test_ruptures_are_worded_and_flagged_as_the_reports_word_them(
    client_for, supervisor, practitioner
):
    done = analysed(practitioner, text=RUPTURED)
    html = _page(client_for(supervisor), done)
    stored = stored_analysis(done, selectors.report_turns(done), selectors.summary_of(done))
    (view,) = rupture_views(stored)
    section = html.split('id="ruptures-h"')[1].split("</section>")[0]
    assert f"<strong>{escape(view.outcome)}</strong>" in section
    assert view.outcome.startswith("repaired at turn 11")
    assert escape(view.outcome) in render_html(stored)  # the same words as the HTML report
    for index, notes in turn_notes(stored).items():
        block = _turn(html, index)
        for _tone, note in notes:
            assert escape(note) in block
    # The client's phrase is highlighted on its turn, named by its kind.
    client_turn = _turn(html, view.client.index)
    assert '<mark class="rationale rationale-confrontation" title="Confrontation: ' in client_turn


def test_the_trajectory_is_the_reports_chart_with_its_marks(client_for, supervisor, practitioner):
    done = analysed(practitioner, text=RUPTURED)
    section = _page(client_for(supervisor), done).split('id="trajectory-h"')[1]
    section = section.split("</section>")[0]
    assert section.count("<svg") == 2  # the client's emotion, then the trajectory
    assert 'class="chart-trajectory"' in section and '<g class="rupture">' in section
    assert "Client distress and hostility over the conversation" in section
    assert '<table id="chart-trajectory-table">' in section  # the text alternative


def test_an_analysis_stored_before_concerns_and_ruptures_still_shows_every_turn(
    client_for, supervisor, practitioner
):
    done = analysed(practitioner, text=COMMANDING)
    for score in TurnScore.objects.filter(conversation=done):
        for key in ("concerns", "credit_withheld", "credit_added", "alliance"):
            score.analysis.pop(key, None)
        score.save(update_fields=["analysis"])
    html = _page(client_for(supervisor), done)
    assert "rationale-concern" not in _turn(html, 8)
    assert re.search(r'<mark class="rationale rationale-(er|ip|ex)[^"]*" title=', html)
    assert "Emotional reactions: <strong>" in html


def test_a_turn_whose_stored_analysis_cannot_be_read_shows_its_text(
    client_for, supervisor, practitioner
):
    done = analysed(practitioner)
    score = TurnScore.objects.get(conversation=done, turn__index=2)
    score.analysis = {"empathy": {"er": "not a score"}}
    score.save(update_fields=["analysis"])
    block = _turn(_page(client_for(supervisor), done), 2)
    assert "That sounds frightening." in block and "Emotional reactions" not in block
