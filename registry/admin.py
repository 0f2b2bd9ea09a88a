"""Admin pages that span the apps: merging duplicate people moves their rows in every app, so the action is added
here, on top, to the directory's person admin; handing a designation over moves follow-ups and writes an e-mail, so
the focal-point admin's "Hand over to …" page is added here too."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contacts import admin as contacts_admin
from contacts.models import FocalPoint, Organization, Person
from core.text import is_whole_number
from recommendations.models import ProgressUpdate

from . import handover
from .erasure import erase_person
from .merge import merge_people, merged_records

admin.site.unregister(Person)
admin.site.unregister(FocalPoint)


@admin.register(Person)
class PersonAdmin(contacts_admin.PersonAdmin):
    actions = ("merge", "erase", *contacts_admin.PersonAdmin.actions)
    object_history_template = "registry/person_history.html"

    def history_view(self, request: HttpRequest, object_id, extra_context=None):
        """A record's own history, and links to the histories of the records merged into it."""
        pk = unquote(object_id)
        merged = merged_records(int(pk)) if is_whole_number(pk) else []
        return super().history_view(request, object_id, {**(extra_context or {}), "merged_records": merged})

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("erase", None)
        return actions

    @admin.action(description=_("Erase the selected person (on their request)"))
    def erase(self, request: HttpRequest, queryset):
        """A page that says what stays and asks for the person's name; then the erasure, in one transaction."""
        if not request.user.is_superuser or queryset.count() != 1:
            self.message_user(request, _("Select exactly one person; only a superuser may erase."), messages.WARNING)
            return None
        person = queryset.get()
        typed = request.POST.get("confirm_name")
        if typed is not None and typed.strip() == person.full_name:
            erase_person(person, by=request.user, request=request)
            self.message_user(request, _("Erased: the record is now “%(name)s”.") % {"name": person})
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Erase a person"),
            "person": person,
            "participations": person.participations.count(),
            "designations": person.designations.count(),
            "updates": ProgressUpdate.objects.filter(author=person.user).count() if person.user_id else 0,
            "error": _("The name typed does not match; nothing was erased.") if typed is not None else "",
            "opts": self.model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/contacts/person/erase.html", context)

    @admin.action(description=_("Merge the selected people into one"), permissions=["change", "delete"])
    def merge(self, request: HttpRequest, queryset):
        """First a page to pick the record to keep; then the merge, in one transaction."""
        people = list(queryset.select_related("organization").annotate(participation_count=Count("participations")))
        if len(people) < 2:
            self.message_user(request, _("Select at least two people to merge."), messages.WARNING)
            return None
        survivor = next((p for p in people if str(p.pk) == request.POST.get("survivor")), None)
        if survivor is None:
            context = {
                **self.admin_site.each_context(request),
                "title": _("Merge people"),
                "people": people,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/contacts/person/merge.html", context)
        try:
            merge_people(survivor, people, by=request.user, request=request)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        self.message_user(
            request, _("Merged %(count)s records into %(person)s.") % {"count": len(people), "person": survivor}
        )
        return None


class DesignationValidityFilter(contacts_admin.CurrentDesignationFilter):
    """Current, ended or not yet started: a mandate's history is its ended designations and the current one."""

    def lookups(self, request, model_admin):
        return (("yes", _("Current")), ("ended", _("Ended")), ("future", _("Not yet started")))

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "ended":
            return queryset.filter(valid_until__lt=today)
        if self.value() == "future":
            return queryset.filter(valid_from__gt=today)
        return super().queryset(request, queryset)  # "yes", and "no" of older links


class HandoverForm(forms.Form):
    """The successor, the organisation and the day of a handover; the rules are ``registry.handover``'s."""

    successor = contacts_admin.PersonChoiceField(
        queryset=Person.objects.none(),
        label=_("Successor"),
        widget=AutocompleteSelect(FocalPoint._meta.get_field("person"), admin.site),
    )
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        label=_("Organisation"),
        widget=AutocompleteSelect(FocalPoint._meta.get_field("organization"), admin.site),
        help_text=_("The organisation the successor holds the designation for. Left empty: the current one."),
    )
    on = forms.DateField(
        label=_("Handover date"),
        widget=AdminDateWidget,
        help_text=_("The successor holds the designation from this day; the current holder until the day before."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Person.objects.visible_to(user).select_related("organization")
        self.fields["organization"].queryset = Organization.objects.visible_to(user)


@admin.register(FocalPoint)
class FocalPointAdmin(contacts_admin.FocalPointAdmin):
    change_form_template = "admin/contacts/focalpoint/change_form.html"
    list_filter = (DesignationValidityFilter, *contacts_admin.FocalPointAdmin.list_filter[1:])

    def get_urls(self):
        handover_view = self.admin_site.admin_view(self.handover_view)
        own = [path("<path:object_id>/handover/", handover_view, name="contacts_focalpoint_handover")]
        return own + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            ended = obj.valid_until is not None and obj.valid_until < timezone.localdate()
            context["can_hand_over"] = not ended and self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def handover_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The form, with what the handover will do; on a valid submission the handover, then the new designation's
        page. A refusal shows its reasons on the form and changes nothing."""
        designation = self.get_object(request, unquote(object_id))
        if designation is None:
            raise Http404
        if not self.has_change_permission(request, designation):
            raise PermissionDenied
        moving = list(handover.follow_ups_to_move(designation).select_related("recommendation").order_by("pk"))
        initial = {"organization": designation.organization_id, "on": timezone.localdate()}
        form = HandoverForm(request.POST or None, user=request.user, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                new = handover.hand_over(designation, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.report_handover(request, designation, new, moving)
                return redirect("admin:contacts_focalpoint_change", new.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Hand over %(designation)s") % {"designation": designation},
            "opts": self.opts,
            "original": designation,
            "form": form,
            "media": self.media + form.media,
            "moving": moving,
            "successor": getattr(form, "cleaned_data", {}).get("successor"),  # once chosen, named in the summary
            "counterpart_years": handover.COUNTERPART_YEARS,
        }
        return TemplateResponse(request, "admin/contacts/focalpoint/handover.html", context)

    def report_handover(self, request: HttpRequest, old: FocalPoint, new: FocalPoint, moved: list) -> None:
        """The admin log of both designations, and the message naming what moved and whether the e-mail is queued."""
        done = gettext("Handed over to %(successor)s from %(date)s.") % {
            "successor": new.person,
            "date": date_format(new.valid_from),
        }
        self.log_change(request, old, done)
        self.log_addition(request, new, gettext("Took over from designation #%(pk)s.") % {"pk": old.pk})
        if moved:
            names = "; ".join(str(follow_up) for follow_up in moved)
            done += " " + gettext("Follow-ups moved to them: %(follow_ups)s.") % {"follow_ups": names}
        else:
            done += " " + gettext("No follow-up moved.")
        self.message_user(request, done, messages.SUCCESS)
        if handover.handover_email_queued(new):
            self.message_user(
                request,
                gettext("The handover e-mail to %(address)s is queued.") % {"address": new.person.email},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                gettext("%(name)s has no e-mail address: no handover e-mail could be sent.") % {"name": new.person},
                messages.WARNING,
            )
