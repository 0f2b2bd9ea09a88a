from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import FollowUpStatus
from .models import EVIDENCE_VALIDATORS


class ProgressForm(forms.Form):
    """A progress report: the new status, a note, and evidence as a link or a small document."""

    status = forms.ChoiceField(label=_("New status"), choices=FollowUpStatus.choices)
    note = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    evidence_url = forms.URLField(label=_("Evidence: a link"), required=False, assume_scheme="https")
    evidence_file = forms.FileField(
        label=_("Evidence: a file"),
        required=False,
        validators=EVIDENCE_VALIDATORS,
        help_text=_("PDF, image, office document or text."),
    )
    shared_with_network = forms.BooleanField(
        label=_("Share the note and evidence with the whole network"),
        required=False,
        help_text=_("Otherwise only your country's coordinators and IOM staff see them; others see the status."),
    )
