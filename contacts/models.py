"""Organisations, people and focal-point designations: the counterpart directory.

Who may see what is decided here, once per model, by the ``visible_to(user)`` QuerySet methods. The admin, the pages
and the API all start from them.
"""

from datetime import date

import pycountry
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Case, F, Func, Prefetch, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from core import roles
from core.languages import language_name

from . import search
from .choices import (
    ChannelCode,
    CorrectionStatus,
    EmailLanguage,
    ExpertiseCode,
    LegalBasis,
    LookupAction,
    Mandate,
    OrganizationKind,
    ReconfirmationAnswer,
    RoleCode,
    Visibility,
)
from .search import QueryWord

VERIFICATION_VALID_DAYS = 365


class Term(models.Model):
    """One value of a fixed list (a role, an area of expertise, ...): the code is stored, the label translated.

    Fixed lists are tables rather than text so that staff, django-filter and the admin filter on them the same way
    on SQLite and PostgreSQL.
    """

    choices: type[models.TextChoices]

    code = models.CharField(_("code"), max_length=32, primary_key=True)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return str(self.choices(self.code).label) if self.code in self.choices.values else self.code

    @classmethod
    def code_choices(cls) -> list[tuple[str, str]]:
        """Every (code, label) of the list: the API schema's enum."""
        return list(cls.choices.choices)


class Role(Term):
    """A role a person holds: prosecutor, judge, focal point, ..."""

    choices = RoleCode

    class Meta(Term.Meta):
        verbose_name = _("role")
        verbose_name_plural = _("roles")


class Expertise(Term):
    """An area of expertise: TIP, SOM, mutual legal assistance, ..."""

    choices = ExpertiseCode

    class Meta(Term.Meta):
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")


class Channel(Term):
    """A channel through which a focal point accepts requests."""

    choices = ChannelCode

    class Meta(Term.Meta):
        verbose_name = _("channel")
        verbose_name_plural = _("channels")


