from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from equalcity import views
from participants import views as participant_views

urlpatterns = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", participant_views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("", include("participants.urls")),
    path("accounts/", include("allauth.urls")),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/invite/", views.staff_invite_view, name="staff_invite"),
    path("staff/", include("courses.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
