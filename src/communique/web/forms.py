"""Forms of the pages that change something. Values are checked here; rules live in the services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from communique.tracker.models import CORRECTABLE_FIELDS, EVIDENCE_KINDS, STATUS_CHOICES

UPLOAD_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".pdf", ".html", ".htm", ".docx")
DEFAULT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024


def upload_max_bytes() -> int:
    return int(getattr(settings, "COMMUNIQUE_UPLOAD_MAX_BYTES", DEFAULT_UPLOAD_MAX_BYTES))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[(name, _(name)) for _code, name in STATUS_CHOICES])
    score = forms.TypedChoiceField(
        label=_("Compliance"), required=False, coerce=int, empty_value=None,
        choices=[("", _("not assessed")), ("-1", _("−1 no compliance")), ("0", _("0 partial")),
                 ("1", _("+1 full compliance"))],
    )
    assessed_on = forms.DateField(label=_("Assessed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    due = forms.CharField(label=_("Due (YYYY, YYYY-MM or YYYY-MM-DD)"), required=False, max_length=10)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    why = forms.CharField(label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, assignees: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", _("nobody"))] + [(name, name) for name in assignees or []]


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[(k, _(label)) for k, label in EVIDENCE_KINDS])
    url = forms.URLField(label=_("Link"), required=False, max_length=2000, assume_scheme="https")
    text = forms.CharField(label=_("Note"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 2}))
    path = forms.CharField(label=_("File reference"), required=False, max_length=1000)
    paragraph = forms.IntegerField(label=_("Paragraph id (of another statement)"), required=False, min_value=1)
    dated = forms.DateField(label=_("Date of the evidence"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needed = {"link": "url", "note": "text", "file": "path", "paragraph": "paragraph"}.get(data.get("kind", ""))
        if needed and not data.get(needed):
            self.add_error(needed, _("This kind of evidence needs this field."))
        return data


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("Field"), choices=[(f, _(f)) for f in CORRECTABLE_FIELDS])
    value = forms.CharField(
        label=_("Correct value"), max_length=2000, required=False,
        help_text=_("Lists: comma-separated (e.g. JPN, KAZ or commit, welcome); dates as mention=ISO; "
                    "is_commitment: yes or no."),
    )
    why = forms.CharField(label=_("Why"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))

    def correction_value(self) -> Any:
        """The value in the form the correction service takes (list, list of dicts or bool)."""
        field, raw = self.cleaned_data["field"], self.cleaned_data["value"].strip()
        if field == "is_commitment":
            return raw.lower() in ("yes", "true", "1", "はい")
        items = [item.strip() for item in raw.replace("、", ",").split(",") if item.strip()]
        if field == "dates":
            return [
                {"mention": m.strip(), "value": v.strip()} if v else m.strip()
                for m, _sep, v in (item.partition("=") for item in items)
            ]
        return items  # actors, acts, organizations: the service checks and normalises them


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Statement file"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = upload_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)d bytes; the limit is %(limit)d bytes.") % {"size": upload.size, "limit": limit}
            )
        if Path(upload.name).suffix.lower() not in UPLOAD_SUFFIXES:
            raise forms.ValidationError(
                _("Unsupported file type; use one of: %(types)s.") % {"types": ", ".join(UPLOAD_SUFFIXES)}
            )
        return upload
