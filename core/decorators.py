"""Access decorators of the HTML pages. Which rows a page shows is still decided by the ``visible_to`` QuerySets."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from core import roles


def member_required(view):
    """Anonymous visitors go to the login page; logged-in users without a registry role get 403."""

    @wraps(view)
    @login_required
    def checked(request, *args, **kwargs):
        if not roles.is_network_member(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked
