from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnairesConfig(AppConfig):
    name = "questionnaires"
    verbose_name = _("Questionnaire")

    def ready(self):
        from participants.hooks import on_registration_anonymised, on_sheet_actions
        from questionnaires import messages, services, sheet, translations

        translations.register_translatables()
        messages.register()
        on_registration_anonymised(services.pairing_cut)
        on_sheet_actions(sheet.sheet_actions)
