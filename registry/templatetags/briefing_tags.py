"""The links to an event's briefing packs, on the event page of the events app below this one (which cannot import
``registry``): a coordinator sees the pack of their country when it is invited, staff every pack and the ZIP."""

from django import template
from django_countries import countries

from core import roles

from ..briefing import packs_for

register = template.Library()


@register.inclusion_tag("registry/briefing/links.html", takes_context=True)
def briefing_links(context, event) -> dict:
    """No query of its own where the event's countries are prefetched (the event page prefetches them)."""
    user = context["request"].user
    readable = roles.is_iom_staff(user) or roles.coordinated_country(user)
    codes = packs_for(user, event) if readable else []
    return {
        "event": event,
        "packs": [(code, countries.name(code)) for code in codes],
        "is_staff": roles.is_iom_staff(user),
    }
