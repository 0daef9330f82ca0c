"""Staff trainings' models, by subject; Django and the rest of the code import them from here."""

from trainings.models.clusters import ClusterMeeting, ClusterTheme, StaffGroup, StaffGroupMember
from trainings.models.days import MunicipalitySeats, ProgrammeItem, TrainingDay
from trainings.models.registrations import StaffRegistration
from trainings.models.workshops import WorkshopBooking, programme_period

__all__ = [
    "ClusterMeeting",
    "ClusterTheme",
    "MunicipalitySeats",
    "ProgrammeItem",
    "StaffGroup",
    "StaffGroupMember",
    "StaffRegistration",
    "TrainingDay",
    "WorkshopBooking",
    "programme_period",
]
