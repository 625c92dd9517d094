"""Reflective-practice journal entries, following Gibbs' reflective cycle (1988).

An entry is private to its owner. The owner may share it, entry by entry, with one named
supervisor of their organisation; nobody else ever reads it, organisation admins included.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from empathic.accounts.models import Organisation

GIBBS_FIELDS = ("description", "feelings", "evaluation", "analysis", "conclusion", "action_plan")


def gibbs_label(name: str) -> str:
    """A Gibbs stage's label: its model field's (translated) verbose name."""
    return str(JournalEntry._meta.get_field(name).verbose_name)


class JournalEntry(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="journal_entries"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("Description"), blank=True)
    feelings = models.TextField(_("Feelings"), blank=True)
    evaluation = models.TextField(_("Evaluation"), blank=True)
    analysis = models.TextField(_("Analysis"), blank=True)
    conclusion = models.TextField(_("Conclusion"), blank=True)
    action_plan = models.TextField(_("Action plan"), blank=True)
    practice_session = models.ForeignKey(
        "practice.PracticeSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journal_entries",
        verbose_name=_("practice session"),
    )
    conversation = models.ForeignKey(
        "conversations.Conversation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journal_entries",
        verbose_name=_("conversation"),
    )
    shared_with = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journal_entries_shared_with_me",
        verbose_name=_("shared with"),
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "created_at"], name="journal_owner_created")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.shared_with_id is not None
