"""Public pages served from a cache, per language, invalidated at once by any change they show.

The start page, the catalogue and a course page are the same for every anonymous visitor in one
language. They are rendered once and served from the cache (Redis in production) until
something they show changes: every service that changes a course, its meetings, its seats or a
translated text calls `public_pages_changed()`, which moves a version number. Each cached page
carries the version it was rendered at, and is served only while that is still the version: a
hit costs one round trip (the version and the page read together). A parent never sees a free
seat that is taken: registering bumps the version in the same request (and the registration
itself stays race-free on the locked course row). Time moves on too (registration closes at
midnight, a meeting starts): keys carry the day and expire after PUBLIC_PAGE_SECONDS.
"""

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "public-pages:version"


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def public_pages_changed() -> None:
    """Something a public page shows has changed: every cached public page is stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet (a cleared cache): the next page starts one
        cache.add(VERSION_KEY, 1, timeout=None)


T = TypeVar("T")


def kept_while_unchanged(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, computed once and kept while nothing the public pages show has changed (and
    at most PUBLIC_PAGE_SECONDS): for figures about those texts and courses that a staff page
    would otherwise recount over every row on every visit."""
    key = f"public-data:{_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.PUBLIC_PAGE_SECONDS)
    return value


def _cacheable(request) -> bool:
    """Anonymous GETs without a message waiting for them: the page is everyone's."""
    if request.method != "GET" or getattr(request, "user", None) is None:
        return False
    if request.user.is_authenticated:
        return False
    storage = getattr(request, "_messages", None)
    return not (storage is not None and len(storage))


def cached_public_page(view):
    """Serve the view's rendered page from the cache while nothing it shows has changed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"public-page:{get_language()}:{timezone.localdate():%Y%m%d}:{path}"
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            version = _version()
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            _rendered_at, content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            response.render() if hasattr(response, "render") else None
            # Stamped with the version read before rendering: a change made meanwhile moves the
            # version on, and the next visitor gets a fresh page.
            cache.set(
                key,
                (version, response.content, response["Content-Type"]),
                timeout=settings.PUBLIC_PAGE_SECONDS,
            )
        return response

    return wrapper
