"""The session quality index on the conversation report, read from the stored summary JSON."""

from __future__ import annotations

from django.urls import reverse

from empathic.conversations.models import ConversationSummary
from empathic.conversations.tests.helpers import analysed


def test_the_report_shows_the_quality_index_with_its_parts(client_for, supervisor, practitioner):
    done = analysed(practitioner, title="Quality index")
    stored = ConversationSummary.objects.get(conversation=done).data
    assert 0 <= stored["quality_index"] <= 100
    body = client_for(supervisor).get(reverse("conversations:detail", args=[done.pk])).content
    page = body.decode()
    assert "Session quality index" in page and f"{stored['quality_index']:.0f} / 100" in page
    assert "Reflections per question" in page and "never a grade of the person" in page
    assert "Direction to grow" in page


def test_a_summary_stored_before_the_index_renders_without_it(client_for, supervisor, practitioner):
    done = analysed(practitioner, title="Older analysis")
    summary = ConversationSummary.objects.get(conversation=done)
    summary.data = {k: v for k, v in summary.data.items() if not k.startswith("quality_index")}
    summary.save(update_fields=["data"])
    page = client_for(supervisor).get(reverse("conversations:detail", args=[done.pk]))
    assert page.status_code == 200 and "Session quality index" not in page.content.decode()
