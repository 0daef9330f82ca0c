from allauth.account.adapter import DefaultAccountAdapter


class StaffAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: coordinators invite staff (see `staff_invite`)."""

    def is_open_for_signup(self, request):
        return False
