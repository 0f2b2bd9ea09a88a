"""factory_boy factories: one per model, named <Model>Factory. Every person is fictional, on example.org."""

import factory
from django.contrib.auth.models import Group, User

from contacts.choices import LegalBasis, LookupAction, Mandate, OrganizationKind, Visibility
from contacts.models import ExportLog, FocalPoint, LookupLog, Organization, Person
from events.choices import EventKind, EventStatus, OrganizationRole
from events.models import (
    BilateralTreaty,
    Document,
    Event,
    EventCountry,
    EventOrganization,
    Instrument,
    Participation,
    Programme,
    Theme,
    TreatyStatus,
)
from recommendations.choices import Category, FollowUpStatus, ReminderKind
from recommendations.models import FollowUp, ProgressUpdate, Recommendation, Reminder


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        if create and names:
            self.groups.set([Group.objects.get(name=name) for name in names])


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Public Prosecution Office {n}")
    kind = OrganizationKind.PROSECUTION
    country = "EG"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")
    job_title = "Senior prosecutor"
    organization = factory.SubFactory(OrganizationFactory)
    country = "EG"
    email = factory.LazyAttribute(lambda p: f"{p.given_name}.{p.family_name}@example.org".lower())
    visibility = Visibility.NETWORK
    legal_basis = LegalBasis.PUBLIC_ROLE


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    country = "EG"
    mandate = Mandate.MLA_CENTRAL_AUTHORITY
    person = factory.SubFactory(PersonFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Regional symposium {n}")
    kind = EventKind.SYMPOSIUM
    status = EventStatus.PUBLISHED
    start_date = factory.Faker("date_between", start_date="-2y", end_date="-1d")
    end_date = factory.LazyAttribute(lambda e: e.start_date)
    city = "Cairo"
    host_country = "EG"


class EventOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventOrganization

    event = factory.SubFactory(EventFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = OrganizationRole.ORGANISER


class EventCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventCountry

    event = factory.SubFactory(EventFactory)
    country = "TN"
    delegation_size = 3


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
    delegation_country = factory.LazyAttribute(lambda p: p.person.country)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    event = factory.SubFactory(EventFactory)
    kind = "report"
    title = factory.Sequence(lambda n: f"Report {n}")
    url = "https://example.org/report.pdf"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"R{n}")
    text = "Establish time-efficient channels of communication between public prosecution authorities."
    category = Category.COMMUNICATION_CHANNELS


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    recommendation = factory.SubFactory(RecommendationFactory)
    country = "EG"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Regional programme {n}")
    acronym = factory.Sequence(lambda n: f"RP{n}")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    name = factory.Sequence(lambda n: f"Protocol {n}")


class TreatyStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TreatyStatus

    country = factory.Iterator(["EG", "MA", "TN", "KE", "NG", "LY", "DZ", "JO"])
    instrument = factory.SubFactory(InstrumentFactory)
    action = "ratification"


class BilateralTreatyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BilateralTreaty

    country_a = "EG"
    country_b = "MA"
    kind = "mla"
    title = factory.Sequence(lambda n: f"Agreement on mutual legal assistance {n}")


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    follow_up = factory.SubFactory(FollowUpFactory)
    status_before = FollowUpStatus.NOT_STARTED
    status_after = FollowUpStatus.IN_PROGRESS
    note = "Draft bill sent to parliament."


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reminder

    follow_up = factory.SubFactory(FollowUpFactory)
    recipient = factory.SubFactory(PersonFactory)
    kind = ReminderKind.OVERDUE
    period_key = factory.Sequence(lambda n: f"2026-W{n % 52 + 1:02d}-{n}")


class LookupLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LookupLog

    viewer = factory.SubFactory(UserFactory)
    person = factory.SubFactory(PersonFactory)
    action = LookupAction.VIEWED


class ExportLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportLog

    user = factory.SubFactory(UserFactory)
    what = "people (country__exact=TN)"
    file_format = "csv"
    row_count = 12


class ReconfirmationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contacts.Reconfirmation"

    person = factory.SubFactory(PersonFactory)
    period = factory.Sequence(lambda n: f"2026-{n}")


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contacts.Correction"

    person = factory.SubFactory(PersonFactory)
    proposed = factory.LazyFunction(lambda: {"job_title": "Deputy prosecutor"})


class ErasureRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contacts.ErasureRequest"

    person = factory.SubFactory(PersonFactory)
