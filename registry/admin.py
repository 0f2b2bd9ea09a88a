"""Admin pages that span the apps: merging duplicate people moves their rows in every app, so the action is added
here, on top, to the directory's person admin."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from contacts import admin as contacts_admin
from contacts.models import Person
from core.text import is_whole_number
from recommendations.models import ProgressUpdate

from .erasure import erase_person
from .merge import merge_people, merged_records

admin.site.unregister(Person)


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
