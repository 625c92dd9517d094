from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from empathic.accounts.models import User
from empathic.conversations.models import Conversation
from empathic.journal.models import gibbs_label
from empathic.journal.prompts import PROMPTS
from empathic.practice.models import PracticeSession


class LinkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        when = getattr(obj, "started_at", None) or getattr(obj, "held_on", None)
        title = getattr(obj, "scenario_title", None) or getattr(obj, "title", "")
        return f"{title} ({when:%Y-%m-%d})" if when else title


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    practice_session = LinkChoiceField(
        label=_("Linked practice session"),
        queryset=PracticeSession.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    conversation = LinkChoiceField(
        label=_("Linked conversation"),
        queryset=PracticeSession.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )

    def __init__(self, user: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_session"].queryset = PracticeSession.objects.filter(user=user)
        self.fields["conversation"].queryset = Conversation.objects.filter(
            practitioner=user
        ).order_by("-held_on")
        for name, prompt in PROMPTS.items():
            self.fields[name] = forms.CharField(
                label=gibbs_label(name),
                help_text=prompt,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search your journal"), required=False, max_length=200)


class ShareForm(forms.Form):
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"), queryset=User.objects.none(), empty_label=None
    )

    def __init__(self, supervisors, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.fields["supervisor"].label_from_instance = lambda u: f"{u.full_name} ({u.email})"
