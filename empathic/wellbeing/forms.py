from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from empathic.wellbeing.models import Cadence

if TYPE_CHECKING:
    from empathic.wellbeing.scoring import Instrument


class CheckInForm(forms.Form):
    """One radio group per item; rendered as a fieldset with the item as its legend."""

    def __init__(self, instrument: Instrument, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.instrument = instrument
        for number, item in enumerate(instrument.items, start=1):
            field = forms.ChoiceField(
                label=f"{number}. {item.text}",
                choices=[(option.code, _(option.label)) for option in item.options],
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )
            field.item_number = number  # type: ignore[attr-defined]
            self.fields[f"item_{item.id}"] = field

    def answers(self) -> dict[str, str]:
        return {item.id: self.cleaned_data[f"item_{item.id}"] for item in self.instrument.items}


def _area(label: str, help_text: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ResiliencePlanForm(forms.Form):
    warning_signs = _area(
        gettext_lazy("My warning signs"),
        gettext_lazy("What tells you that work is starting to wear you down?"),
    )
    what_helps = _area(
        gettext_lazy("What helps me"),
        gettext_lazy("Things that restore you, at work and outside it."),
    )
    people_to_call = _area(
        gettext_lazy("People I can call"),
        gettext_lazy("Colleagues, friends, a supervisor, a support line: names and numbers."),
    )
    self_care = _area(
        gettext_lazy("My self-care actions"),
        gettext_lazy("Small, concrete things you will do, and when."),
    )


class ReminderForm(forms.Form):
    cadence = forms.ChoiceField(
        label=gettext_lazy("Remind me to check in"),
        choices=Cadence.choices,
        widget=forms.RadioSelect,
    )
