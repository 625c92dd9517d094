"""Scenarios (authored branching client conversations), practice sessions and workshops.

A scenario is a small graph: each node is one client turn; its ``branches`` map a response kind
(see ``empathic.practice.branching``) to the key of the next node. Library scenarios ship as JSON
in ``empathic/practice/scenarios/`` and have no organisation; organisations author their own.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from empathic.accounts.models import Organisation


class Population(models.TextChoices):
    REFUGEES = "refugees", _("Refugees and asylum seekers")
    DISABILITY = "disability", _("People with disabilities")
    LGBTQ = "lgbtq", _("LGBTQ+ people")
    YOUNG_PEOPLE = "young_people", _("Young people")
    OLDER_ADULTS = "older_adults", _("Older adults")
    RURAL = "rural", _("Rural clients")
    VETERANS = "veterans", _("Veterans")
    SUBSTANCES = "substances", _("People who use substances")
    HOUSING = "housing", _("People facing housing loss")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Survivors of domestic violence")
    CHILD_PROTECTION = "child_protection", _("Parents in child-protection contact")
    CRISIS = "crisis", _("People in crisis")


class Difficulty(models.IntegerChoices):
    INTRODUCTORY = 1, _("Introductory")
    INTERMEDIATE = 2, _("Intermediate")
    ADVANCED = 3, _("Advanced")


class Mood(models.TextChoices):
    """How the client sounds in a node: shown as a word, never as a colour only."""

    OPENING = "opening", _("Opening")
    OPEN = "open", _("Opening up")
    GUARDED = "guarded", _("Guarded")
    ESCALATED = "escalated", _("Escalating")
    HOPEFUL = "hopeful", _("Hopeful")
    CLOSED = "closed", _("Withdrawn")


class Scenario(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="scenarios",
        help_text="Empty for the shipped library, which every organisation can read.",
    )
    slug = models.SlugField(max_length=80)
    title = models.CharField(_("title"), max_length=150)
    population = models.CharField(_("population"), max_length=30, choices=Population.choices)
    setting = models.CharField(_("setting"), max_length=300)
    background = models.TextField(_("client background"))
    learning_goals = models.TextField(_("learning goals"), help_text=_("One goal per line."))
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), choices=Difficulty.choices, default=Difficulty.INTRODUCTORY
    )
    client_name = models.CharField(_("client's name"), max_length=60)
    start_node = models.SlugField(_("first client turn"), max_length=40, blank=True)
    is_published = models.BooleanField(_("ready for practice"), default=False)
    content_hash = models.CharField(max_length=64, blank=True)  # library sync only
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["population", "difficulty", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="scenario_slug_unique_in_org"
            ),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(organisation=None),
                name="scenario_slug_unique_in_library",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_library(self) -> bool:
        return self.organisation_id is None

    @property
    def goals(self) -> list[str]:
        return [line.strip() for line in self.learning_goals.splitlines() if line.strip()]


class ScenarioNode(models.Model):
    """One client turn and where the conversation goes after the trainee's answer."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="nodes")
    key = models.SlugField(_("key"), max_length=40)
    client_text = models.TextField(_("what the client says"))
    mood = models.CharField(_("client's mood"), max_length=20, choices=Mood.choices)
    is_end = models.BooleanField(_("the conversation ends here"), default=False)
    branches = models.JSONField(default=dict, blank=True)  # response kind -> node key
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "key"], name="node_key_unique_in_scenario")
        ]

    def __str__(self) -> str:
        return f"{self.scenario.slug}:{self.key}"


class SessionStatus(models.TextChoices):
    ACTIVE = "active", _("In progress")
    COMPLETED = "completed", _("Completed")


class PracticeSession(models.Model):
    """One attempt at a scenario by one trainee: private to the trainee; trainers of a workshop
    the trainee belongs to see its levels (not its text) in the workshop's progress."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_sessions"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="practice_sessions"
    )
    scenario = models.ForeignKey(Scenario, on_delete=models.SET_NULL, null=True, related_name="+")
    scenario_title = models.CharField(max_length=150)  # kept if the scenario is deleted
    current_node = models.SlugField(max_length=40)
    # The current client turn as the optional client voice worded it (voice.py); empty: the
    # node's authored text is what the trainee sees.
    voiced_text = models.TextField(blank=True, default="")
    status = models.CharField(
        max_length=20, choices=SessionStatus.choices, default=SessionStatus.ACTIVE
    )
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["user", "status"], name="practice_session_user_status")]

    def __str__(self) -> str:
        return f"{self.scenario_title} ({self.started_at:%Y-%m-%d})"

    @property
    def is_completed(self) -> bool:
        return self.status == SessionStatus.COMPLETED


class PracticeAnswer(models.Model):
    """A trainee's answer to one client turn, with its scores and the feedback shown."""

    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="answers")
    index = models.PositiveSmallIntegerField()
    node_key = models.SlugField(max_length=40)
    client_text = models.TextField()  # what the client had just said, as shown
    text = models.TextField()
    er = models.PositiveSmallIntegerField()
    ip = models.PositiveSmallIntegerField()
    ex = models.PositiveSmallIntegerField()
    rationales = models.JSONField(default=dict)  # mechanism -> [{start, end, text}]
    mi_code = models.CharField(max_length=30, blank=True)  # empty until the MI layer is there
    response_kind = models.CharField(max_length=20)
    feedback = models.JSONField(default=dict)  # {"missed": [...], "suggestions": [...]}
    models_used = models.JSONField(default=dict)  # head family -> name@version
    next_node = models.SlugField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["index"]
        constraints = [
            models.UniqueConstraint(fields=["session", "index"], name="answer_index_unique")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.index}"

    @property
    def levels(self) -> dict[str, int]:
        return {"er": self.er, "ip": self.ip, "ex": self.ex}


class Workshop(models.Model):
    """A cohort: trainers and trainees, all members of one organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="workshops"
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="workshops_trained", verbose_name=_("trainers")
    )
    trainees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="workshops_attended",
        blank=True,
        verbose_name=_("trainees"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A set of scenarios a workshop's trainees should complete by a date."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="assignments")
    title = models.CharField(_("title"), max_length=150)
    scenarios = models.ManyToManyField(Scenario, related_name="assignments")
    due_date = models.DateField(_("due date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title
