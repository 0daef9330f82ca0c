from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from equalcity.access import scope_for
from equalcity.two_step import two_step_redirect


def _staff_view(may_enter):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not may_enter(scope_for(request.user)):
                raise PermissionDenied
            detour = two_step_redirect(request)
            return detour or view(request, *args, **kwargs)

        return wrapper

    return decorator


#: Pages that show personal data: no browser or proxy may keep a copy (Cache-Control: no-store).
personal_data = never_cache

#: Logged in and holding at least one role; coordinators and leaders after the second step.
staff_required = _staff_view(lambda scope: scope.is_staff_member)
coordinator_required = _staff_view(lambda scope: scope.coordinator)
#: Course leaders and coordinators: the people who answer parents.
leader_or_coordinator_required = _staff_view(lambda scope: scope.coordinator or scope.course_leader)
#: GR's regional coordinators: training days, cluster meetings, the audit trail.
regional_required = _staff_view(lambda scope: scope.regional)
#: Regional coordinators and evaluators: the parents' questionnaire, its questions and recordings.
questionnaire_editor_required = _staff_view(lambda scope: scope.edits_questionnaire)
#: Regional coordinators, and translators (who see the texts to translate, nothing else).
translator_required = _staff_view(lambda scope: scope.translates)
#: Any staff member, translators included: their own settings and start page.
signed_in_required = _staff_view(lambda scope: scope.is_staff_member or scope.translates)
