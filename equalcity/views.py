import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from equalcity import translations
from equalcity.access import scope_for
from equalcity.decorators import (
    coordinator_required,
    personal_data,
    regional_required,
    signed_in_required,
    translator_required,
)
from equalcity.forms import (
    AuditFilterForm,
    DeliveryReportForm,
    InboundSmsForm,
    OutboxFilterForm,
    StaffInviteForm,
    StaffSettingsForm,
    TranslationFilterForm,
    TranslationForm,
)
from equalcity.inbound import inbound_receive, our_numbers
from equalcity.outbox import delivery_report, message_retry
from equalcity.phones import phone_e164
from equalcity.selectors import audit_events, outbox_messages
from equalcity.services import staff_invite, staff_settings_update
from equalcity.two_step import continue_after_set_up

# Search engines may read the public pages in every language; personal links (`/r/…` and
# `/<language>/r/…`), staff pages, logins and the admin are none of their business.
ROBOTS_DISALLOW = [
    "/admin/",
    "/accounts/",
    "/*/accounts/",
    "/*/staff/",
    "/r/",
    "/*/r/",
    "/webhooks/",
]


@require_http_methods(["GET", "HEAD"])
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), "Allow: /"]
    lines.append(f"Sitemap: {settings.SITE_URL.rstrip('/')}{reverse('sitemap')}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def healthz(request):
    """For the proxy's health checks: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    response = HttpResponse("ok", content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def privacy(request):
    return render(request, "equalcity/privacy.html")


#: When the accessibility statement was last reviewed (the law asks for the date).
STATEMENT_DATE = dt.date(2026, 11, 26)


def accessibility(request):
    return render(request, "equalcity/accessibility.html", {"statement_date": STATEMENT_DATE})


@signed_in_required
def staff_home(request):
    return render(request, "equalcity/staff_home.html", {"scope": scope_for(request.user)})


@signed_in_required
@require_http_methods(["GET", "POST"])
def staff_settings(request):
    """Every staff member's own name and language for e-mails and documents."""
    user = request.user
    form = StaffSettingsForm(
        request.POST or None,
        initial={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
        },
    )
    if request.method == "POST" and form.is_valid():
        staff_settings_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your settings have been saved."))
        return redirect("staff_settings")
    return render(request, "equalcity/staff_settings.html", {"form": form})


def email_management_not_offered(request, **kwargs):
    """allauth's pages for adding and confirming e-mail addresses: a staff member's address is
    the one they were invited with, so these answer 404 (see the settings page)."""
    raise Http404


@login_required
def two_step_continue(request):
    return continue_after_set_up(request)


@coordinator_required
@require_http_methods(["GET", "POST"])
def staff_invite_view(request):
    form = StaffInviteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = staff_invite(invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": user.email},
            )
            return redirect("staff_invite")
    return render(request, "equalcity/staff_invite.html", {"form": form})


@csrf_exempt
@require_http_methods(["POST"])
def elks_delivery_report(request, secret):
    """46elks reports whether an SMS reached the phone. The secret in the path is ours."""
    expected = settings.ELKS_WEBHOOK_SECRET
    if not expected or not constant_time_compare(secret, expected):
        raise Http404
    report = DeliveryReportForm(request.POST)
    if not report.is_valid():  # no id, another status, a NUL the database cannot compare
        raise BadRequest("46elks delivery report: no readable id and status")
    delivery_report(
        provider_id=report.cleaned_data["id"],
        delivered=report.cleaned_data["status"] == "delivered",
    )
    return HttpResponse("ok")


def _inbound_rate(group, request):
    return settings.ELKS_INBOUND_RATE_LIMIT


def _sender_key(group, request) -> str:
    """One parent's replies are counted together, however the number is written."""
    sender = request.POST.get("from", "")[:30]
    return phone_e164(sender) or sender


@csrf_exempt
@require_http_methods(["POST"])
@ratelimit(key=_sender_key, rate=_inbound_rate, method="POST", block=False)
def elks_inbound_sms(request, secret):
    """A parent's SMS to one of our numbers. Answered with an empty 200: 46elks would send a
    body back to the parent as an SMS. Bad input is answered 4xx, never 5xx."""
    expected = settings.ELKS_WEBHOOK_SECRET
    if not expected or not constant_time_compare(secret, expected):
        raise Http404
    if getattr(request, "limited", False):
        return HttpResponse(status=429)
    form = InboundSmsForm(request.POST, our_numbers=our_numbers())
    if not form.is_valid():  # no id, a sender that is no number, not our number, a NUL
        raise BadRequest("46elks inbound SMS: " + ", ".join(sorted(form.errors)))
    data = form.cleaned_data
    inbound_receive(
        provider_id=data["id"],
        from_number=data["from"],
        to_number=data["to"],
        body=data["message"],
        received_at=data["created"],
    )
    return HttpResponse(b"", content_type="text/plain")


@personal_data
@coordinator_required
def outbox_view(request):
    """Every message, for regional coordinators; the messages to their own parents, for a
    municipal coordinator (who can then see that a parent registered by phone got the SMS)."""
    filters = OutboxFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    messages_seen = outbox_messages(user=request.user, **criteria)
    page = Paginator(messages_seen, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "equalcity/outbox.html",
        {
            "filters": filters,
            "page": page,
            "query": request.GET.urlencode() if filters.is_valid() else "",
        },
    )


@coordinator_required
@require_http_methods(["POST"])
def outbox_retry_view(request, pk):
    message = get_object_or_404(outbox_messages(user=request.user), pk=pk)
    message_retry(user=request.user, message=message)
    messages.success(request, _("The message will be sent again."))
    return redirect("outbox")


@personal_data
@regional_required
def audit_trail_view(request):
    """Regional coordinators read the trail; nobody can change it."""
    filters = AuditFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    events = audit_events(action=criteria.get("action", ""), q=criteria.get("q", ""))
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "equalcity/audit.html",
        {
            "page": page,
            "filters": filters,
            "query": request.GET.urlencode() if filters.is_valid() else "",
        },
    )


def _kind_choices():
    return [(item.key, item.label) for item in translations.entries()]


@translator_required
def translations_view(request):
    """What is missing in each language, and the texts to translate in one of them."""
    languages = translations.languages_for(request.user)
    if not languages:
        raise PermissionDenied
    form = TranslationFilterForm(request.GET or None, languages=languages, kinds=_kind_choices())
    criteria = form.cleaned_data if form.is_bound and form.is_valid() else {}
    language = criteria.get("language") or languages[0]
    missing_only = criteria.get("missing", not form.is_bound)
    table = translations.coverage(languages=languages)
    chosen = [
        item
        for item in translations.entries()
        if not criteria.get("kind") or item.key == criteria["kind"]
    ]
    sections = []
    for item in chosen:
        rows = (
            translations.missing_rows(item, language)
            if missing_only
            else item.rows().order_by("pk")
        )
        page = Paginator(rows, 50 if len(chosen) == 1 else 10).get_page(request.GET.get("page"))
        sections.append(
            {
                "item": item,
                "coverage": table[item.key][language],
                "page": page,
                "rows": [(row, item.describe(row)) for row in page.object_list],
            }
        )
    return render(
        request,
        "equalcity/translations.html",
        {
            "form": form,
            "language": language,
            "languages": languages,
            "table": [
                (item, [table[item.key][code] for code in languages])
                for item in translations.entries()
            ],
            "totals": [translations.total_coverage(table, code) for code in languages],
            "sections": sections,
            "paginated": len(chosen) == 1,
            "query": request.GET.urlencode(),
        },
    )


@translator_required
@require_http_methods(["GET", "POST"])
def translation_edit_view(request, kind, pk, language):
    """One text's fields in one language, beside the Swedish source; saving writes only that
    language."""
    try:
        item = translations.entry(kind)
    except KeyError:
        raise Http404 from None
    if not translations.may_translate(request.user, language):
        raise Http404
    row = get_object_or_404(item.rows(), pk=pk)
    texts = translations.field_texts(item, row, language)
    form = TranslationForm(request.POST or None, texts=texts, language=language)
    if request.method == "POST" and form.is_valid():
        try:
            translations.translation_save(
                user=request.user,
                item=item,
                row_id=row.pk,
                language=language,
                texts=form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The translation has been saved."))
            following = translations.missing_rows(item, language).exclude(pk=row.pk).first()
            if following is not None and "next" in request.POST:
                return redirect("translation_edit", kind=kind, pk=following.pk, language=language)
            return redirect(f"{reverse('translations')}?language={language}&kind={kind}&missing=on")
    return render(
        request,
        "equalcity/translation_edit.html",
        {
            "form": form,
            "item": item,
            "description": item.describe(row),
            "language": language,
            "language_name": dict(settings.LANGUAGES)[language],
            "direction": "rtl" if language in settings.LANGUAGES_BIDI else "ltr",
        },
    )
