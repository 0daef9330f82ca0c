from modeltranslation.translator import TranslationOptions, register

from courses.models import Course, Meeting, MeetingTheme, Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(MeetingTheme)
class MeetingThemeTranslation(TranslationOptions):
    fields = ("title", "parent_text")


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "description", "target_group")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("theme",)
