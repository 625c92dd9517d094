"""The one vocabulary in templates: ``{% load vocabulary %}`` then ``{{ "er"|mechanism_names }}``
("emotional reactions"; add ``|capfirst`` to head a column), so a page never types a label the
reports and the other pages spell from ``empathic.core.vocabulary``."""

from __future__ import annotations

from django import template

from empathic.core import vocabulary

register = template.Library()

register.filter("mechanism_name", vocabulary.mechanism_name)
register.filter("mechanism_names", vocabulary.mechanism_names)
register.filter("mechanism_tag", vocabulary.mechanism_tag)
register.filter("level_name", vocabulary.level_name)
register.filter("mi_code_name", vocabulary.mi_code_name)
register.filter("talk_name", vocabulary.talk_name)
register.filter("rating_name", vocabulary.rating_name)
register.filter("metric_name", vocabulary.metric_name)
register.filter("metric_abbreviation", vocabulary.metric_abbreviation)
