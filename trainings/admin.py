from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from trainings.models import TrainingDay


@admin.register(TrainingDay)
class TrainingDayAdmin(TranslationAdmin):
    list_display = ["title", "kind", "date", "status"]
    list_filter = ["kind", "status"]
