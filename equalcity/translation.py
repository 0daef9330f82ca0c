from modeltranslation.translator import TranslationOptions, register

from equalcity.models import CourseLanguage, Venue


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "directions", "accessibility")


@register(CourseLanguage)
class CourseLanguageTranslation(TranslationOptions):
    fields = ("name",)
