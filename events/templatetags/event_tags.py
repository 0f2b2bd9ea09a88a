"""Events shown on the pages of the apps below this one (contacts sit below events, so the person page asks for the
events attended through this tag rather than importing this app)."""

from django import template

from ..models import Event

register = template.Library()


@register.inclusion_tag("events/partials/events_attended.html", takes_context=True)
def events_attended(context, person) -> dict:
    """The events ``person`` attended that the viewer may see, and those of them the viewer attended too."""
    user = context["request"].user
    attended = Event.objects.visible_to(user).filter(participations__person=person).distinct()
    viewer = getattr(user, "person", None)
    both = attended.filter(participations__person=viewer) if viewer and viewer != person else Event.objects.none()
    return {"events": attended, "events_together": both}
