from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from equalcity.models import CourseLanguage, Organisation, Venue

if TYPE_CHECKING:
    from equalcity.i18n import LocalText


class Programme(models.Model):
    """A course programme such as "Förälder i nytt land", with its shape and its targets.

    The number of meetings, their length and the completion threshold are data: later runs of
    the course used 8–9 meetings.
    """

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    central_municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("central municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Courses held here are open to parents from the whole region."),
    )
    meeting_count = models.PositiveSmallIntegerField(_("number of meetings"), default=7)
    meeting_minutes = models.PositiveSmallIntegerField(_("minutes per meeting"), default=150)
    completion_threshold = models.PositiveSmallIntegerField(
        _("meetings needed to complete"),
        default=5,
    )
    target_courses = models.PositiveSmallIntegerField(_("target: courses"), default=30)
    target_central_courses = models.PositiveSmallIntegerField(
        _("target: courses in the central municipality"),
        default=20,
    )
    target_local_courses = models.PositiveSmallIntegerField(
        _("target: local courses"),
        default=10,
    )
    starts_on = models.DateField(_("programme period starts"))
    ends_on = models.DateField(_("programme period ends"))

    if TYPE_CHECKING:
        # modeltranslation swaps the default manager for one made at run time, which
        # django-stubs cannot find: the manager as the code uses it.
        objects: ClassVar[models.Manager[Self]]

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completion_threshold__lte=models.F("meeting_count")),
                name="programme_threshold_within_meetings",
            ),
        ]

    def __str__(self):
        return self.name


class MeetingTheme(models.Model):
    """The theme of meeting number N in a programme, and what parents should know before it.

    The session plan belongs to the programme: written and translated once, every course of the
    programme shows it (a course may override one meeting's theme, see `Meeting.theme`).
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField(_("meeting number"))
    title = models.CharField(_("theme"), max_length=200)
    parent_text = models.TextField(
        _("for parents"),
        blank=True,
        help_text=_("A sentence or two for parents about this meeting, shown on the course page."),
    )

    if TYPE_CHECKING:
        # The manager modeltranslation makes at run time (see Programme).
        objects: ClassVar[models.Manager[Self]]

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="theme_unique_number"),
        ]
        verbose_name = _("meeting theme")
        verbose_name_plural = _("meeting themes")

    def __str__(self):
        return f"{self.number}. {self.title}"


class LanguageTarget(models.Model):
    """How many courses the programme means to give in one language."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="language_targets",
    )
    language = models.ForeignKey(CourseLanguage, on_delete=models.PROTECT, related_name="+")
    courses = models.PositiveSmallIntegerField(_("target: courses"))

    class Meta:
        ordering = ["language__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "language"],
                name="language_target_unique",
            ),
        ]
        verbose_name = _("language target")
        verbose_name_plural = _("language targets")

    def __str__(self):
        return f"{self.language}: {self.courses}"


