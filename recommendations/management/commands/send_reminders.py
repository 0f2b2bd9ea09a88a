from django.core.management.base import BaseCommand

from recommendations import reminders


class Command(BaseCommand):
    help = (
        "Run the reminder sweep and send the digests now, without Celery (for the embedded default and for cron). "
        "--dry-run only lists what is due."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Write and send nothing; list what is due.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        result = reminders.sweep(dry_run=dry_run)
        verb = "would write" if dry_run else "wrote"
        self.stdout.write(f"Sweep {verb} {result.created} reminder(s); reclaimed {result.reclaimed} stale claim(s).")
        for problem in result.problems:
            self.stdout.write(self.style.WARNING(f"Cannot send: {problem}"))
        if dry_run:
            return
        reminders.report_problems(result.problems)
        for recipient_id in result.recipients:
            try:
                count = reminders.send_digest(recipient_id)
            except reminders.DigestNotSent as error:
                self.stdout.write(self.style.ERROR(f"Not sent to person {recipient_id}: {error}"))
                continue
            if count:
                self.stdout.write(f"Sent 1 e-mail covering {count} reminder(s) to person {recipient_id}.")
