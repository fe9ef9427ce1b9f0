"""The roster upload form: an enterprise in the actor's scope and an .xlsx file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from fugong.core.forms import ScopedForm
from fugong.org.models import Enterprise

# A roster of ROSTER_MAX_ROWS people is well under a megabyte; anything far larger is not one.
MAX_UPLOAD_MB = 10


class RosterImportForm(ScopedForm):
    # Choices come from the scope (ScopedForm), so a forged value naming another enterprise is
    # refused.
    enterprise = forms.ModelChoiceField(
        queryset=Enterprise.objects.order_by("name"),
        label=_("Enterprise"),
        help_text=_("The people in the file are registered with this enterprise."),
    )
    file = forms.FileField(
        label=_("Roster file (.xlsx)"),
        help_text=_("Fill in the template; every row is checked before anything is imported."),
        widget=forms.FileInput(
            attrs={
                "class": "form-control",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, actor=actor, **kwargs)
        field = self.model_choice("enterprise")
        first_two = list(field.queryset[:2]) if field.queryset is not None else []
        if len(first_two) == 1:
            field.initial = first_two[0]

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if name.endswith(".xls"):
            raise forms.ValidationError(
                _("This is an old Excel 97-2003 file (.xls). Save it as .xlsx and upload it again.")
            )
        if not name.endswith(".xlsx"):
            raise forms.ValidationError(
                _("%(name)s is not an Excel workbook; upload a .xlsx file."),
                params={"name": upload.name},
            )
        if (upload.size or 0) > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(mb)d MB; split it into smaller files."),
                params={"mb": MAX_UPLOAD_MB},
            )
        return upload
