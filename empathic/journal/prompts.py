"""Gibbs' reflective cycle (Gibbs 1988, *Learning by Doing*): the six stages and their prompts."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PROMPTS = {
    "description": _("What happened? Who was there, what did you do, what did they do?"),
    "feelings": _("What were you thinking and feeling at the time, and afterwards?"),
    "evaluation": _("What was good and what was difficult about the experience?"),
    "analysis": _("What sense can you make of it? What helped or got in the way, and why?"),
    "conclusion": _("What else could you have done? What have you learned?"),
    "action_plan": _("If it happened again, what would you do? What will you do next?"),
}
