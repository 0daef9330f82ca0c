"""Parents' answers about a meeting (coming / cannot come): record them, read them for the
leader's sheet and the coordinators' course page."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from courses.models import Meeting
from participants.models import MeetingAnswer, Registration

Answer = MeetingAnswer.Answer
CONFIRMED = Registration.Status.CONFIRMED


def meeting_answer_record(
    *, registration: Registration, meeting: Meeting, answer: str, source: str
) -> MeetingAnswer:
    """The parent's answer for one meeting; a later answer replaces the earlier one, and two at
    once keep the last."""
    if meeting.course_id != registration.course_id:
        raise ValueError("The meeting is not on the registration's course.")
    for _attempt in range(2):
        try:
            with transaction.atomic():
                row, _created = MeetingAnswer.objects.update_or_create(
                    registration=registration,
                    meeting=meeting,
                    defaults={"answer": answer, "source": source, "answered_at": timezone.now()},
                )
            return row
        except IntegrityError:
            continue  # the other answer created the row first: update it
    raise IntegrityError("the answer could not be saved")


def meeting_answers(*, meeting: Meeting) -> dict[int, str]:
    """{registration id: answer} for one meeting."""
    return dict(
        MeetingAnswer.objects.filter(meeting=meeting).values_list("registration_id", "answer")
    )


def meeting_answer_counts(*, meeting: Meeting) -> dict[str, int]:
    """Coming, cannot come and no answer among the confirmed participants: one query."""
    counts = meeting.course.registrations.filter(status=CONFIRMED).aggregate(
        coming=Count(
            "pk", filter=Q(meeting_answers__meeting=meeting, meeting_answers__answer=Answer.COMING)
        ),
        cannot_come=Count(
            "pk",
            filter=Q(meeting_answers__meeting=meeting, meeting_answers__answer=Answer.CANNOT_COME),
        ),
        total=Count("pk", distinct=True),
    )
    counts["no_answer"] = counts["total"] - counts["coming"] - counts["cannot_come"]
    return counts
