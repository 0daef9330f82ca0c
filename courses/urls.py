from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("programme/", views.programme_overview_view, name="overview"),
    path("programme/<slug:slug>/", views.programme_overview_view, name="overview_for"),
    path("courses/", views.course_list_view, name="list"),
    path("courses/new/", views.course_create_view, name="create"),
    path("courses/<int:pk>/", views.course_detail_view, name="detail"),
    path("courses/<int:pk>/edit/", views.course_edit_view, name="edit"),
    path("meetings/<int:pk>/move/", views.meeting_move_view, name="meeting_move"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel_view, name="meeting_cancel"),
    path("meetings/<int:pk>/theme/", views.meeting_theme_view, name="meeting_theme"),
]
