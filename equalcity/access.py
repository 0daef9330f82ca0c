"""Who may see what: a staff member's roles turned into a scope that selectors filter by.

Scope is enforced in selectors (querysets), never only in templates. Social-services secrecy
applies even between municipal boards, so a municipal coordinator's scope is their own
organisation and its units (Göteborg includes Integrationscentrum), nothing more.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from equalcity.models import Organisation, Role, User

Kind = Role.Kind


@dataclass(frozen=True)
class Scope:
    regional: bool = False
    evaluator: bool = False
    course_leader: bool = False
    translator: bool = False
    coordinated_org_ids: frozenset[int] = frozenset()
    member_org_ids: frozenset[int] = frozenset()

    @property
    def coordinator(self) -> bool:
        return self.regional or bool(self.coordinated_org_ids)

    @property
    def is_staff_member(self) -> bool:
        """Staff of the programme. A translator who holds no other role is not: they see the
        texts to translate and nothing else, never personal data."""
        return self.regional or self.evaluator or self.course_leader or bool(self.member_org_ids)

    @property
    def translates(self) -> bool:
        return self.regional or self.translator

    @property
    def edits_questionnaire(self) -> bool:
        """GR's regional coordinators and the evaluators write the parents' questionnaire: the
        questions, their answer options and the recordings."""
        return self.regional or self.evaluator

    def coordinates(self, *organisation_ids: int | None) -> bool:
        """True when a coordinator in this scope is responsible for any of the organisations."""
        return self.regional or any(pk in self.coordinated_org_ids for pk in organisation_ids)


EMPTY_SCOPE = Scope()


def scope_for(user: User | AnonymousUser) -> Scope:
    """The user's scope, computed once per user object (two queries at most)."""
    if not getattr(user, "is_authenticated", False):
        return EMPTY_SCOPE
    cached: Scope | None = getattr(user, "_equalcity_scope", None)
    if cached is not None:
        return cached
    roles = list(Role.objects.filter(user=user).values_list("kind", "organisation_id"))
    kinds = {kind for kind, _org in roles}
    coordinated = {org for kind, org in roles if kind == Kind.MUNICIPAL_COORDINATOR}
    if coordinated:
        coordinated |= set(
            Organisation.objects.filter(parent_id__in=coordinated).values_list("pk", flat=True)
        )
    scope = Scope(
        regional=Kind.REGIONAL_COORDINATOR in kinds,
        evaluator=Kind.EVALUATOR in kinds,
        course_leader=Kind.COURSE_LEADER in kinds,
        translator=Kind.TRANSLATOR in kinds,
        coordinated_org_ids=frozenset(coordinated),
        # A translator's organisation makes them no member of its staff.
        member_org_ids=frozenset(org for kind, org in roles if kind != Kind.TRANSLATOR),
    )
    user._equalcity_scope = scope
    return scope


def require_regional(user: User | AnonymousUser) -> None:
    """Actions only GR's regional coordinators may take check it themselves (Wagtail's
    `check()` before `execute()`), so a caller other than the view cannot skip it."""
    if not scope_for(user).regional:
        raise PermissionDenied
