"""Events (symposia, conferences, roundtables, trainings) with their organisers, countries, people and documents.

Visibility is decided once per model by the ``visible_to(user)`` QuerySet methods.
"""

from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, models
from django.db.models import F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from contacts.models import Organization, Person, Term, people_counted_for, people_visible_to
from core import roles
from core.files import AllowedUpload, ProtectedStorage, RandomName, original_name
from core.translated_fields import InActiveLanguage
from core.visibility import events_visible_to

from .choices import (
    PARTY_ACTIONS,
    BilateralTreatyKind,
    DocumentKind,
    DocumentVisibility,
    EventKind,
    EventStatus,
    GcmObjective,
    OrganizationRole,
    ParticipationRole,
    PillarCode,
    SdgGoal,
    TreatyAction,
)


class Pillar(Term):
    """One of the "4 Ps" of anti-trafficking work: prosecution, protection, prevention, partnership."""

    choices = PillarCode

    class Meta(Term.Meta):
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")


class NumberedGoal(models.Model):
    """A numbered goal of a global framework; the number is stored, the title translated."""

    choices: type[models.IntegerChoices]

    number = models.PositiveSmallIntegerField(_("number"), primary_key=True)

    class Meta:
        abstract = True
        ordering = ["number"]

    def __str__(self) -> str:
        return str(self.choices(self.number).label) if self.number in self.choices.values else str(self.number)


class SustainableDevelopmentGoal(NumberedGoal):
    choices = SdgGoal

    class Meta(NumberedGoal.Meta):
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")


class MigrationCompactObjective(NumberedGoal):
    choices = GcmObjective

    class Meta(NumberedGoal.Meta):
        verbose_name = _("Global Compact for Migration objective")
        verbose_name_plural = _("Global Compact for Migration objectives")


class VocabularyQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "VocabularyQuerySet":
        """Programmes and themes name no one: anyone may read them, as they read the published events they tag."""
        return self


class TranslatedTerm(models.Model):
    """A term staff edit whose names are in every site language (``events/translation.py``), English required."""

    class Meta:
        abstract = True
        ordering = [InActiveLanguage("name")]

    def save(self, *args, **kwargs) -> None:
        # modeltranslation writes the untranslated columns (name, ...) in the language of the page that saves; kept in
        # English, their unique constraints hold the English names, and events/search.py finds them.
        with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            super().save(*args, **kwargs)


class Programme(TranslatedTerm):
    """A funded programme under which events run (SPHERE II, RDPP, ARMP, ...). Editable by staff."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True)
    donors = models.ManyToManyField(Organization, verbose_name=_("donors"), blank=True, related_name="programmes")

    objects = VocabularyQuerySet.as_manager()

    class Meta(TranslatedTerm.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.acronym or self.name


class Theme(TranslatedTerm):
    """A subject an event covers (digital evidence, financial investigations, ...). Editable by staff."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    objects = VocabularyQuerySet.as_manager()

    class Meta(TranslatedTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Instrument(TranslatedTerm):
    """A legal instrument (UNTOC and its Protocols, ...) that events refer to and countries join. Editable by staff.

    ``code`` is stable whatever staff call the instrument, so that code finds UNTOC by ``InstrumentCode.UNTOC``;
    instruments entered before codes existed may have none.
    """

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    code = models.SlugField(
        _("code"),
        max_length=40,
        blank=True,
        help_text=_("A short fixed identifier (e.g. untoc) that does not change when the name does."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)

    objects = VocabularyQuerySet.as_manager()

    class Meta(TranslatedTerm.Meta):
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="instrument_code_unique",
                violation_error_message=_("Another legal instrument already has this code."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class TreatyStatusQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "TreatyStatusQuerySet":
        """Which country joined which instrument is public record: anyone may read it, demo rows included (each says
        it is one)."""
        return self

    def parties(self) -> "TreatyStatusQuerySet":
        """Ratifications, accessions, acceptances and successions: not signatures alone."""
        return self.filter(action__in=PARTY_ACTIONS)

    def of_country(self, code: str) -> "TreatyStatusQuerySet":
        return self.filter(country=code)


class TreatyStatus(models.Model):
    """Where a country stands under a multilateral instrument: how it joined it, when, with what reservations.

    One row per country and instrument; a signature later followed by ratification is one row, changed.
    """

    country = CountryField(_("country"))
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("legal instrument"), on_delete=models.PROTECT, related_name="statuses"
    )
    action = models.CharField(_("action"), max_length=16, choices=TreatyAction.choices)
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_(
            "Date of deposit of the instrument of ratification, accession, etc. "
            "(for a signature only, the date of signature)."
        ),
    )
    reservations = models.TextField(_("reservations and declarations"), blank=True)
    source_note = models.TextField(_("notes on the sources"), blank=True)
    source_link = models.URLField(_("source link"), max_length=500, blank=True)
    demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Entered to show the tools, not checked against the depositary.")
    )

    objects = TreatyStatusQuerySet.as_manager()

    class Meta:
        ordering = ["country", F("instrument__adopted_on").asc(nulls_last=True), "instrument_id"]
        verbose_name = _("treaty status")
        verbose_name_plural = _("treaty statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "instrument"],
                name="treaty_status_unique_per_country",
                violation_error_message=_(
                    "This country already has a status under this instrument: change that row instead."
                ),
            ),
        ]
        indexes = [models.Index(fields=["instrument", "action"])]

    def __str__(self) -> str:
        return f"{self.country.name}: {self.instrument} ({self.get_action_display()})"

    @property
    def is_party(self) -> bool:
        return self.action in PARTY_ACTIONS

    def clean(self) -> None:
        super().clean()
        if self.date and self.date > date.today():
            raise ValidationError({"date": ValidationError(_("The date cannot be in the future."), code="future")})
        instrument = self.instrument if self.instrument_id else None
        if self.date and instrument and instrument.adopted_on and self.date < instrument.adopted_on:
            message = _("The date cannot be before the instrument was adopted (%(adopted)s).")
            raise ValidationError(
                {"date": ValidationError(message, code="before_adoption", params={"adopted": instrument.adopted_on})}
            )


def in_order(a: str, b: str) -> tuple[str, str]:
    """Two country codes in the order a bilateral treaty stores them: alphabetical."""
    a, b = str(a).upper(), str(b).upper()
    return (a, b) if a <= b else (b, a)


class BilateralTreatyQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "BilateralTreatyQuerySet":
        """Treaties between states are public record, like treaty status."""
        return self

    def between(self, a: str, b: str) -> "BilateralTreatyQuerySet":
        first, second = in_order(a, b)
        return self.filter(country_a=first, country_b=second)

    def of_country(self, code: str) -> "BilateralTreatyQuerySet":
        return self.filter(Q(country_a=code) | Q(country_b=code))


class BilateralTreaty(models.Model):
    """A treaty or agreement between two countries on mutual legal assistance, extradition, ...

    The two countries are stored in alphabetical order of their codes (``save`` puts them so), so a treaty between
    Egypt and Morocco is always EG–MA and a second copy as MA–EG cannot exist.
    """

    country_a = CountryField(_("first country"), help_text=_("The two countries may be entered in either order."))
    country_b = CountryField(_("second country"))
    kind = models.CharField(_("kind"), max_length=16, choices=BilateralTreatyKind.choices)
    title = models.CharField(_("title"), max_length=400)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force since"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source_link = models.URLField(_("source link"), max_length=500, blank=True)
    demo = models.BooleanField(
        _("demo record"), default=False, help_text=_("Entered to show the tools, not checked against the treaty.")
    )

    objects = BilateralTreatyQuerySet.as_manager()

    class Meta:
        ordering = ["country_a", "country_b", F("signed_on").asc(nulls_last=True), "title"]
        verbose_name = _("bilateral treaty")
        verbose_name_plural = _("bilateral treaties")
        constraints = [
            models.CheckConstraint(
                condition=~Q(country_a=F("country_b")),
                name="bilateral_treaty_two_countries",
                violation_error_message=_("A country cannot have a treaty with itself."),
            ),
            models.CheckConstraint(
                condition=Q(country_a__lte=F("country_b")),  # equal ones: the check above
                name="bilateral_treaty_countries_in_order",
                violation_error_message=_("The two countries are stored in alphabetical order of their codes."),
            ),
            models.CheckConstraint(
                condition=Q(in_force_on__isnull=True) | Q(signed_on__isnull=True) | Q(in_force_on__gte=F("signed_on")),
                name="bilateral_treaty_in_force_after_signature",
                violation_error_message=_("A treaty cannot enter into force before it is signed."),
            ),
            models.UniqueConstraint(
                fields=["country_a", "country_b", "title"],
                name="bilateral_treaty_unique_title",
                violation_error_message=_("These two countries already have a treaty with this title."),
            ),
        ]
        indexes = [models.Index(fields=["country_b"])]  # country_a leads the unique index

    def __str__(self) -> str:
        return f"{self.title} ({self.country_a.code}–{self.country_b.code})"

    def save(self, *args, **kwargs) -> None:
        self.put_in_order()
        super().save(*args, **kwargs)

    def put_in_order(self) -> None:
        if self.country_a and self.country_b:
            self.country_a, self.country_b = in_order(self.country_a, self.country_b)

    def other_country(self, code: str):
        """The party that is not ``code``."""
        return self.country_b if self.country_a == code else self.country_a

    def clean(self) -> None:
        super().clean()
        self.put_in_order()  # before the constraints are checked: MA–EG is checked as EG–MA
        if self.signed_on and self.signed_on > date.today():
            message = _("The date of signature cannot be in the future.")
            raise ValidationError({"signed_on": ValidationError(message, code="future")})


