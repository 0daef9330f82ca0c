from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from modeltranslation.admin import TranslationAdmin

from equalcity.models import CourseLanguage, Organisation, Role, User, Venue


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "takes_part", "retention_months"]
    list_filter = ["kind", "takes_part"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Venue)
class VenueAdmin(TranslationAdmin):
    list_display = ["name", "city", "municipality"]
    list_filter = ["municipality"]


@admin.register(CourseLanguage)
class CourseLanguageAdmin(TranslationAdmin):
    list_display = ["name", "native_name", "code", "direction", "script", "interface_language"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [RoleInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Personal info", {"fields": ["first_name", "last_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
