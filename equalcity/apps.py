from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class EqualcityConfig(AppConfig):
    default = True
    name = "equalcity"
    verbose_name = _("Equalcity core")

    def ready(self):
        from equalcity import checks, two_step  # noqa: F401  (system checks, a signal receiver)
        from equalcity.translations import register_core_translatables

        register_core_translatables()


class EqualcityAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin behind the two-step login (INSTALLED_APPS names it)."""

    default = False
    default_site = "equalcity.two_step.TwoStepAdminSite"
