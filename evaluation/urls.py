from django.urls import path

from evaluation import views

app_name = "evaluation"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("export.csv", views.export_view, {"fmt": "csv"}, name="export_csv"),
    path("export-plain.csv", views.export_view, {"fmt": "csv_plain"}, name="export_csv_plain"),
    path("export.xlsx", views.export_view, {"fmt": "xlsx"}, name="export_xlsx"),
    path("answers.csv", views.answers_export_view, name="answers_csv"),
]
