from django.urls import reverse

from equalcity.sitemaps import SiteSitemap
from participants.selectors.registrations import public_course_pages


class CourseSitemap(SiteSitemap):
    """The page of every course a parent may still join."""

    def items(self):
        return public_course_pages()

    def location(self, course):
        return reverse("participants:course", args=[course.pk])

    def lastmod(self, course):
        return course.updated_at
