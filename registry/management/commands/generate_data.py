import time

from django.core.management.base import BaseCommand, CommandError

from registry import generator


class Command(BaseCommand):
    help = (
        "Generate fictional data at scale for benchmarks: N people with multilingual names in several spellings, and "
        "countries, organisations, events, participations and follow-ups in proportion (registry/generator.py). "
        "Refuses a database that holds data it did not generate, unless --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--people", type=int, default=10_000, help="How many people (default 10,000).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same data.")
        parser.add_argument("--force", action="store_true", help="Add to a database that holds other data.")

    def handle(self, *args, people: int, seed: int, force: bool, **options) -> None:
        if people < 1:
            raise CommandError("--people must be at least 1.")
        started = time.perf_counter()
        try:
            created = generator.generate(people, seed, force=force)
        except generator.RealDataPresent as error:
            raise CommandError(str(error)) from error
        for name, count in created.items():
            self.stdout.write(f"  {count:8,d} {name}")
        self.stdout.write(self.style.SUCCESS(f"Generated in {time.perf_counter() - started:.1f} s."))
