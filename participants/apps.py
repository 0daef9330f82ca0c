from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        from participants import certificates, flyers, message_kinds, privacy, replies

        certificates.register_builders()
        message_kinds.register()
        flyers.register_builders()
        privacy.register_builders()
        replies.register()
