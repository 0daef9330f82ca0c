"""Demo parents on the courses that have begun or are open, and their attendance so far."""

import datetime as dt

from django.utils import timezone

from courses.models import Course, Meeting
from participants.models import Attendance, Registration

DEMO_PARENTS = {
    "ar": [("أحمد", "الحسن"), ("فاطمة", "العلي"), ("Omar", "Haddad")],
    "fa-AF": [("فرید", "احمدی"), ("مریم", "رحیمی"), ("Zahra", "Hosseini")],
    "en": [("Grace", "Okafor"), ("John", "Mensah"), ("Amal", "Yusuf")],
    "so": [("Hodan", "Cali"), ("Maxamed", "Cabdi"), ("Sahra", "Warsame")],
    "ti": [("ዮናስ", "ተስፋይ"), ("ሳባ", "ገብረ"), ("Selam", "Tesfamariam")],
}


def parents_seed(*, today: dt.date) -> None:
    """Demo parents on the running and open courses, so that reminders go out under
    `make run`. Phone numbers are in the range PTS keeps for fiction (070-1740605…)."""
    courses = Course.objects.filter(
        status__in=[Course.Status.RUNNING, Course.Status.OPEN, Course.Status.FINISHED]
    ).select_related("language", "municipality")
    number = 0
    for course in courses:
        names = DEMO_PARENTS.get(course.language.code, DEMO_PARENTS["en"])
        for first, last in names:
            phone = f"+4670174{605 + number % 95:04d}"
            number += 1
            known = Registration.objects.filter(course=course, first_name=first, last_name=last)
            if known.exists():
                continue
            registration = Registration(
                course=course,
                first_name=first,
                last_name=last,
                phone=phone,
                municipality=course.municipality,
                children_6_12=1,
                channel="sms",
                language=course.language.interface_language or "sv",
                status=Registration.Status.CONFIRMED,
            )
            registration.full_clean(validate_constraints=False)
            registration.save()
            # Registered when registration opened: no confirmation goes out today.
            Registration.objects.filter(pk=registration.pk).update(
                created_at=timezone.make_aware(
                    dt.datetime.combine(course.registration_opens, dt.time(10))
                )
            )
    attendance_seed(today=today)


def attendance_seed(*, today: dt.date) -> None:
    """Attendance for the meetings before today, in a fixed pattern: most come, some are
    excused or late, one parent in three misses the last meetings. Today's meetings are left
    for the leader to take."""
    statuses = ["present", "present", "late", "present", "excused", "present", "absent"]
    start_of_today = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    held = Meeting.objects.filter(ends_at__lt=start_of_today, status=Meeting.Status.SCHEDULED)
    marks = []
    for meeting in held.select_related("course"):
        for index, registration in enumerate(
            meeting.course.registrations.filter(status="confirmed").order_by("pk")
        ):
            status = statuses[(index + meeting.number) % len(statuses)]
            if index % 3 == 2 and meeting.number > 4:
                status = "absent"
            marks.append(Attendance(registration=registration, meeting=meeting, status=status))
    # A mark already there (the leader's, or an earlier run's) stays as it is.
    Attendance.objects.bulk_create(marks, ignore_conflicts=True)
