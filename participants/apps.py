from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        from participants import certificates, flyers, privacy

        certificates.register_builders()
        flyers.register_builders()
        privacy.register_builders()
