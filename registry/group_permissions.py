"""Which model permissions each role's group holds.

Migrations call ``apply_group_permissions``: the first creates the groups, and any later migration that adds a
model calls it again so the groups keep up. Users and groups themselves are managed by superusers only, since the
right to change users includes the right to make anyone a superuser.
"""

from core.roles import IOM_STAFF, NATIONAL_COORDINATOR, NETWORK_MEMBER

DOMAIN_APPS = ("contacts", "events", "recommendations")

# Fixed lists seeded by migrations: everyone reads them, nobody edits them.
FIXED_LISTS = {
    "contacts": ("role", "expertise", "channel", "language"),
    "events": ("pillar", "sustainabledevelopmentgoal", "migrationcompactobjective"),
}

# Models whose rows are append-only or written by the system: staff get only these actions.
STAFF_RESTRICTED = {
    ("contacts", "lookuplog"): ("view",),
    ("contacts", "exportlog"): ("view",),
    ("contacts", "reconfirmation"): ("view",),
    ("contacts", "erasurerequest"): ("view",),
    ("contacts", "correction"): ("view", "change"),
    ("recommendations", "progressupdate"): ("view",),
    ("recommendations", "reminder"): ("view", "change"),
}

MEMBER_READABLE = {
    "contacts": ("organization", "person", "focalpoint"),
    "events": (
        "event",
        "eventorganization",
        "eventcountry",
        "participation",
        "document",
        "programme",
        "theme",
        "instrument",
    ),
    "recommendations": ("recommendation", "followup", "progressupdate"),
}

COORDINATOR_EXTRA = (("recommendations", "add_progressupdate"), ("recommendations", "change_followup"))

# Staff read the security log and unlock locked-out sign-ins (by deleting axes' access attempts). API tokens are
# their owners' and superusers' only, so staff hold no permission on them.
STAFF_EXTRA = (
    ("core", "view_securityevent"),
    ("core", "view_outboundemail"),
    ("axes", "view_accessattempt"),
    ("axes", "delete_accessattempt"),
    ("axes", "view_accesslog"),
    ("axes", "view_accessfailurelog"),
)


def _staff_codenames(model_name: str, app_label: str) -> list[str]:
    if model_name in FIXED_LISTS.get(app_label, ()) or model_name.startswith("historical"):
        actions = ("view",)
    else:
        actions = STAFF_RESTRICTED.get((app_label, model_name), ("add", "change", "delete", "view"))
    return [f"{action}_{model_name}" for action in actions]


def _member_codenames() -> list[tuple[str, str]]:
    readable = {app: names + FIXED_LISTS.get(app, ()) for app, names in MEMBER_READABLE.items()}
    return [(app, f"view_{name}") for app, names in readable.items() for name in names]


def apply_group_permissions(apps) -> None:
    """Create the three groups if needed and set their permissions to exactly what this module says."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # create_permissions skips apps without a models module, which is how migrations' apps look.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = original

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs):
        wanted = set(pairs)
        found = Permission.objects.filter(
            content_type__app_label__in={app for app, _ in wanted}, codename__in={codename for _, codename in wanted}
        ).select_related("content_type")
        return [p for p in found if (p.content_type.app_label, p.codename) in wanted]

    staff_pairs = [
        (model._meta.app_label, codename)
        for app_label in DOMAIN_APPS
        for model in apps.get_app_config(app_label).get_models()
        for codename in _staff_codenames(model._meta.model_name, app_label)
    ]
    member_pairs = _member_codenames()
    for name, pairs in (
        (IOM_STAFF, staff_pairs + list(STAFF_EXTRA)),
        (NETWORK_MEMBER, member_pairs),
        (NATIONAL_COORDINATOR, member_pairs + list(COORDINATOR_EXTRA)),
    ):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(pairs))
