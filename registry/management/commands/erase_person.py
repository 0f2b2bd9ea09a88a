from django.core.management.base import BaseCommand, CommandError

from contacts.models import Person
from registry.erasure import erase_person


class Command(BaseCommand):
    help = (
        "Erase a person on request (README, 'Data protection'): their name, contact details, consent record, login "
        "and history go; participations, follow-ups and designations stay, pointing at 'Erased person #<id>'. "
        "Needs --confirm."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("person_id", type=int)
        parser.add_argument("--confirm", action="store_true", help="Erase; without it nothing is changed.")

    def handle(self, *args, person_id: int, confirm: bool, **options) -> None:
        person = Person.objects.filter(pk=person_id).first()
        if person is None:
            raise CommandError(f"No person #{person_id}.")
        if not confirm:
            raise CommandError(f"This erases person #{person_id} for good; run again with --confirm. Nothing changed.")
        erase_person(person)
        self.stdout.write(f"Person #{person_id} erased.")
