from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self):
        from courses.hooks import on_meeting_changed
        from participants import certificates, flyers, message_kinds, privacy, replies, tasks

        certificates.register_builders()
        message_kinds.register()
        flyers.register_builders()
        privacy.register_builders()
        replies.register()
        on_meeting_changed(tasks.notify_meeting_change_later)
