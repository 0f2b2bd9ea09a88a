from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Security")

    def ready(self) -> None:
        # Sign-in events reach the security log through the signals Django and axes send; the schema extension
        # describes our token authentication to drf-spectacular. Both register themselves on import.
        from . import security_log  # noqa: F401
        from .api import schema  # noqa: F401
