"""The course flyer for outreach, for the course's leaders and its coordinators."""

from django.http import Http404

from equalcity.decorators import staff_required
from equalcity.downloads import stored_pdf_response
from participants.flyers import SIZES, flyer_get
from participants.selectors.attendance import course_for_attendance
from participants.selectors.registrations import NOT_PUBLIC


@staff_required
def flyer_pdf(request, pk, size):
    course = course_for_attendance(user=request.user, pk=pk)
    if size not in SIZES or course.status in NOT_PUBLIC:
        raise Http404  # its QR code would lead to a page that parents cannot open
    document = flyer_get(course, size=size)
    return stored_pdf_response(document.file, filename=document.filename)
