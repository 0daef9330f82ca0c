"""For pages of other apps that show a course to the staff responsible for it (the course page
in `courses`): the parents to call, without `courses` importing this app."""

from django import template

from courses.models import Course
from participants.completion import completion_at_risk

register = template.Library()


@register.simple_tag
def course_at_risk(course):
    """{% course_at_risk course as at_risk %}: only for pages shown to the course's leaders and
    the coordinators in scope, who see its participants anyway."""
    return completion_at_risk(courses=Course.objects.filter(pk=course.pk))
