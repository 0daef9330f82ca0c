"""{% next_meeting_answers course %}: on the staff course page, how the parents answered about
the next meeting (the courses app shows it without importing participants)."""

from django import template

from participants.answers import meeting_answer_counts
from participants.messages import next_meeting

register = template.Library()


@register.inclusion_tag("participants/includes/next_meeting_answers.html")
def next_meeting_answers(course):
    meeting = next_meeting(course)
    return {
        "meeting": meeting,
        "counts": meeting_answer_counts(meeting=meeting) if meeting else None,
    }