class SchoolBreak(models.Model):
    """A school-break week range of one municipality in one school year."""

    class Kind(models.TextChoices):
        AUTUMN = "hostlov", _("Autumn break")
        CHRISTMAS = "jullov", _("Christmas break")
        WINTER = "sportlov", _("Winter sports break")
        EASTER = "pasklov", _("Easter break")
        SUMMER = "sommarlov", _("Summer break")

    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="school_breaks",
    )
    school_year = models.CharField(_("school year"), max_length=9, help_text="2026/27")
    kind = models.CharField(_("break"), max_length=12, choices=Kind.choices)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))

    class Meta:
        ordering = ["municipality", "first_day"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "school_year", "kind"],
                name="school_break_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="school_break_ordered",
            ),
        ]
        verbose_name = _("school break")
        verbose_name_plural = _("school breaks")

    def __str__(self):
        return f"{self.get_kind_display()} {self.school_year} ({self.municipality})"


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for registration")
        FULL = "full", pgettext_lazy("course status", "Full")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    class Eligibility(models.TextChoices):
        REGION = "region", _("Parents from the whole region")
        MUNICIPALITY = "municipality", _("Residents of the municipality")

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    language = models.ForeignKey(
        CourseLanguage,
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="courses_held",
    )
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="courses_organised",
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("course leaders"),
        blank=True,
        related_name="led_courses",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_group = models.CharField(
        _("for whom"),
        max_length=300,
        blank=True,
        help_text=_("For example: parents of children in school age. Shown to parents."),
    )
    capacity = models.PositiveSmallIntegerField(_("seats"), default=15)
    childcare_offered = models.BooleanField(
        _("childcare during the meetings"),
        default=False,
    )
    childcare_min_age = models.PositiveSmallIntegerField(
        _("childcare from age"), default=0, help_text=_("In years.")
    )
    childcare_max_age = models.PositiveSmallIntegerField(
        _("childcare up to age"), default=6, help_text=_("In years.")
    )
    eligibility = models.CharField(
        _("who may join"),
        max_length=12,
        choices=Eligibility.choices,
        default=Eligibility.REGION,
    )
    registration_opens = models.DateField(_("registration opens"))
    registration_closes = models.DateField(_("registration closes"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    first_date = models.DateField(_("first meeting"))
    start_time = models.TimeField(_("start time"))
    # Kept by the services that change seats and meetings (courses.services), so that lists of
    # thousands of courses need no join with registrations or meetings.
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    waiting_count = models.PositiveIntegerField(default=0, editable=False)
    first_meeting_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_meeting_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        # The manager modeltranslation makes at run time (see Programme).
        objects: ClassVar[models.Manager[Self]]

    class Meta:
        ordering = ["first_date", "pk"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_closes__gte=models.F("registration_opens")),
                name="course_registration_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(childcare_max_age__gte=models.F("childcare_min_age")),
                name="course_childcare_ages_ordered",
            ),
        ]
        indexes = [
            # Every list of courses is in date order, a page at a time: the index gives the
            # first 50 of 5,000 without sorting all of them (wide rows, every translation).
            models.Index(fields=["first_date", "id"], name="course_by_date"),
            models.Index(fields=["status", "first_date"]),
            models.Index(fields=["municipality", "first_date"]),
            models.Index(fields=["language", "first_date"]),
        ]

    def __str__(self):
        return self.title

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    # The names the pages have used since the counts were annotations.
    @property
    def confirmed(self) -> int:
        return self.confirmed_count

    @property
    def waiting(self) -> int:
        return self.waiting_count

    @property
    def first_meeting(self):
        return self.first_meeting_at

    @property
    def last_meeting(self):
        return self.last_meeting_at


class Meeting(models.Model):
    """One meeting (träff) of a course. A moved meeting keeps its number."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(_("meeting number"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    # Empty: the programme's theme for this number (MeetingTheme). Filled: this course's own
    # theme for this one meeting, overriding the programme's.
    theme = models.CharField(
        _("theme for this course only"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the programme's theme for this meeting."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.SCHEDULED,
    )
    moved_from = models.DateTimeField(_("originally planned for"), null=True, blank=True)
    # The start time (as a message stamp) for which the planner has written every reminder;
    # a new or moved meeting differs from it and is checked in full (participants.planning).
    reminders_planned_for = models.CharField(max_length=20, blank=True, editable=False)
    change_reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="meeting_unique_number"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    if TYPE_CHECKING:
        # The manager modeltranslation makes at run time (see Programme).
        objects: ClassVar[models.Manager[Self]]
        # modeltranslation adds a column per language (courses/translation.py); the services
        # read and write the Swedish one, which the others are translated from.
        theme_sv: str | None
        # The theme in the active language, on the meetings courses.selectors.with_themes returns.
        theme_title: LocalText
        theme_note: LocalText
        # The reminders' stamp (start time) of the meetings the parents' planner plans.
        stamp: str
        reminder_stamp: str

    def __str__(self):
        return f"{self.course} #{self.number}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED
