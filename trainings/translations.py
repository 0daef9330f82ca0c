"""The texts of training days and cluster meetings that the translation workspace lists."""

from django.utils.translation import gettext_lazy as _

from equalcity.translations import Translatable, register
from trainings.models import ClusterMeeting, ClusterTheme, ProgrammeItem, TrainingDay


def _days():
    return TrainingDay.objects.exclude(status=TrainingDay.Status.CANCELLED)


def register_translatables():
    register(
        Translatable(
            key="trainings.trainingday",
            model=TrainingDay,
            fields=(
                "title",
                "description",
                "target_group",
                "discussion_questions",
                "summary",
                "key_points",
            ),
            label=_("Training days"),
            rows=_days,
            describe=lambda day: f"{day.title_sv} · {day.date:%Y-%m-%d}",
            for_parents=False,
        )
    )
    register(
        Translatable(
            key="trainings.programmeitem",
            model=ProgrammeItem,
            fields=("title",),
            label=_("Training day programmes"),
            rows=lambda: ProgrammeItem.objects.filter(training_day__in=_days()).select_related(
                "training_day"
            ),
            describe=lambda item: (
                f"{item.training_day.title_sv} · {item.starts_at:%H:%M} {item.title_sv}"
            ),
            for_parents=False,
        )
    )
    register(
        Translatable(
            key="trainings.clustertheme",
            model=ClusterTheme,
            fields=("name",),
            label=_("Cluster meeting themes"),
            rows=ClusterTheme.objects.all,
            describe=lambda theme: theme.name_sv,
            for_parents=False,
        )
    )
    register(
        Translatable(
            key="trainings.clustermeeting",
            model=ClusterMeeting,
            fields=("minutes",),
            label=_("Cluster meeting minutes"),
            rows=lambda: ClusterMeeting.objects.exclude(status=ClusterMeeting.Status.CANCELLED),
            describe=lambda meeting: f"{meeting.date:%Y-%m-%d}",
            for_parents=False,
        )
    )
