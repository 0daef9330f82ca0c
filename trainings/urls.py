from django.urls import path

from trainings import views

app_name = "trainings"

urlpatterns = [
    path("trainings/", views.training_list, name="list"),
    path("trainings/new/", views.training_edit, name="create"),
    path("trainings/<int:pk>/", views.training_detail, name="detail"),
    path("trainings/<int:pk>/edit/", views.training_edit, name="edit"),
    path("trainings/<int:pk>/summary/", views.training_summary, name="summary"),
    path("trainings/<int:pk>/register/", views.training_register, name="register"),
    path(
        "trainings/<int:pk>/registrations/<int:registration_pk>/cancel/",
        views.training_cancel,
        name="cancel",
    ),
    path(
        "trainings/<int:pk>/registrations/<int:registration_pk>/offer/",
        views.training_offer,
        name="offer",
    ),
    path(
        "trainings/<int:pk>/registrations/<int:registration_pk>/check-in/",
        views.training_check_in,
        name="check_in",
    ),
    path(
        "trainings/<int:pk>/<str:kind>-<str:language>.pdf", views.training_document, name="document"
    ),
    path("documents/", views.documents_page, name="documents"),
    path("workshops/", views.workshops, name="workshops"),
    path("workshops/<int:pk>/decision/", views.workshop_decision, name="workshop_decision"),
    path("staff-group/", views.staff_group, name="staff_group"),
    path(
        "staff-group/members/<int:pk>/remove/", views.staff_group_remove, name="staff_group_remove"
    ),
    path("clusters/", views.clusters, name="clusters"),
    path("clusters/<int:pk>/minutes/", views.cluster_minutes, name="cluster_minutes"),
    path(
        "clusters/<int:pk>/minutes-<str:language>.pdf",
        views.cluster_minutes_pdf,
        name="cluster_minutes_pdf",
    ),
]
