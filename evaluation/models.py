"""Tallies: the dashboard's counts kept per course, so that a view sums a few thousand rows
instead of reading every registration and attendance mark of the country.

They hold counts only, never a person. `evaluation.tallies` renews a course's rows from its
registrations and marks whenever they change (through `equalcity.course_figures`), so the
dashboard shows exactly what counting the source rows would show. What can change without a
registration or a mark being written (a course's dates, language or status, a meeting moved
past its end, the programme's completion threshold) is not stored here but joined when read.
"""

from django.db import models

from courses.models import Course, Meeting
from equalcity.models import Organisation


class FunnelTally(models.Model):
    """Registrations of a course (any status) by municipality of residence, by the number of
    meetings attended (present or late) and by whether they came to meeting 1."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        Organisation, null=True, on_delete=models.CASCADE, related_name="+"
    )
    attended = models.PositiveSmallIntegerField()
    started = models.BooleanField()
    registered = models.PositiveIntegerField()
    waitlisted = models.PositiveIntegerField()  # of them, on the waiting list at some point

    def __str__(self):
        return f"{self.course_id}/{self.municipality_id}/{self.attended}: {self.registered}"


class ReachTally(models.Model):
    """Confirmed registrations of a course by municipality of residence and referral."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        Organisation, null=True, on_delete=models.CASCADE, related_name="+"
    )
    referral = models.CharField(max_length=20, blank=True)
    parents = models.PositiveIntegerField()
    children = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.course_id}/{self.municipality_id}/{self.referral}: {self.parents}"


class MeetingTally(models.Model):
    """The attendance marks of one meeting by the participants' municipality of residence."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    # Stored beside the meeting so that a course's rows are found and renewed without a join.
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    municipality = models.ForeignKey(
        Organisation, null=True, on_delete=models.CASCADE, related_name="+"
    )
    attended = models.PositiveIntegerField()  # present or late
    recorded = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.meeting_id}/{self.municipality_id}: {self.attended}/{self.recorded}"
