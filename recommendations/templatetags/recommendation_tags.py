"""Recommendations shown on the pages of the apps below this one (events sit below recommendations, so the event
page asks for them through this tag rather than importing this app)."""

from django import template
from django.db.models import Prefetch

from core import roles
from core.countries import sort_key

from ..models import FollowUp

register = template.Library()


@register.inclusion_tag("recommendations/partials/event_recommendations.html", takes_context=True)
def event_recommendations(context, event) -> dict:
    """The recommendations adopted at ``event``, each with the follow-ups the viewer may see, by country name."""
    user = context["request"].user
    visible = Prefetch("follow_ups", FollowUp.objects.visible_to(user), to_attr="visible_follow_ups")
    recommendations = list(event.recommendations.prefetch_related(visible))
    for recommendation in recommendations:
        recommendation.visible_follow_ups.sort(key=lambda follow_up: sort_key(str(follow_up.country.name)))
    return {"recommendations": recommendations, "is_member": roles.is_network_member(user)}
