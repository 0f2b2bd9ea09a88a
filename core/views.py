"""Account pages: the overview, API tokens, active sessions, and Django's password pages with what security adds
(sessions and tokens ended on a change, reset e-mails through Celery, rate limits)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from .accounts import password_changed
from .api.throttles import PasswordResetAddressThrottle, PasswordResetEmailThrottle
from .lockout import is_locked, lockout_message
from .models import ApiToken, SecurityEventKind
from .security_log import record
from .sessions import active_sessions, end_sessions, find_active_session, reference
from .tasks import send_password_reset
from .tokens import create_token, revoke_token
from .two_factor import second_factor_required


class TokenNameForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What will use the token, e.g. “case-management tool”."),
    )


@login_required
def account(request: HttpRequest):
    user = request.user
    context = {
        "has_second_factor": user_has_device(user),
        "second_factor_required": second_factor_required(user),
        "token_count": ApiToken.objects.usable().filter(user=user).count(),
        "session_count": active_sessions(user).count(),
    }
    return render(request, "core/account.html", context)


@login_required
def tokens(request: HttpRequest):
    """The user's API tokens; a new one's key is shown once, right after it is created."""
    form = TokenNameForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        if is_locked(request, request.user.get_username()):
            messages.error(request, lockout_message())
        else:
            _token, new_key = create_token(request.user, form.cleaned_data["name"], request=request)
            form = TokenNameForm()
    own = ApiToken.objects.usable().filter(user=request.user)
    return render(request, "core/tokens.html", {"form": form, "tokens": own, "new_key": new_key})


@require_POST
@login_required
def revoke_own_token(request: HttpRequest, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token, request=request)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("account:tokens")


@login_required
def sessions(request: HttpRequest):
    current = request.session.session_key
    rows = [(session, reference(session), session.session_key == current) for session in active_sessions(request.user)]
    return render(request, "core/sessions.html", {"sessions": rows})


@require_POST
@login_required
def end_session(request: HttpRequest):
    """End one of the user's other sessions, or (``all``) every one but this."""
    current = request.session.session_key
    if request.POST.get("session") == "all":
        count = end_sessions(request.user, keep=current)
    else:
        session = find_active_session(request.user, request.POST.get("session", ""))
        if session is None or session.session_key == current:
            raise Http404(_("No such session, or it has already ended."))
        session.delete()
        count = 1
    record(SecurityEventKind.SESSION_ENDED, request=request, user=request.user, detail=f"{count} session(s)")
    messages.success(request, _("%(count)s session(s) ended.") % {"count": count})
    return redirect("account:sessions")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password keeps this session, ends the others and revokes every API token."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_locked(request, request.user.get_username()):
            messages.error(request, lockout_message())
            return redirect("account:overview")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(
            self.request.user,
            request=self.request,
            how="changed by the user",
            keep_session=self.request.session.session_key,
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Every well-formed address gets the same answer in the same time: the e-mail, if any, is sent by a Celery task
    (``core.tasks.send_password_reset``). Requests are limited per e-mail address and per client address."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not all(throttle.allow_request(self.request, self) for throttle in self.throttles(email)):
            form.add_error(None, _("Too many reset requests. Please wait an hour before you ask again."))
            return self.form_invalid(form)
        record(SecurityEventKind.PASSWORD_RESET_REQUESTED, request=self.request)
        language = get_language()
        transaction.on_commit(lambda: send_password_reset.delay(email, language))
        return HttpResponseRedirect(self.get_success_url())

    @staticmethod
    def throttles(email: str):
        return (PasswordResetAddressThrottle(), PasswordResetEmailThrottle(email))


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A password set from a reset link ends every session and revokes every API token of the account."""

    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_changed(form.user, request=self.request, how="reset by e-mail link")
        return response