def validate_url_lines(value: str) -> None:
    """Each non-empty line must be an http(s) URL."""
    validate = URLValidator(schemes=["http", "https"])
    for number, line in enumerate(value.splitlines(), start=1):
        if line.strip():
            try:
                validate(line.strip())
            except ValidationError:
                raise ValidationError(
                    _("Line %(number)s is not a web address: %(line)s"),
                    params={"number": number, "line": line},
                ) from None


def count_of(rows: models.QuerySet) -> Coalesce:
    """How many ``rows`` there are, as a subquery to annotate each row of an outer query with."""
    counted = rows.order_by().annotate(total=Func(F("pk"), function="COUNT")).values("total")  # no GROUP BY
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class EventQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "EventQuerySet":
        """Staff see drafts too; everyone else, anonymous visitors included, sees published events. The rule is
        ``core.visibility.events_visible_to``, which the directory applies through people's participations."""
        return self.filter(events_visible_to(user))

    def with_visible_previous(self, user: roles.UserLike) -> "EventQuerySet":
        """Annotate ``visible_previous_event_id``: the previous edition's id where ``user`` may see that event, else
        None, so that no caller learns the id of a draft."""
        visible = Event.objects.visible_to(user).filter(pk=OuterRef("previous_event_id")).values("pk")
        return self.annotate(visible_previous_event_id=Subquery(visible))

    def with_counts(self, user: roles.UserLike | None = None) -> "EventQuerySet":
        """Annotate ``recorded_participant_count`` and ``participating_country_count``, as entered (not as reported).

        With ``user``, participants are counted as that user may count them (``Person.objects.counted_for``): hidden
        people are in no figure. Without, every participant (the admin of staff, who see them all).
        """
        participants = Participation.objects.filter(event=OuterRef("pk"))
        if user is not None:
            participants = participants.filter(people_counted_for(user, via="person__"))
        # Counted per event in a subquery: a join of every participation, grouped, would cost the whole list.
        return self.annotate(
            recorded_participant_count=count_of(participants),
            participating_country_count=count_of(EventCountry.objects.filter(event=OuterRef("pk"))),
        )


class Event(models.Model):
    """A symposium, conference, roundtable or training, as staff record it from its agenda and press release.

    The seeds do not always give full dates: leave them empty and say what is known in ``date_note``.
    ``reported_participant_count`` is the figure a press release gives, kept apart from the participants recorded.
    """

    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_note = models.CharField(
        _("date as the source gives it"),
        max_length=255,
        blank=True,
        help_text=_("When the source gives no full date, e.g. '16-18 May, year not stated'."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    host_country = CountryField(_("host country"), blank=True)
    summary = models.TextField(_("summary"), blank=True)
    programmes = models.ManyToManyField(Programme, verbose_name=_("programmes"), blank=True, related_name="events")
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="events")
    pillars = models.ManyToManyField(Pillar, verbose_name=_("pillars"), blank=True, related_name="events")
    instruments = models.ManyToManyField(
        Instrument, verbose_name=_("legal instruments"), blank=True, related_name="events"
    )
    sdg_goals = models.ManyToManyField(
        SustainableDevelopmentGoal, verbose_name=_("SDG goals"), blank=True, related_name="events"
    )
    gcm_objectives = models.ManyToManyField(
        MigrationCompactObjective, verbose_name=_("GCM objectives"), blank=True, related_name="events"
    )
    previous_event = models.ForeignKey(
        "self",
        verbose_name=_("previous event in the series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_events",
    )
    reported_participant_count = models.PositiveIntegerField(_("reported participants"), null=True, blank=True)
    reported_country_count = models.PositiveIntegerField(
        _("reported countries"),
        null=True,
        blank=True,
        help_text=_("The number of countries the source states, which may differ from the countries it names."),
    )
    source_links = models.TextField(
        _("source links"),
        blank=True,
        validators=[validate_url_lines],
        help_text=_("One web address per line."),
    )
    source_note = models.TextField(_("notes on the sources"), blank=True)
    history = HistoricalRecords(excluded_fields=["summary"])

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [F("start_date").desc(nulls_last=True), "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=False, end_date__gte=F("start_date")),
                name="event_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date, nor set without it."),
            ),
        ]
        indexes = [models.Index(fields=["start_date"]), models.Index(fields=["host_country", "status"])]

    def __str__(self) -> str:
        when = self.start_date.year if self.start_date else self.date_note
        return f"{self.title} ({when})" if when else self.title

    def clean(self) -> None:
        super().clean()
        self.check_series(self.previous_event)

    def series_back(self) -> list[int]:
        """The ids of this event and of the editions before it, walking ``previous_event`` back, in one recursive
        query; its UNION drops rows already seen, so a series that already loops ends the walk too."""
        quote = connection.ops.quote_name
        table, pk = quote(self._meta.db_table), quote(self._meta.pk.column)
        previous = quote(self._meta.get_field("previous_event").column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH RECURSIVE chain(id) AS (SELECT {pk} FROM {table} WHERE {pk} = %s "  # noqa: S608
                f"UNION SELECT e.{previous} FROM {table} e JOIN chain ON e.{pk} = chain.id "
                f"WHERE e.{previous} IS NOT NULL) SELECT id FROM chain",
                [self.pk],
            )
            return [row[0] for row in cursor.fetchall()]

    def check_series(self, previous: "Event | None") -> None:
        """Refuse ``previous`` as the event before this one where the series would loop: an event following itself,
        or following one of its own successors at any depth. The admin (through ``clean``) and any writer call it.

        One recursive query walks back from ``previous`` (``series_back``).
        """
        if previous is None or self.pk is None:
            return  # an event not saved yet has no successor
        if previous.pk == self.pk:
            raise ValidationError(
                {"previous_event": ValidationError(_("An event cannot follow itself."), code="series_loop")}
            )
        loops = self.pk in previous.series_back()
        if loops:
            message = _("“%(event)s” already follows this event in the series, so it cannot come before it.")
            raise ValidationError(
                {"previous_event": ValidationError(message, code="series_loop", params={"event": previous})}
            )


class EventOrganization(models.Model):
    """An organisation's part in an event: organiser, co-organiser, host, funder or partner."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="organizations")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="event_roles"
    )
    role = models.CharField(_("role"), max_length=16, choices=OrganizationRole.choices)

    class Meta:
        ordering = ["role", "organization__name"]
        verbose_name = _("organisation at the event")
        verbose_name_plural = _("organisations at the event")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"],
                name="event_organization_unique_role",
                violation_error_message=_("This organisation already has this role at the event."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class EventCountry(models.Model):
    """A participating country and the size of its delegation."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="countries")
    country = CountryField(_("country"))
    delegation_size = models.PositiveIntegerField(_("delegation size"), null=True, blank=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("participating country")
        verbose_name_plural = _("participating countries")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "country"],
                name="event_country_unique",
                violation_error_message=_("This country is already listed for the event."),
            ),
            models.CheckConstraint(
                condition=Q(delegation_size__isnull=True) | Q(delegation_size__gte=0),
                name="event_country_delegation_not_negative",
                violation_error_message=_("A delegation cannot have a negative size."),
            ),
        ]
        indexes = [models.Index(fields=["country"])]

    def __str__(self) -> str:
        return str(self.country.name)


class ParticipationQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "ParticipationQuerySet":
        """Who attended is personal data: members see visible people at visible events; anonymous nobody."""
        if roles.is_iom_staff(user):
            return self
        if roles.is_network_member(user):
            return self.filter(people_visible_to(user, via="person__"), event__in=Event.objects.visible_to(user))
        return self.none()


class Participation(models.Model):
    """A person at an event, in a role, for a delegation."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT
    )
    delegation_country = CountryField(_("delegation"), blank=True)
    attended = models.BooleanField(_("attended"), default=True)
    history = HistoricalRecords()

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "person__family_name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="participation_unique_person_per_event",
                violation_error_message=_("This person is already recorded at this event."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.event}"


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "DocumentQuerySet":
        """Staff see all; members see public and network documents of visible events; anonymous public ones."""
        if roles.is_iom_staff(user):
            return self
        allowed = [DocumentVisibility.PUBLIC]
        if roles.is_network_member(user):
            allowed.append(DocumentVisibility.NETWORK)
        return self.filter(visibility__in=allowed, event__in=Event.objects.visible_to(user))


class Document(models.Model):
    """An agenda, concept note, report, press release, presentation or attendance list: a file or a link."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"),
        upload_to=RandomName("documents"),
        storage=ProtectedStorage(),
        blank=True,
        validators=[AllowedUpload()],
        help_text=_("PDF, PNG, JPEG, an office document or text."),
    )
    file_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    url = models.URLField(_("link"), blank=True, max_length=500)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=DocumentVisibility.choices, default=DocumentVisibility.STAFF
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["event", "kind", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""),
                name="document_has_file_or_link",
                violation_error_message=_("Attach a file or give a link."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.file_name = original_name(self.file) or self.file_name
        super().save(*args, **kwargs)

    @property
    def download_name(self) -> str:
        return self.file_name or PurePath(self.file.name).name
