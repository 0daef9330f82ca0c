from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Staff trainings")

    def ready(self):
        from equalcity.message_kinds import register_kind
        from trainings.documents import register_builders
        from trainings.translations import register_translatables

        register_builders()
        register_translatables()
        register_kind("training_reminder", _("Reminder before a training day"))
        register_kind("training_seat_offered", _("Seat on a training day offered, with a deadline"))
