from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Aggregates for coordinators and evaluators. Reads every app; no app imports it."""

    name = "evaluation"
    verbose_name = _("Evaluation")
