from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from empathic.accounts.models import Organisation, Role, User
from empathic.practice.actions import MAX_ANSWER_CHARS
from empathic.practice.branching import KEY_RE, KINDS
from empathic.practice.models import Difficulty, Mood, Population, Scenario
from empathic.practice.presentation import kind_field_label


class AnswerForm(forms.Form):
    node = forms.SlugField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Your answer"),
        max_length=MAX_ANSWER_CHARS,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text=_("Answer as you would in the room. Feedback appears as soon as you send it."),
    )


class ScenarioFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    population = forms.ChoiceField(
        label=_("Population"),
        required=False,
        choices=[("", _("All populations")), *Population.choices],
    )
    difficulty = forms.TypedChoiceField(
        label=_("Difficulty"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any difficulty")), *Difficulty.choices],
    )


def _members(organisation: Organisation, roles: tuple[str, ...] | None = None):
    users = User.objects.filter(
        membership__organisation=organisation, membership__is_active=True
    ).order_by("full_name")
    if roles:
        users = users.filter(membership__role__in=roles)
    return users


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} ({obj.email})"


class WorkshopForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    trainees = PeopleChoiceField(label=_("Trainees"), queryset=User.objects.none(), required=False)

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainees"].queryset = _members(organisation)


class WorkshopPeopleForm(forms.Form):
    trainers = PeopleChoiceField(label=_("Trainers"), queryset=User.objects.none())
    trainees = PeopleChoiceField(label=_("Trainees"), queryset=User.objects.none(), required=False)

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = _members(organisation, (Role.ADMIN, Role.SUPERVISOR))
        self.fields["trainees"].queryset = _members(organisation)


class ScenarioChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Scenario) -> str:
        return f"{obj.title} · {obj.get_population_display()} · {obj.get_difficulty_display()}"


class AssignmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    scenarios = ScenarioChoiceField(label=_("Scenarios"), queryset=Scenario.objects.none())

    def __init__(self, scenarios, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenarios"].queryset = scenarios


class ScenarioForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    population = forms.ChoiceField(label=_("Population"), choices=Population.choices)
    difficulty = forms.TypedChoiceField(
        label=_("Difficulty"), choices=Difficulty.choices, coerce=int
    )
    client_name = forms.CharField(label=_("Client's name"), max_length=60)
    setting = forms.CharField(label=_("Setting"), max_length=300)
    background = forms.CharField(
        label=_("Client background"), widget=forms.Textarea(attrs={"rows": 4})
    )
    learning_goals = forms.CharField(
        label=_("Learning goals"),
        help_text=_("One goal per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StartNodeForm(forms.Form):
    start_node = forms.ChoiceField(label=_("First client turn"))

    def __init__(self, keys: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_node"].choices = [(k, k) for k in keys]


class NodeForm(forms.Form):
    key = forms.CharField(
        label=_("Key"),
        max_length=40,
        help_text=_("A short name for this turn: lower-case letters, digits, - and _."),
    )
    mood = forms.ChoiceField(label=_("Client's mood"), choices=Mood.choices)
    client_text = forms.CharField(
        label=_("What the client says"), widget=forms.Textarea(attrs={"rows": 4})
    )
    is_end = forms.BooleanField(label=_("The conversation ends after this turn"), required=False)

    def __init__(self, keys: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(none)")), *((k, k) for k in keys)]
        for kind in (*KINDS, "default"):
            self.fields[f"branch_{kind}"] = forms.ChoiceField(
                label=kind_field_label(kind), choices=choices, required=False
            )

    def clean_key(self) -> str:
        key = self.cleaned_data["key"].strip()
        if not KEY_RE.match(key):
            raise forms.ValidationError(_("Use lower-case letters, digits, - and _ only."))
        return key

    def branches(self) -> dict[str, str]:
        return {
            kind: self.cleaned_data[f"branch_{kind}"]
            for kind in (*KINDS, "default")
            if self.cleaned_data.get(f"branch_{kind}")
        }

    @staticmethod
    def initial_for(node) -> dict:
        initial = {
            "key": node.key,
            "mood": node.mood,
            "client_text": node.client_text,
            "is_end": node.is_end,
        }
        initial.update({f"branch_{k}": v for k, v in node.branches.items()})
        return initial
