from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EqualcityConfig(AppConfig):
    name = "equalcity"
    verbose_name = _("Equalcity core")