class Language(models.Model):
    """A working language, by its ISO 639-1 code; the table holds every code pycountry knows."""

    code = models.CharField(_("ISO 639-1 code"), max_length=2, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return language_label(self.code)

    @classmethod
    def code_choices(cls) -> list[tuple[str, str]]:
        return language_choices()


def language_codes() -> list[str]:
    """Every ISO 639-1 code pycountry knows: the rows of the table (``contacts/migrations``)."""
    return sorted(language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2"))


def language_choices() -> list[tuple[str, str]]:
    return [(code, language_label(code)) for code in language_codes()]


def language_label(code: str) -> str:
    """ "Arabic (ar)", "Arabe (ar)": the name in the active language and the code (``core.languages``)."""
    return language_name(code)


class OrganizationQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "OrganizationQuerySet":
        """Organisations are public institutions: everyone sees them, and only staff see inactive ones."""
        return self if roles.is_iom_staff(user) else self.filter(active=True)


class Organization(models.Model):
    """A prosecution service, ministry, international organisation, donor, ...; offices sit under their parent."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    country = CountryField(_("country"), blank=True, help_text=_("Leave blank for international bodies."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offices",
    )
    website = models.URLField(_("website"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="organization_unique_name_per_country",
                violation_error_message=_("An organisation with this name already exists in this country."),
            ),
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self) -> None:
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be part of itself.")})


def listed_people(via: str = "") -> Q:
    return Q(**{f"{via}active": True, f"{via}visibility": Visibility.NETWORK, f"{via}pending_reconfirmation": False})


def people_visible_to(user: roles.UserLike, via: str = "") -> Q:
    """The rule of ``PersonQuerySet.visible_to`` as a condition, on people or through a relation to them
    (``via="person__"``): a join that the planner can follow row by row, where ``person__in=<visible people>``
    would read every visible person first (34 ms a query at 100,000 people)."""
    if roles.is_iom_staff(user):
        return Q()
    if roles.is_network_member(user):
        return listed_people(via) | Q(**{f"{via}user": user})
    return Q(**{f"{via}pk__in": []})


def people_counted_for(user: roles.UserLike, via: str = "") -> Q:
    """The rule of ``PersonQuerySet.counted_for`` as a condition, like ``people_visible_to``."""
    return people_visible_to(user, via) if roles.is_network_member(user) else listed_people(via)


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "PersonQuerySet":
        """Staff see everyone; network members see active people listed for the network, and themselves; others
        nobody. Hidden people (staff-only, unlisted, inactive) are absent for members: no name, no count, no id."""
        return self.filter(people_visible_to(user))

    def counted_for(self, user: roles.UserLike) -> "PersonQuerySet":
        """The people a figure shown to ``user`` may count: those they may see, and for anonymous visitors, who see
        nobody, the people listed for the network (figures are public, names are not)."""
        return self.filter(people_counted_for(user))

    def listed(self) -> "PersonQuerySet":
        """Active people listed for the network: what "contacts" counts in country figures, so that nobody's count
        reveals the staff-only or unlisted people they may not see."""
        return self.filter(listed_people())

    def in_country(self, country: str) -> "PersonQuerySet":
        return self.filter(country=country)

    def search(self, query: str, fuzzy: bool = False) -> "PersonQuerySet":
        """People whose names match every word of ``query`` in any spelling (see ``contacts.search``): from the
        word's start in the text, or by a phonetic key; with ``fuzzy`` (PostgreSQL), also within a small typo.

        On PostgreSQL the matching runs first, alone, through the GIN indexes of migration 0008, and the people it
        finds are read by key (``KeyIn``); results are ranked: words written exactly first, then by trigram
        similarity of the whole name.
        """
        words = search.query_words(query)
        if connection.vendor != "postgresql":
            return self.filter(*[Q(search_text__contains=f" {word.text}") | keys_like(word.keys) for word in words])
        if not words:
            return self
        matching = Person.objects.alias(search_key_array=SearchKeyArray()).filter(*name_matches(words, fuzzy))
        return self.filter(KeyIn(ArraySubquery(matching.order_by().values("pk")))).ranked_by(words)

    def search_forgiving(self, query: str) -> "PersonQuerySet":
        """``search``, and when none of these people match, the same within a small typo (PostgreSQL): "Hegazu" finds
        Hegazi. One query: ``id = ANY(COALESCE(NULLIF(ARRAY(strict), '{}'), ARRAY(forgiving)))``, whose second
        array PostgreSQL computes only when the first is empty. Both are taken from these people (the ones the user
        may see), so whether a hidden person matches changes neither the results nor the time."""
        words = search.query_words(query)
        if connection.vendor != "postgresql" or not words:
            return self.search(query)
        candidates = self.alias(search_key_array=SearchKeyArray()).order_by()
        strict = ArraySubquery(candidates.filter(*name_matches(words)).values("pk"))
        forgiving = ArraySubquery(candidates.filter(*name_matches(words, fuzzy=True)).values("pk"))
        either = Coalesce(Func(strict, Value("{}"), function="NULLIF", output_field=strict.output_field), forgiving)
        return self.filter(KeyIn(either)).ranked_by(words)

    def ranked_by(self, words: list[QueryWord]) -> "PersonQuerySet":
        return self.annotate(rank=search_rank(words)).order_by("-rank", "family_name", "given_name")


def name_matches(words: list[QueryWord], fuzzy: bool = False) -> list[Q]:
    """One condition per query word (all must hold), on a queryset aliased with ``search_key_array``."""
    conditions = []
    for word in words:
        condition = Q(search_text__contains=f" {word.text}")
        if word.keys:
            condition |= Q(search_key_array__overlap=sorted(word.keys))
        if fuzzy and len(word.text) >= 4:
            condition |= Q(search_text__trigram_word_similar=word.text)
        conditions.append(condition)
    return conditions


class KeyIn(Func):
    """``id = ANY(<array of ids>)``: the matching runs once, on its own indexes, and the people it found are then read
    by key. With ``id IN (<ids>)`` the planner may rather read every visible person and hash them (30 ms at 100,000
    people for a common name), or evaluate the matching on each of them."""

    template = "%(expressions)s)"  # pk = ANY(<ids>)
    arg_joiner = " = ANY("
    output_field = models.BooleanField()

    def __init__(self, ids) -> None:
        super().__init__(F("pk"), ids)


def keys_like(keys) -> Q:
    """Any of the keys, in the space-padded text of keys (SQLite has no arrays)."""
    condition = Q(pk__in=[])
    for key in keys:
        condition |= Q(search_keys__contains=f" {key} ")
    return condition


class SearchKeyArray(Func):
    """The keys as an array, the very expression of the GIN index of migration 0008."""

    function = "string_to_array"
    template = "%(function)s(btrim(%(expressions)s), ' ')"
    output_field = ArrayField(models.TextField())

    def __init__(self) -> None:
        super().__init__(F("search_keys"))


def search_rank(words):
    """Each query word written exactly as in the name counts 1; trigram similarity of the whole query breaks ties."""
    text = " ".join(word.text for word in words)
    rank = TrigramWordSimilarity(text, "search_text")
    for word in words:
        rank += Case(When(search_text__contains=f" {word.text} ", then=Value(1.0)), default=Value(0.0))
    return rank


class Person(models.Model):
    """A counterpart: who they are, where they serve, what they handle, and how to reach them.

    Contact details are sensitive. ``visibility`` decides who sees the person at all (see ``PersonQuerySet``);
    ``legal_basis`` records why the registry may hold them.
    """

    honorific = models.CharField(_("honorific"), max_length=40, blank=True, help_text=_("H.E., Justice, Amb., Dr."))
    given_name = models.CharField(_("given name"), max_length=120)
    family_name = models.CharField(_("family name"), max_length=120)
    other_spellings = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_("Transliterations and the name in Arabic script, one per line; used by the directory search."),
    )
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    country = CountryField(_("country served"), blank=True)
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), blank=True, related_name="people")
    expertise = models.ManyToManyField(Expertise, verbose_name=_("expertise"), blank=True, related_name="people")
    languages = models.ManyToManyField(
        Language, verbose_name=_("working languages"), blank=True, related_name="speakers"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True, help_text=_("International format, e.g. +20 2 1234 5678."))
    secure_channel_note = models.TextField(
        _("secure channel"),
        blank=True,
        help_text=_("How to reach this person safely for sensitive requests."),
    )
    visibility = models.CharField(
        _("directory visibility"), max_length=16, choices=Visibility.choices, default=Visibility.STAFF
    )
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices, blank=True)
    consent_recorded_on = models.DateField(_("consent or basis recorded on"), null=True, blank=True)
    consent_note = models.TextField(_("consent record"), blank=True)
    last_verified_on = models.DateField(_("details last verified on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    pending_reconfirmation = models.BooleanField(
        _("pending re-confirmation"),
        default=False,
        help_text=_("Hidden from members: asked to confirm their details, reminded, and silent for 90 days."),
    )
    preferred_language = models.CharField(
        _("e-mail language"), max_length=2, choices=EmailLanguage.choices, default=EmailLanguage.ENGLISH
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # Derived from the names on every save, for the directory search; never edited by hand.
    search_text = models.TextField(editable=False, default="")
    search_keys = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text", "search_keys"])

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            models.Index(fields=["country", "visibility"]),
            # A country's people in name order (the country page, the directory in a country) without walking
            # the whole name index: at 100,000 people that read 6,000 rows for Egypt's first 20.
            models.Index(fields=["country", "family_name", "given_name"], name="contacts_person_country_name"),
        ]

    def __str__(self) -> str:
        return " ".join(part for part in (self.honorific, self.given_name, self.family_name) if part)

    def save(self, *args, **kwargs) -> None:
        self.refresh_search_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "search_keys"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def country_is_fixed_for(self, user) -> bool:
        """A linked person's country decides which follow-ups their login edits: only a superuser may change it."""
        return self.user_id is not None and not user.is_superuser

    def verification_is_stale(self, on: date | None = None) -> bool:
        """Details never verified, or last verified more than a year ago, may be out of date."""
        on = on or date.today()
        return self.last_verified_on is None or (on - self.last_verified_on).days > VERIFICATION_VALID_DAYS

    def refresh_search_fields(self) -> None:
        """Recompute the search columns from the names (``save`` does it; bulk writes must call it)."""
        names = [self.given_name, self.family_name, *self.other_spellings.splitlines()]
        self.search_text = search.searchable_text(*names)
        self.search_keys = search.phonetic_keys(*names)

    def clean(self) -> None:
        """Consent follows visibility: listing someone for the network needs a recorded legal basis, and consent
        as the basis needs the date it was given."""
        if self.visibility == Visibility.NETWORK and not self.legal_basis:
            raise ValidationError(
                {"legal_basis": _("Record the legal basis before listing this person for the network.")}
            )
        if self.legal_basis == LegalBasis.CONSENT and not self.consent_recorded_on:
            raise ValidationError({"consent_recorded_on": _("Record the date on which consent was given.")})


class FocalPointQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "FocalPointQuerySet":
        """Network members see designations of organisations and of people they may see; anonymous nobody."""
        if roles.is_iom_staff(user):
            return self
        if roles.is_network_member(user):
            return self.filter(Q(person__isnull=True) | people_visible_to(user, via="person__"))
        return self.none()

    def counted_for(self, user: roles.UserLike) -> "FocalPointQuerySet":
        """The designations a figure shown to ``user`` may count: an organisation's, or a person's whom the figure
        may count (``PersonQuerySet.counted_for``), so no count reveals a hidden holder."""
        return self.filter(Q(person__isnull=True) | people_counted_for(user, via="person__"))

    def current(self, on: date | None = None) -> "FocalPointQuerySet":
        on = on or date.today()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )

    def with_visible_predecessor(self, user: roles.UserLike) -> "FocalPointQuerySet":
        """Prefetch ``visible_predecessor``: the designation each one took over from, with its person and
        organisation, where ``user`` may see it (``visible_to``), else None; one query for the whole list, so that
        no page names a hidden holder (``templates/contacts/partials/designation_since.html``)."""
        visible = FocalPoint.objects.visible_to(user).select_related("person", "organization")
        return self.prefetch_related(Prefetch("predecessor", queryset=visible, to_attr="visible_predecessor"))


class FocalPoint(models.Model):
    """A designation: who a country names for a mandate (MLA central authority, TIP coordinator, ...).

    A designation that ends keeps its row and history; its successor is a new row.
    """

    country = CountryField(_("country"))
    mandate = models.CharField(_("mandate"), max_length=32, choices=Mandate.choices)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="designations",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="designations",
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True, help_text=_("e.g. UNTOC art. 18(13)"))
    request_languages = models.ManyToManyField(
        Language, verbose_name=_("languages accepted for requests"), blank=True, related_name="+"
    )
    channels = models.ManyToManyField(Channel, verbose_name=_("accepted channels"), blank=True, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("previous holder's designation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text=_("The designation this one took over from (set by a handover)."),
    )
    history = HistoricalRecords()

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        ordering = ["country", "mandate"]
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False),
                name="focal_point_names_person_or_organization",
                violation_error_message=_("A focal point must name a person, an organisation, or both."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_until__isnull=True) | Q(valid_until__gt=F("valid_from")),
                name="focal_point_validity_ends_after_start",
                violation_error_message=_("A designation must end after it starts."),
            ),
        ]
        indexes = [models.Index(fields=["country", "mandate"])]

    def __str__(self) -> str:
        holder = self.person or self.organization
        return f"{self.get_mandate_display()}, {self.country.name}: {holder}"

    def is_current(self, on: date | None = None) -> bool:
        """The same rule as ``FocalPointQuerySet.current``, for one loaded designation."""
        on = on or date.today()
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_until is None or self.valid_until >= on)


class LookupLogQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "LookupLogQuerySet":
        """Staff read the whole log; a user reads who looked up the person linked to their own login."""
        if roles.is_iom_staff(user):
            return self
        if user.is_authenticated:
            return self.filter(person__user=user)
        return self.none()


class LookupLog(models.Model):
    """Append-only record of who opened or downloaded whose contact card, and when. Staff read it; nobody edits it."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, on_delete=models.SET_NULL, related_name="lookups"
    )
    action = models.CharField(_("action"), max_length=16, choices=LookupAction.choices)
    token_name = models.CharField(
        _("API token"), max_length=100, blank=True, help_text=_("The name of the API token used, for API reads.")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    objects = LookupLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("contact look-up")
        verbose_name_plural = _("contact look-ups")
        indexes = [models.Index(fields=["viewer", "at"]), models.Index(fields=["person", "at"])]

    def __str__(self) -> str:
        return f"{self.viewer} {self.get_action_display()} {self.person} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(_("Look-up records cannot be changed."))
        super().save(*args, **kwargs)


class ExportLogQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "ExportLogQuerySet":
        return self if roles.is_iom_staff(user) else self.none()


class ExportLog(models.Model):
    """Append-only record of each export of personal data: who downloaded what, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    what = models.CharField(_("what"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8)
    row_count = models.PositiveIntegerField(_("rows"))

    objects = ExportLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.user} {self.what} ({self.file_format}, {self.row_count}) {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError(_("Export records cannot be changed."))
        super().save(*args, **kwargs)


class StaffOnlyQuerySet(models.QuerySet):
    def visible_to(self, user: roles.UserLike) -> "StaffOnlyQuerySet":
        return self if roles.is_iom_staff(user) else self.none()


class Reconfirmation(models.Model):
    """One request to a person to confirm, correct or remove their details: sent once per period (its e-mail goes
    through the outbox, keyed by this row), answered once, through a signed link that needs no login."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="reconfirmations"
    )
    period = models.CharField(_("period"), max_length=32, help_text=_("The year asked for, or when staff asked."))
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=16, choices=ReconfirmationAnswer.choices, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("re-confirmation request")
        verbose_name_plural = _("re-confirmation requests")
        constraints = [models.UniqueConstraint(fields=["person", "period"], name="one_reconfirmation_per_period")]

    def __str__(self) -> str:
        return f"{self.person} ({self.period})"


class Correction(models.Model):
    """Changes a person proposed to their own contact details: applied only when staff approve them."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="corrections")
    proposed = models.JSONField(_("proposed details"))
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CorrectionStatus.choices, default=CorrectionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{self.person} ({self.created_at:%Y-%m-%d})"


class ErasureRequest(models.Model):
    """A person asked to be removed: staff decide, and a superuser erases (README, "Data protection")."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="erasure_requests"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    source = models.CharField(_("how"), max_length=32, default="re-confirmation link")
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = StaffOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")

    def __str__(self) -> str:
        return f"{self.person} ({self.requested_at:%Y-%m-%d})"
