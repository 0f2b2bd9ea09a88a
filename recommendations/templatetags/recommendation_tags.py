"""Recommendations shown on the pages of the apps below this one (events sit below recommendations, so the event
page asks for them through this tag rather than importing this app)."""

from django import template
from django.db.models import Prefetch

from core import roles

from ..models import FollowUp

register = template.Library()


@register.inclusion_tag("recommendations/partials/event_recommendations.html", takes_context=True)
def event_recommendations(context, event) -> dict:
    """The recommendations adopted at ``event``, each with the follow-ups the viewer may see."""
    user = context["request"].user
    follow_ups = FollowUp.objects.visible_to(user).order_by("country")
    return {
        "recommendations": event.recommendations.prefetch_related(Prefetch("follow_ups", follow_ups)),
        "is_member": roles.is_network_member(user),
    }
