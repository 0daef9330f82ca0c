from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from courses.models import Course, LanguageTarget, Meeting, MeetingTheme, Programme, SchoolBreak


class MeetingThemeInline(TranslationTabularInline):
    model = MeetingTheme
    extra = 0


class LanguageTargetInline(admin.TabularInline):
    model = LanguageTarget
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    inlines = [MeetingThemeInline, LanguageTargetInline]
    prepopulated_fields = {"slug": ["name_sv"]}


@admin.register(SchoolBreak)
class SchoolBreakAdmin(admin.ModelAdmin):
    list_display = ["municipality", "school_year", "kind", "first_day", "last_day"]
    list_filter = ["municipality", "school_year", "kind"]


class MeetingInline(TranslationTabularInline):
    model = Meeting
    extra = 0


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["title", "language", "municipality", "first_date", "status"]
    list_filter = ["status", "language", "municipality"]
    list_select_related = ["language", "municipality"]
    inlines = [MeetingInline]
