from modeltranslation.translator import TranslationOptions, register

from trainings.models import TrainingDay


@register(TrainingDay)
class TrainingDayTranslation(TranslationOptions):
    fields = ("title", "description", "target_group")
