from django.core.management.base import BaseCommand

from contacts import reconfirmation


class Command(BaseCommand):
    help = (
        "Ask people whose details were verified more than a year ago (or never) to confirm them, remind those silent "
        "for 30 days, and hide from members those silent 60 days after the reminder; --dry-run only lists them. "
        "Beat runs the same every day."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List whom it would ask, remind or hide.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        result = reconfirmation.sweep(dry_run=dry_run)
        verb = "would" if dry_run else "did"
        for label, people in (("ask", result.asked), ("remind", result.reminded), ("hide", result.hidden)):
            self.stdout.write(f"{verb} {label}: {len(people)}")
            for person in people:
                self.stdout.write(f"  #{person.pk} {person} ({person.country.code or '-'})")
