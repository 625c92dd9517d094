"""Ruptures on the conversation report page, from the stored summary JSON (real pipeline)."""

from __future__ import annotations

from django.urls import reverse

from empathic.conversations import selectors
from empathic.conversations.models import ConversationSummary
from empathic.conversations.presentation import rupture_rows
from empathic.conversations.results import stored_analysis
from empathic.conversations.tests.helpers import SESSION, analysed

RUPTURED = SESSION + (
    "Sam Rivera: You should have called us as soon as you got the notice.\n"
    "Jordan Lee: Are you kidding me? Don't put this on me.\n"
    "Sam Rivera: You're right, that came across as blaming you. I'm sorry.\n"
    "Jordan Lee: Thanks. I've been trying so hard and I just want someone on my side here.\n"
)


def test_the_page_lists_the_rupture_its_trigger_and_its_repair(
    client_for, supervisor, practitioner
):
    done = analysed(practitioner, text=RUPTURED)
    stored = ConversationSummary.objects.get(conversation=done).data["ruptures"]
    assert [(r["client_turn"], r["kind"], r["repaired"]) for r in stored] == [
        (9, "confrontation", True)
    ]
    body = client_for(supervisor).get(reverse("conversations:detail", args=[done.pk]))
    html = body.content.decode()
    assert "Ruptures and repair" in html and "rupture: confrontation" in html
    assert "<q>Don&#x27;t put this on me</q>" in html or "<q>Don&#39;t put this on me</q>" in html
    assert "after turn 9 (blaming)" in html and "repaired" in html


def test_an_analysis_stored_before_ruptures_says_they_were_not_looked_for(
    client_for, supervisor, practitioner
):
    done = analysed(practitioner)
    summary = ConversationSummary.objects.get(conversation=done)
    summary.data.pop("ruptures")
    summary.save(update_fields=["data"])
    html = client_for(supervisor).get(reverse("conversations:detail", args=[done.pk]))
    assert html.status_code == 200
    assert "Not looked for in this analysis" in html.content.decode()


def test_malformed_stored_entries_are_skipped(practitioner):
    done = analysed(practitioner)
    summary, turns = selectors.summary_of(done), selectors.report_turns(done)
    summary.data = {
        **summary.data,
        "ruptures": [{"client_turn": "x"}, {"kind": "withdrawal"}, None],
    }
    assert rupture_rows(stored_analysis(done, turns, summary), summary) == []
    summary.data = {k: v for k, v in summary.data.items() if k != "ruptures"}
    assert rupture_rows(stored_analysis(done, turns, summary), summary) is None
