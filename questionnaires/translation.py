from modeltranslation.translator import TranslationOptions, register

from questionnaires.models import Question, ScaleStep


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text",)


@register(ScaleStep)
class ScaleStepTranslation(TranslationOptions):
    fields = ("label",)
