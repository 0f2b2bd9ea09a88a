"""Writes on follow-ups. A follow-up's status changes here and nowhere else."""

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from .models import FollowUp, ProgressUpdate


@transaction.atomic
def record_progress(
    follow_up: FollowUp,
    author: User | None,
    status: str,
    note: str = "",
    evidence_url: str = "",
    evidence_file: UploadedFile | None = None,
    shared_with_network: bool = False,
) -> ProgressUpdate:
    """Append a progress update and move the follow-up to ``status``, in one transaction.

    The follow-up row is locked first, so two coordinators saving at once each see the other's status as "before".
    """
    locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    update = ProgressUpdate(
        follow_up=locked,
        author=author,
        status_before=locked.status,
        status_after=status,
        note=note,
        evidence_url=evidence_url,
        shared_with_network=shared_with_network,
    )
    if evidence_file is not None:
        update.evidence_file = evidence_file
    update.full_clean()
    update.save()
    locked.status = status
    locked.last_progress_on = timezone.localdate()
    locked.save(update_fields=["status", "last_progress_on"])
    follow_up.refresh_from_db(fields=["status", "last_progress_on"])
    return update
