"""The parents' questionnaire: questions and answer options as data, and answers without names.

An answer set (`Response`) knows the course, the phase and the language it was given in, never
who gave it. The same parent's before and after share a random `respondent` key; the only link
from a registration to that key is a `Respondent` row, which the questionnaire keeps while the
registration keeps its personal data and deletes when the registration is anonymised (after the
retention period, or erased on request). The key on the answers is then replaced by a fresh one:
the before-and-after pair still counts as a pair, and nothing leads back to the person.
"""

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import Course, Programme

LOWEST, HIGHEST = 1, 5
#: From this step up a parent agrees ("share agreeing" on the dashboard).
AGREES_FROM = 4


class Phase(models.TextChoices):
    BEFORE = "before", _("Before the course (first meeting)")
    AFTER = "after", _("After the course (last meeting)")


class Scale(models.Model):
    """A set of answer options, shared by many questions so that its words are translated once."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("answer scale")
        verbose_name_plural = _("answer scales")

    def __str__(self):
        return self.name


class ScaleStep(models.Model):
    """One answer option: its value on the scale, its words and its picture."""

    class Face(models.TextChoices):
        VERY_SAD = "very_sad", _("Very sad face")
        SAD = "sad", _("Sad face")
        NEUTRAL = "neutral", _("Neutral face")
        HAPPY = "happy", _("Happy face")
        VERY_HAPPY = "very_happy", _("Very happy face")

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="steps")
    value = models.PositiveSmallIntegerField(
        _("value"), validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )
    label = models.CharField(_("words"), max_length=60)
    face = models.CharField(_("picture"), max_length=10, choices=Face.choices)

    if TYPE_CHECKING:
        label_sv: str  # modeltranslation's Swedish column, added at run time

    class Meta:
        ordering = ["scale", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="scale_step_unique_value"),
            models.CheckConstraint(
                condition=models.Q(value__gte=LOWEST, value__lte=HIGHEST),
                name="scale_step_value_in_range",
            ),
        ]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")

    def __str__(self):
        return f"{self.value}. {self.label}"


class Question(models.Model):
    """A question of a programme's questionnaire. Core questions are asked before and after the
    course, so that the change can be measured; course questions only after it."""

    class Part(models.TextChoices):
        CORE = "core", _("Before and after the course")
        COURSE = "course", _("About the course, after it")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="questions"
    )
    part = models.CharField(_("asked"), max_length=6, choices=Part.choices, default=Part.CORE)
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.CharField(_("question"), max_length=200)
    scale = models.ForeignKey(
        Scale, verbose_name=_("answer options"), on_delete=models.PROTECT, related_name="questions"
    )
    active = models.BooleanField(
        _("asked"),
        default=True,
        help_text=_("A question no longer asked keeps its answers for the statistics."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        text_sv: str  # modeltranslation's Swedish column, added at run time

    class Meta:
        ordering = ["programme", "part", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def asked_in(self, phase: str) -> bool:
        return self.part == self.Part.CORE or phase == Phase.AFTER


def audio_path(instance: "QuestionAudio", filename: str) -> str:
    """A random name: the stored file's name says nothing, and a new upload never meets a cache
    of the old one."""
    return f"questionnaire-audio/{uuid.uuid4().hex}"


class QuestionAudio(models.Model):
    """The question read aloud in one language, recorded once and reused by every course."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="recordings")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(upload_to=audio_path)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    seconds = models.DecimalField(max_digits=5, decimal_places=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="question_audio_one_per_language"
            )
        ]
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

    def __str__(self):
        return f"{self.question_id}:{self.language}"


class Respondent(models.Model):
    """The one link from a registration to its answers' key, cut by anonymisation."""

    registration = models.OneToOneField(
        "participants.Registration", on_delete=models.CASCADE, related_name="+"
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    def __str__(self):
        return str(self.key)


class Response(models.Model):
    """One parent's answers in one phase. No name, no contact details, no time of day."""

    respondent = models.UUIDField(db_index=True, editable=False)
    phase = models.CharField(max_length=6, choices=Phase.choices)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    answered_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "phase"], name="questionnaire_one_response_per_phase"
            )
        ]

    def __str__(self):
        return f"{self.phase} {self.course_id} {self.answered_on}"


class Answer(models.Model):
    """One answer on the scale. A question skipped has no row."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="questionnaire_one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=LOWEST, value__lte=HIGHEST),
                name="questionnaire_answer_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.question_id}={self.value}"
