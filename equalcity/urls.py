from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from equalcity import views
from equalcity.sitemaps import PublicPagesSitemap
from participants import views as participant_views
from participants.sitemaps import CourseSitemap
from questionnaires.views import leader as questionnaire_views

SITEMAPS = {"pages": PublicPagesSitemap, "courses": CourseSitemap}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("r/<str:token>/", participant_views.short_link, name="short_link"),
    path("r/<str:token>/q/", questionnaire_views.short_link, name="questionnaire_short_link"),
    path("webhooks/46elks/<str:secret>/", views.elks_delivery_report, name="elks_webhook"),
    path("webhooks/46elks/<str:secret>/sms/", views.elks_inbound_sms, name="elks_inbound"),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", participant_views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("", include("participants.urls")),
    path("", include("questionnaires.urls")),
    # Staff e-mail addresses come with the invitation; allauth's pages for managing them and
    # its confirmation links are not offered.
    path("accounts/email/", views.email_management_not_offered),
    re_path(r"^accounts/confirm-email/", views.email_management_not_offered),
    path("accounts/", include("allauth.urls")),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/settings/", views.staff_settings, name="staff_settings"),
    path("staff/two-step/continue/", views.two_step_continue, name="two_step_continue"),
    path("staff/invite/", views.staff_invite_view, name="staff_invite"),
    path("staff/messages/", views.outbox_view, name="outbox"),
    path("staff/audit/", views.audit_trail_view, name="audit"),
    path("staff/translations/", views.translations_view, name="translations"),
    path(
        "staff/translations/<str:kind>/<int:pk>/<str:language>/",
        views.translation_edit_view,
        name="translation_edit",
    ),
    path("staff/messages/<int:pk>/retry/", views.outbox_retry_view, name="outbox_retry"),
    path("staff/", include("courses.urls")),
    path("staff/", include("trainings.urls")),
    path("staff/statistics/", include("evaluation.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Error pages in the language of the URL (equalcity/errors.py); allauth answers too many login
# attempts with handler429 too.
handler400 = "equalcity.errors.bad_request"
handler403 = "equalcity.errors.permission_denied"
handler404 = "equalcity.errors.page_not_found"
handler429 = "equalcity.errors.too_many_requests"
handler500 = "equalcity.errors.server_error"
