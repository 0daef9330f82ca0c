from django.urls import path

from trainings.views import clusters, days, documents, registrations, staff_group, workshops

app_name = "trainings"

urlpatterns = [
    path("trainings/", days.training_list, name="list"),
    path("trainings/new/", days.training_edit, name="create"),
    path("trainings/<int:pk>/", days.training_detail, name="detail"),
    path("trainings/<int:pk>/edit/", days.training_edit, name="edit"),
    path("trainings/<int:pk>/summary/", days.training_summary, name="summary"),
    path("trainings/<int:pk>/register/", registrations.training_register, name="register"),
    path(
        "trainings/<int:pk>/registrations/<int:registration_pk>/cancel/",
        registrations.training_cancel,
        name="cancel",
    ),
    path(
        "trainings/<int:pk>/registrations/<int:registration_pk>/offer/",
        registrations.training_offer,
        name="offer",
    ),
    path(
        "trainings/<int:pk>/registrations/<int:registration_pk>/check-in/",
        registrations.training_check_in,
        name="check_in",
    ),
    path(
        "trainings/<int:pk>/<str:kind>-<str:language>.pdf",
        documents.training_document,
        name="document",
    ),
    path("documents/", documents.documents_page, name="documents"),
    path("workshops/", workshops.workshops, name="workshops"),
    path("workshops/<int:pk>/decision/", workshops.workshop_decision, name="workshop_decision"),
    path("staff-group/", staff_group.staff_group, name="staff_group"),
    path(
        "staff-group/members/<int:pk>/remove/",
        staff_group.staff_group_remove,
        name="staff_group_remove",
    ),
    path("clusters/", clusters.clusters, name="clusters"),
    path("clusters/<int:pk>/minutes/", clusters.cluster_minutes, name="cluster_minutes"),
    path(
        "clusters/<int:pk>/minutes-<str:language>.pdf",
        documents.cluster_minutes_pdf,
        name="cluster_minutes_pdf",
    ),
]
