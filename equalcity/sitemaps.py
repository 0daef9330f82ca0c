"""The sitemap search engines read: every public page in every interface language.

Each address carries its alternates in the other languages and an `x-default` (the Swedish
page), on `SITE_URL`: the sites framework's domain is not ours to trust.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SiteSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_urls(self, page=1, site=None, protocol=None):
        """Django's `x-default` is the address without a language prefix, which here only
        redirects; ours is the Swedish page, as in each page's head."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            alternates = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            if "x-default" in alternates:
                swedish = alternates[settings.LANGUAGE_CODE]["location"]
                alternates["x-default"]["location"] = swedish
        return urls


class PublicPagesSitemap(SiteSitemap):
    """The start page, the catalogue, and the privacy and accessibility statements."""

    def items(self):
        return ["home", "participants:catalogue", "privacy", "accessibility"]

    def location(self, item):
        return reverse(item)
