from django.core.management.base import BaseCommand

from registry.demo_data import load_demo_data


class Command(BaseCommand):
    help = (
        "Load the demo data: the six events of the press releases in shared/seeds with their public facts, "
        "fictional people (example.org addresses) for every participating country, and DEMO follow-up "
        "assignments of the Cairo recommendations, labelled as such. Creates only what is missing: running it "
        "again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        created = load_demo_data()
        if not created:
            self.stdout.write("Demo data already loaded; nothing changed.")
            return
        for name, count in sorted(created.items()):
            self.stdout.write(f"  {count:4d} {name}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Every person in it is fictional."))
