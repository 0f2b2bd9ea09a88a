"""The reader's side of the directory's cooperation filters, "speaks a language I speak" and "attended an event with
me": their linked person, working languages and the events they attended and may see, each read once, only when a
filter asks; why a filter is not available to them; and the conditions on the people listed.

Events sit in the app above this one, so they are reached through the reverse relations from the reader's person
(``participations``), with the events' own visibility rule (``core.visibility``)."""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core import roles
from core.countries import sort_key
from core.languages import language_name
from core.templatetags.lists import separator
from core.visibility import events_visible_to

from .models import Person

NOT_LINKED = _("Your account is not linked to a person in the directory: ask IOM staff to link it to use this.")
NO_LANGUAGES = _("Your working languages are not recorded: ask IOM staff to record them to use this.")
NO_EVENTS = _("No event you attended is recorded: ask IOM staff to record your participation to use this.")


class Viewer:
    """Who reads the directory, as the cooperation filters see them."""

    def __init__(self, user: roles.UserLike | None):
        self.user = user

    @cached_property
    def person(self) -> Person | None:
        """The reader's linked person, by key alone: the filters need only its relations."""
        if self.user is None or not self.user.is_authenticated:
            return None
        return Person.objects.only("pk").filter(user=self.user).first()

    @cached_property
    def language_codes(self) -> list[str]:
        return list(self.person.languages.values_list("code", flat=True)) if self.person else []

    def language_names(self) -> str:
        """ "Arabic, French": the reader's working languages by name in the page's language, in its order."""
        names = (language_name(code, with_code=False) for code in self.language_codes)
        return separator().join(sorted(names, key=sort_key))

    @cached_property
    def events_attended(self) -> list[tuple[int, str]]:
        """(id, "title (year)") of the events the reader attended and may see, the latest first."""
        if self.person is None:
            return []
        participations = (
            self.person.participations.filter(events_visible_to(self.user, via="event__"), attended=True)
            .select_related("event")
            .only("event__title", "event__start_date", "event__date_note")
            .order_by(F("event__start_date").desc(nulls_last=True), "event__title")
        )
        return [(participation.event_id, str(participation.event)) for participation in participations]

    def languages_refusal(self) -> str | None:
        """Why "speaks a language I speak" cannot apply to this reader, or None when it can."""
        if self.person is None:
            return str(NOT_LINKED)
        return None if self.language_codes else str(NO_LANGUAGES)

    def events_refusal(self) -> str | None:
        """Why "attended an event with me" cannot apply to this reader, or None when it can."""
        if self.person is None:
            return str(NOT_LINKED)
        return None if self.events_attended else str(NO_EVENTS)

    def speaks_a_language_of_mine(self) -> Exists:
        speakers = Person.languages.through.objects.filter(person=OuterRef("pk"), language__in=self.language_codes)
        return Exists(speakers)

    def attended_with_me(self, event_ids: list[int] | None = None) -> Q:
        """People at one of ``event_ids``, by default any event the reader attended and may see. A subquery of
        people, not a join of the participations, which would list a person once per event shared."""
        ids = [event_id for event_id, _title in self.events_attended] if event_ids is None else event_ids
        attendees = Person.objects.filter(participations__event__in=ids, participations__attended=True)
        return Q(pk__in=attendees.values("pk"))

    def others(self, queryset):
        """The reader is not their own counterpart: the cooperation filters never list them."""
        return queryset.exclude(pk=self.person.pk)


def unless_refused(reason):
    """A field validator that refuses any value while ``reason()`` says why the filter does not apply."""

    def validate(value) -> None:
        message = reason()
        if message:
            raise ValidationError(message, code="unavailable")

    return validate
