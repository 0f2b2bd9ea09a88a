from django.core.mail import get_connection
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from recommendations import delivery, reminders


class Command(BaseCommand):
    help = (
        "Run the reminder sweep, take back lost work and send the digests now, without Celery (for the embedded "
        "default and for cron). --dry-run does all of it in a transaction that it rolls back, sending to a mail "
        "backend that keeps nothing, and lists what would go out: the same figures as the real run."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Write and send nothing; list what would go out.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        if not dry_run:
            self.run(connection=None)
            return
        with transaction.atomic():
            self.run(connection=get_connection("django.core.mail.backends.dummy.EmailBackend"))
            transaction.set_rollback(True)

    def run(self, connection) -> None:
        dry_run = connection is not None
        today = timezone.localdate()
        result = reminders.sweep(today)
        if result.skipped:
            self.stdout.write("Another reminder sweep is running; nothing done.")
            return
        recovery = delivery.recover()
        self.stdout.write(
            f"Rows {'that would be ' if dry_run else ''}written: {result.written}; re-queued: {recovery.requeued}; "
            f"reclaimed: {recovery.reclaimed}; failed retried: {result.retried}; turned overdue: {result.converted}; "
            f"cancelled: {result.cancelled}; moved to the current coordinator: {result.moved}."
        )
        for problem, count in sorted(result.problems.items()):
            self.stdout.write(self.style.WARNING(f"Cannot send ({count} reminder(s)): {problem}"))
        emails = sum(self.send_to(recipient_id, connection) for recipient_id in reminders.pending_recipients())
        self.stdout.write(f"E-mails {'that would go out' if dry_run else 'sent'}: {emails}.")
        if reminders.queue_staff_report(result, today):
            self.stdout.write(f"Staff report {'would be ' if dry_run else ''}queued.")

    def send_to(self, recipient_id: int, connection) -> int:
        """Send one digest (to the dummy backend in a dry run) and list what it covered; 1 if it went out."""
        try:
            rows = delivery.send_digest(recipient_id, connection)
        except delivery.DigestNotSent as error:
            self.stdout.write(self.style.ERROR(f"Not sent to person {recipient_id}: {error}"))
            return 0
        if not rows:
            return 0
        recipient = rows[0].recipient
        self.stdout.write(f"To {recipient} <{recipient.email}>: {len(rows)} reminder(s)")
        for row in rows:
            self.stdout.write(f"  - {row.get_kind_display()}: {row.follow_up}")
        return 1
