"""The audit trail: one line per access to personal data, written by the service that gives it."""

from django.contrib.auth.models import AnonymousUser

from equalcity.models import AuditEvent, User

Action = AuditEvent.Action


def audit(
    *, actor: User | AnonymousUser | None, action: str, target: str, detail: str = ""
) -> AuditEvent:
    """Record an access. `target` names whose data ("participants.registration:12") or which
    list ("courses.course:3"); never a name or a phone number."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target=target,
        detail=detail[:300],
    )
