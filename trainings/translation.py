from modeltranslation.translator import TranslationOptions, register

from trainings.models import ClusterMeeting, ClusterTheme, ProgrammeItem, TrainingDay


@register(TrainingDay)
class TrainingDayTranslation(TranslationOptions):
    fields = (
        "title",
        "description",
        "target_group",
        "discussion_questions",
        "summary",
        "key_points",
    )


@register(ProgrammeItem)
class ProgrammeItemTranslation(TranslationOptions):
    fields = ("title",)


@register(ClusterTheme)
class ClusterThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(ClusterMeeting)
class ClusterMeetingTranslation(TranslationOptions):
    fields = ("minutes",)
