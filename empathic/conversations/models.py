"""Conversations: redacted transcripts, their analysis, supervision comments and retention.

Nothing here holds the original upload. ``Turn.text`` is the redacted text; every score is
stored beside the name@version of the model that produced it (``Conversation.models``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_RETENTION_DAYS = 365
MIN_RETENTION_DAYS = 7
MAX_RETENTION_DAYS = 3650


class ConversationPolicy(models.Model):
    """How long an organisation keeps conversations (the daily purge reads it)."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="conversation_policy"
    )
    retention_days = models.PositiveIntegerField(
        _("keep conversations for (days)"), default=DEFAULT_RETENTION_DAYS
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Conversation retention: {self.retention_days} days"


class Status(models.TextChoices):
    QUEUED = "queued", _("Waiting to be analysed")
    RUNNING = "running", _("Being analysed")
    DONE = "done", _("Analysed")
    FAILED = "failed", _("Analysis failed")


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", _("Verbally, noted in the case record")
    WRITTEN = "written", _("Signed consent form")
    ELECTRONIC = "electronic", _("Electronic consent (online form, text message)")
    OTHER = "other", _("Another documented way")


class ConsentPurpose(models.TextChoices):
    SUPERVISION = "supervision", _("Clinical supervision")
    SELF_REVIEW = "self_review", _("The practitioner's own professional development")
    TRAINING = "training", _("Training of other staff (redacted excerpts)")
    QUALITY = "quality", _("Service quality improvement (aggregate figures)")


class Conversation(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="conversations"
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
    )
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    # The organisation's own pseudonymous reference for the client (e.g. a case number): what an
    # admin erases by. Never a name; the upload form refuses anything that looks like PII.
    client_reference = models.CharField(_("client reference"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("session date"))
    source_format = models.CharField(max_length=16)
    practitioner_method = models.CharField(max_length=500, blank=True)
    # SHA-256 of the redacted, normalised turns: finds a second upload of the same session.
    content_sha256 = models.CharField(max_length=64)
    redaction_counts = models.JSONField(default=dict, blank=True)
    consent_method = models.CharField(
        _("how consent was obtained"), max_length=16, choices=ConsentMethod.choices
    )
    consent_obtained_on = models.DateField(_("consent obtained on"))
    consent_purposes = models.JSONField(_("consented uses"), default=list)

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    failure_reason = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveIntegerField(default=0)  # times a worker claimed it
    analysis_runs = models.PositiveIntegerField(default=0)  # times results were written: 0 or 1
    lease_owner = models.CharField(max_length=120, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    analysed_by = models.CharField(max_length=120, blank=True)  # the worker that wrote results
    model_versions = models.JSONField(default=dict, blank=True)  # head family -> name@version
    turn_count = models.PositiveIntegerField(default=0)

    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "content_sha256"], name="conversation_unique_upload"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "created_at"], name="conv_org_time"),
            models.Index(fields=["practitioner", "created_at"], name="conv_practitioner_time"),
            models.Index(fields=["team", "status", "reviewed_at"], name="conv_team_review"),
            models.Index(fields=["status", "lease_expires_at"], name="conv_status_lease"),
            models.Index(fields=["expires_at"], name="conv_expiry"),
            models.Index(fields=["organisation", "client_reference"], name="conv_client_ref"),
        ]

    def __str__(self) -> str:
        # The audit trail's subject label: never a title or client text here.
        return f"Conversation #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.status in (Status.DONE, Status.FAILED)


class TurnRole(models.TextChoices):
    PRACTITIONER = "practitioner", _("Practitioner")
    CLIENT = "client", _("Client")


class Turn(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="turns")
    index = models.PositiveIntegerField()
    role = models.CharField(max_length=16, choices=TurnRole.choices)
    speaker = models.CharField(max_length=40)  # a pseudonym: "Practitioner", "Client 2"
    text = models.TextField()  # redacted
    start = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["conversation", "index"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "index"], name="turn_unique_index")
        ]

    def __str__(self) -> str:
        return f"Turn {self.index} of conversation #{self.conversation_id}"


class TurnScore(models.Model):
    """One turn's analysis: the figures the trend queries need as columns, the rest as JSON."""

    turn = models.OneToOneField(Turn, on_delete=models.CASCADE, related_name="score")
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="turn_scores"
    )
    er = models.PositiveSmallIntegerField(null=True)  # EPITOME levels 0-2, practitioner turns
    ip = models.PositiveSmallIntegerField(null=True)
    ex = models.PositiveSmallIntegerField(null=True)
    mi_code = models.CharField(max_length=32, blank=True)
    strategy = models.CharField(max_length=64, blank=True)
    emotion = models.CharField(max_length=32, blank=True)  # client turns: strongest emotion
    distress = models.FloatField(null=True)
    hostility = models.FloatField(null=True)  # P(hate) + P(offensive)
    talk_type = models.CharField(max_length=16, blank=True)
    missed_empathy = models.BooleanField(default=False)
    analysis = models.JSONField(default=dict)  # the turn's full analysis, without its text

    class Meta:
        indexes = [models.Index(fields=["conversation"], name="turnscore_conversation")]

    def __str__(self) -> str:
        return f"Score of turn #{self.turn_id}"


class ConversationSummary(models.Model):
    """The one results row of an analysed conversation (MITI-style metrics, mechanism rates).

    One-to-one with the conversation: a second write of the same analysis is refused by the
    database, which is what makes a duplicate task delivery harmless.
    """

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="summary"
    )
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE)
    team = models.ForeignKey("accounts.Team", on_delete=models.SET_NULL, null=True, blank=True)
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    held_on = models.DateField()
    practitioner_turns = models.PositiveIntegerField()
    client_turns = models.PositiveIntegerField()
    reflection_to_question = models.FloatField(null=True)
    percent_complex_reflections = models.FloatField(null=True)
    percent_open_questions = models.FloatField(null=True)
    practitioner_talk_share = models.FloatField(null=True)
    er_rate = models.FloatField()
    ip_rate = models.FloatField()
    ex_rate = models.FloatField()
    missed_moments = models.PositiveIntegerField()
    change_talk = models.PositiveIntegerField()
    sustain_talk = models.PositiveIntegerField()
    data = models.JSONField(default=dict)  # the whole summary, bands and ratings included
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["practitioner", "held_on"], name="summary_practitioner_time"),
            models.Index(fields=["team", "held_on"], name="summary_team_time"),
        ]

    def __str__(self) -> str:
        return f"Summary of conversation #{self.conversation_id}"


class Comment(models.Model):
    """A supervisor's comment on a turn, or an answer to one (``parent``)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="comments"
    )
    turn = models.ForeignKey(Turn, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment #{self.pk}"
