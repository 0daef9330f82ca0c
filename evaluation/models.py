"""Tallies: the dashboard's counts kept per course, so that a view sums a few thousand small rows
instead of reading every registration and attendance mark of the country.

They hold counts only, never a person. `evaluation.tallies` renews a course's rows from its
registrations and marks whenever they change (through `equalcity.course_figures`), so the
dashboard shows exactly what counting the source rows would show. What can change without a
registration or a mark being written (a course's dates, language or status, a meeting moved
past its end, the programme's completion threshold) is not stored here but read when counted:
the course row is joined (5,000 rows at national scale), and the marks of meetings that have not
ended yet (few: marks are taken at a meeting) are subtracted from the whole.

Each tally comes twice: for everyone, which the unfiltered dashboard sums, and per municipality
of residence ("Home"), which a municipality's view and the per-municipality tables read. Kept
apart so that neither scan reads the other's rows.
"""

from django.db import models

from courses.models import Course, Meeting
from equalcity.models import Organisation


class _PerHome(models.Model):
    municipality = models.ForeignKey(
        Organisation, null=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True


class _CourseCounts(models.Model):
    """A course's registrations (any status), of them confirmed ones with their children, and
    the attendance marks of all its meetings (present or late; recorded)."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    registered = models.PositiveIntegerField(default=0)
    waitlisted = models.PositiveIntegerField(default=0)  # on the waiting list at some point
    started = models.PositiveIntegerField(default=0)  # came to meeting 1 (present or late)
    parents = models.PositiveIntegerField(default=0)  # confirmed
    children = models.PositiveIntegerField(default=0)  # of the confirmed
    attended = models.PositiveIntegerField(default=0)  # marks, present or late
    recorded = models.PositiveIntegerField(default=0)  # marks

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.course_id}: {self.registered}"


class CourseTally(_CourseCounts):
    pass


class CourseHomeTally(_PerHome, _CourseCounts):
    pass


class _Completion(models.Model):
    """Registrations of a course (any status) by the number of meetings attended."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    attended = models.PositiveSmallIntegerField()
    registered = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.course_id}/{self.attended}: {self.registered}"


class CompletionTally(_Completion):
    pass


class CompletionHomeTally(_PerHome, _Completion):
    pass


class _Referral(models.Model):
    """Confirmed registrations of a course by how the parents heard of it."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    referral = models.CharField(max_length=20, blank=True)
    parents = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.course_id}/{self.referral}: {self.parents}"


class ReferralTally(_Referral):
    pass


class ReferralHomeTally(_PerHome, _Referral):
    pass


class _MeetingMarks(models.Model):
    """The attendance marks of one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    # Stored beside the meeting so that a course's rows are found and renewed, and the marks
    # summed per meeting number, without reading the meetings.
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveSmallIntegerField()
    attended = models.PositiveIntegerField()  # present or late
    recorded = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.meeting_id}: {self.attended}/{self.recorded}"


class MeetingTally(_MeetingMarks):
    pass


class MeetingHomeTally(_PerHome, _MeetingMarks):
    pass
