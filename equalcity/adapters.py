from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context

from equalcity.two_step import password_entered_recently


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Nobody signs up: coordinators invite staff (see `staff_invite`)."""
        return False

    def is_reauthentication_required(self, *, app, **kwargs):
        """A password entered at login a few minutes ago counts: a coordinator setting up the
        authenticator app right after logging in is not asked for it a second time."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        return not (request.user.is_authenticated and password_entered_recently(request))
