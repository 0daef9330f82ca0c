"""The course leader speaks to the group: choose, preview in every language, confirm."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from equalcity.decorators import personal_data, staff_required
from equalcity.forms import add_validation_error
from equalcity.i18n import is_rtl
from participants.broadcast_form import BroadcastForm
from participants.broadcasts import (
    Template,
    course_broadcast_preview,
    course_broadcast_send,
    group_languages,
    language_name,
    new_key,
    sender_languages,
)
from participants.selectors.attendance import course_for_attendance


def _marked(text: str, slot: str, language: str):
    """The preview as the parent reads it, with the Swedish slot marked `lang="sv"` (the SMS
    keeps it in order with isolates)."""
    if not slot or language == "sv":
        return text
    return mark_safe(  # noqa: S308 - both parts are escaped
        escape(text).replace(escape(slot), f'<span lang="sv">{escape(slot)}</span>')
    )


@personal_data
@staff_required
@require_http_methods(["GET", "POST"])
def course_broadcast(request, pk):
    course = course_for_attendance(user=request.user, pk=pk)
    form = BroadcastForm(
        request.POST or None,
        initial={"key": new_key(), "template": Template.STARTS_LATER},
        course=course,
        user=request.user,
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        broadcast = form.broadcast()
        try:
            if "confirm" in request.POST:
                queued = course_broadcast_send(
                    broadcast=broadcast, user=request.user, key=form.cleaned_data["key"]
                )
            else:
                preview = course_broadcast_preview(broadcast=broadcast, user=request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            if preview is None:
                if queued is None:
                    text = _("This message has already been sent.")
                elif broadcast.template == Template.CANCELLED:
                    text = _("The meeting is cancelled; the parents are told in their languages.")
                else:
                    text = ngettext(
                        "The message goes to %(count)s parent.",
                        "The message goes to %(count)s parents.",
                        queued,
                    ) % {"count": queued}
                messages.success(request, text)
                return redirect("courses:detail", pk=course.pk)
    writes = sender_languages(user=request.user)
    groups = group_languages(course=course)
    return render(
        request,
        "participants/course_broadcast.html",
        {
            "course": course,
            "form": form,
            "preview": preview,
            "previews": [
                {
                    "code": code,
                    "name": language_name(code),
                    "rtl": is_rtl(code),
                    "text": _marked(text, broadcast.room or broadcast.item, code),
                    "count": preview.counts[code],
                }
                for code, text in preview.texts.items()
            ]
            if preview
            else [],
            "left_out": [(language_name(c), n) for c, n in preview.left_out.items()]
            if preview
            else [],
            "writes": [language_name(code) for code in writes],
            "cannot_write": [(language_name(c), n) for c, n in groups.items() if c not in writes],
        },
    )
