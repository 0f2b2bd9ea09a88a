"""Celery tasks of the project on top: thin, the logic is in the modules they call."""

from celery import shared_task

from . import retention


@shared_task
def apply_retention() -> dict[str, int]:
    """Daily (beat): delete the rows past their retention age, in batches; log the counts."""
    return retention.apply_retention()
