from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    """The project package: roles (groups), demo data and pages that combine the domain apps."""

    name = "registry"
    verbose_name = _("Registry")
