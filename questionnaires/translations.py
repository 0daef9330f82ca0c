"""The questionnaire's texts in the translation workspace: the questions asked and the words of
their answer options."""

from django.utils.translation import gettext_lazy as _

from equalcity.translations import Translatable, register
from questionnaires.models import Question, ScaleStep


def register_translatables():
    register(
        Translatable(
            key="questionnaires.question",
            model=Question,
            fields=("text",),
            label=_("Questionnaire: questions"),
            rows=lambda: Question.objects.filter(active=True).select_related("programme"),
            describe=lambda question: f"{question.programme.name_sv} · {question.text_sv}",
        )
    )
    register(
        Translatable(
            key="questionnaires.scalestep",
            model=ScaleStep,
            fields=("label",),
            label=_("Questionnaire: answer options"),
            rows=lambda: ScaleStep.objects.select_related("scale"),
            describe=lambda step: f"{step.scale.name} · {step.value}. {step.label_sv}",
        )
    )
