from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from empathic.accounts.models import Team
from empathic.conversations.ingest import FORMATS
from empathic.conversations.limits import too_large_message
from empathic.conversations.models import (
    MAX_RETENTION_DAYS,
    MIN_RETENTION_DAYS,
    ConsentMethod,
    ConsentPurpose,
)

MAX_PASTE_CHARS = 500_000


class UploadForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=120,
        help_text=gettext_lazy("Something you will recognise, without the client's name."),
    )
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"), queryset=Team.objects.none(), required=False
    )
    held_on = forms.DateField(
        label=gettext_lazy("Session date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    transcript_file = forms.FileField(
        label=gettext_lazy("Transcript file"),
        required=False,
        help_text=gettext_lazy(
            "WebVTT (.vtt), SubRip (.srt), plain text (.txt, one “Name: words” line per turn), "
            "CSV or JSON. The file itself is never kept."
        ),
    )
    pasted = forms.CharField(
        label=gettext_lazy("Or paste the chat"),
        required=False,
        max_length=MAX_PASTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("One turn per line: “Name: what they said”."),
    )
    source_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[("", gettext_lazy("Recognise it"))] + [(f, f.upper()) for f in FORMATS],
    )
    practitioner_name = forms.CharField(
        label=gettext_lazy("Your name as it appears in the transcript"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("Leave empty to let Empathic recognise which speaker you are."),
    )
    names = forms.CharField(
        label=gettext_lazy("Other names to remove"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Every speaker's name is removed. List any other names mentioned (family, "
            "colleagues, places), one per line or separated by commas."
        ),
    )
    client_reference = forms.CharField(
        label=gettext_lazy("Client reference (optional)"),
        max_length=64,
        required=False,
        help_text=gettext_lazy(
            "Your case number or code for this client, never a name: it lets an admin erase "
            "everything about this client later."
        ),
    )
    consent_method = forms.ChoiceField(
        label=gettext_lazy("How did the client consent?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say how the client's consent was obtained.")},
    )
    consent_obtained_on = forms.DateField(
        label=gettext_lazy("When was consent obtained?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": gettext_lazy("Give the date consent was obtained.")},
    )
    consent_purposes = forms.MultipleChoiceField(
        label=gettext_lazy("For which uses did the client consent?"),
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one use the client agreed to.")},
    )

    def __init__(self, *args, teams=None, max_bytes: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["team"].queryset = teams if teams is not None else Team.objects.none()
        if teams is not None and teams.exists():
            self.fields["team"].required = True
            self.fields["team"].empty_label = None if teams.count() == 1 else "—"
        self.fields["held_on"].initial = timezone.localdate()

    def ask_practitioner(self, speakers, detected: str, *, file_given: bool) -> None:
        """Turn the name field into a choice of the transcript's speakers, `detected` chosen,
        after the detector was not sure. A file input cannot be refilled by the page (and the
        file was not kept), so the person selects it again."""
        field = self.fields["practitioner_name"]
        field.widget = forms.RadioSelect(choices=[(s, s) for s in speakers])
        field.label = gettext_lazy("Which speaker are you?")
        field.help_text = ""
        self.data = self.data.copy()
        self.data["practitioner_name"] = detected
        message = (
            gettext_lazy(
                "Empathic was not sure which speaker you are. Check the choice below, select "
                "the file again and upload."
            )
            if file_given
            else gettext_lazy(
                "Empathic was not sure which speaker you are. Check the choice below and upload."
            )
        )
        self.add_error("practitioner_name", message)

    def clean_transcript_file(self):
        # Before anything reads the file: the upload handler kept at most max_bytes of it and
        # flagged it too_large, so an oversized file costs no decoding or parsing.
        upload = self.cleaned_data.get("transcript_file")
        if upload is not None and self.max_bytes is not None:
            if getattr(upload, "too_large", False) or upload.size > self.max_bytes:
                raise forms.ValidationError(too_large_message(self.max_bytes))
        return upload

    def clean_consent_obtained_on(self):
        value = self.cleaned_data["consent_obtained_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The consent date cannot be in the future."))
        return value

    def clean(self):
        data = super().clean()
        upload = data.get("transcript_file")
        pasted = (data.get("pasted") or "").strip()
        if upload and pasted:
            raise forms.ValidationError(_("Upload a file or paste the chat, not both."))
        if not upload and not pasted:
            if "transcript_file" not in self.errors:
                self.add_error("transcript_file", _("Choose a transcript file or paste the chat."))
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write something first.")},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RetentionForm(forms.Form):
    retention_days = forms.IntegerField(
        label=gettext_lazy("Keep conversations for (days)"),
        min_value=MIN_RETENTION_DAYS,
        max_value=MAX_RETENTION_DAYS,
        help_text=gettext_lazy(
            "Conversations older than this are deleted by the daily purge, with their scores "
            "and comments."
        ),
    )


class EraseClientForm(forms.Form):
    client_reference = forms.CharField(
        label=gettext_lazy("Client reference"),
        max_length=64,
        help_text=gettext_lazy("Every conversation with exactly this reference is erased."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand this cannot be undone."),
        error_messages={"required": gettext_lazy("Tick the box to confirm.")},
    )
