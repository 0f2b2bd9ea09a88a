"""Celery tasks of the directory: thin, the logic is in ``reconfirmation``."""

from celery import shared_task

from . import reconfirmation


@shared_task
def sweep_reconfirmations() -> dict[str, int]:
    """Daily (beat): ask, remind and hide as the re-confirmation rules say."""
    result = reconfirmation.sweep()
    return {"asked": len(result.asked), "reminded": len(result.reminded), "hidden": len(result.hidden)}


@shared_task
def send_reconfirmation_digest() -> bool:
    """Weekly (beat): staff hear of the people hidden for want of an answer."""
    return reconfirmation.weekly_digest()


@shared_task
def send_new_reconfirmation_link(email: str) -> int:
    """A new link for each active person with this address; the page that asked answered before knowing."""
    return len(reconfirmation.renew(email))
