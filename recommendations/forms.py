from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .choices import FollowUpStatus

EVIDENCE_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "docx", "xlsx", "odt", "ods", "txt"]


class ProgressForm(forms.Form):
    """A progress report: the new status, a note, and evidence as a link or a small document."""

    status = forms.ChoiceField(label=_("New status"), choices=FollowUpStatus.choices)
    note = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    evidence_url = forms.URLField(label=_("Evidence: a link"), required=False, assume_scheme="https")
    evidence_file = forms.FileField(
        label=_("Evidence: a file"),
        required=False,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
        help_text=_("PDF, image, office document or text."),
    )

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload and upload.size > settings.EVIDENCE_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.EVIDENCE_MAX_BYTES)},
            )
        return upload
