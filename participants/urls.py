from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("courses/", views.course_catalogue, name="catalogue"),
    path("courses/<int:pk>/", views.course_page, name="course"),
    path("courses/<int:pk>/register/", views.registration_form, name="register"),
    path("r/<str:token>/", views.registration_page, name="registration"),
    path("r/<str:token>/calendar.ics", views.registration_ics, name="calendar"),
    path("r/<str:token>/cancel/", views.registration_cancel_view, name="cancel"),
    path("r/<str:token>/reminders/", views.registration_reminders, name="reminders"),
    path(
        "staff/courses/<int:pk>/participants/", views.staff_course_participants, name="staff_list"
    ),
    path("staff/courses/<int:pk>/participants/new/", views.staff_register, name="staff_register"),
    path(
        "staff/courses/<int:pk>/participants/<int:registration_pk>/cancel/",
        views.staff_cancel,
        name="staff_cancel",
    ),
]
