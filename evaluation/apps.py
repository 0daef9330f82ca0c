from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Aggregates for coordinators and evaluators. Reads every app; no app imports it."""

    name = "evaluation"
    verbose_name = _("Evaluation")

    def ready(self):
        from equalcity import course_figures
        from evaluation.tallies import all_tallies_renew, course_tallies_renew

        course_figures.register(course=course_tallies_renew, everything=all_tallies_renew)
