"""Visibility rules of a higher app that a lower one must apply through a relation, as conditions.

The directory (``contacts``, below ``events``) filters people by the events they attended with the reader, and may
only reach those events through reverse relations (``participations__event__``): it cannot ask
``Event.objects.visible_to``. The rule is kept here, in the kit both may use, like ``contacts.models.people_visible_to``
one layer down.
"""

from django.db.models import Q

from core import roles

# ``events.choices.EventStatus.PUBLISHED``, which the kit may not import; tests/contacts/test_cooperation_filters.py
# checks that the two agree, and that this rule is ``EventQuerySet.visible_to``'s.
PUBLISHED_EVENT = "published"


def events_visible_to(user: roles.UserLike, via: str = "") -> Q:
    """The rule of ``EventQuerySet.visible_to`` as a condition, on events or through a relation to them
    (``via="event__"``): staff see drafts too, everyone else published events only."""
    if roles.is_iom_staff(user):
        return Q()
    return Q(**{f"{via}status": PUBLISHED_EVENT})
