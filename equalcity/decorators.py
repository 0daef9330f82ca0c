from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from equalcity.access import scope_for


def staff_required(view):
    """Logged in and holding at least one role."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not scope_for(request.user).is_staff_member:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not scope_for(request.user).coordinator:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
