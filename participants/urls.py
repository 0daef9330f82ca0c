from django.urls import path

from participants import views
from participants.views import answers, attendance, broadcasts, flyers, privacy

app_name = "participants"

urlpatterns = [
    path("courses/", views.course_catalogue, name="catalogue"),
    path("courses/<int:pk>/", views.course_page, name="course"),
    path("courses/<int:pk>/register/", views.registration_form, name="register"),
    path("r/<str:token>/", views.registration_page, name="registration"),
    path("r/<str:token>/calendar.ics", views.registration_ics, name="calendar"),
    path("r/<str:token>/cancel/", views.registration_cancel_view, name="cancel"),
    path("r/<str:token>/offer/", views.registration_offer, name="offer"),
    path("r/<str:token>/reminders/", views.registration_reminders, name="reminders"),
    path(
        "r/<str:token>/meetings/<int:meeting>/<str:answer>/",
        answers.meeting_answer,
        name="meeting_answer",
    ),
    path("staff/replies/", answers.replies_inbox, name="replies"),
    path("r/<str:token>/certificate.pdf", attendance.parent_certificate, name="parent_certificate"),
    path("staff/my-courses/", attendance.my_courses, name="my_courses"),
    path(
        "staff/meetings/<int:pk>/attendance/", attendance.attendance_sheet, name="attendance_sheet"
    ),
    path(
        "staff/meetings/<int:pk>/everyone-present/",
        attendance.everyone_present,
        name="everyone_present",
    ),
    path("staff/meetings/<int:pk>/walk-in/", attendance.walk_in, name="walk_in"),
    path("staff/registrations/<int:pk>/follow-up/", attendance.follow_up, name="follow_up"),
    path("staff/registrations/<int:pk>/", privacy.person, name="person"),
    path("staff/registrations/<int:pk>/export.json", privacy.person_export, name="person_export"),
    path(
        "staff/registrations/<int:pk>/export-<str:language>.pdf",
        privacy.person_export_pdf,
        name="person_export_pdf",
    ),
    path("staff/registrations/<int:pk>/erase/", privacy.person_erase, name="person_erase"),
    path(
        "staff/registrations/<int:pk>/certificate.pdf",
        attendance.certificate_pdf,
        name="certificate",
    ),
    path("staff/courses/<int:pk>/attendance/", attendance.matrix, name="attendance_matrix"),
    path(
        "staff/courses/<int:pk>/attendance-list.pdf",
        attendance.attendance_list_pdf,
        name="attendance_list",
    ),
    path("staff/courses/<int:pk>/certificates/", attendance.certificates, name="certificates"),
    path("staff/courses/<int:pk>/message/", broadcasts.course_broadcast, name="broadcast"),
    path("staff/courses/<int:pk>/flyer-<str:size>.pdf", flyers.flyer_pdf, name="flyer"),
    path(
        "staff/courses/<int:pk>/participants/", views.staff_course_participants, name="staff_list"
    ),
    path("staff/courses/<int:pk>/participants/new/", views.staff_register, name="staff_register"),
    path(
        "staff/courses/<int:pk>/participants/<int:registration_pk>/offer/",
        views.staff_offer_answer,
        name="staff_offer",
    ),
    path(
        "staff/courses/<int:pk>/participants/<int:registration_pk>/cancel/",
        views.staff_cancel,
        name="staff_cancel",
    ),
]
