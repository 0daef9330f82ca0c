"""A reference to a row of any app, as two columns: what a message is sent to or about, what a
document is made from. The core stores references without importing the apps they point into."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Ref:
    type: str  # app_label.model, e.g. "participants.registration"
    id: int

    @classmethod
    def to(cls, instance: models.Model) -> "Ref":
        return cls(instance._meta.label_lower, instance.pk)

    def __str__(self) -> str:
        """The form the audit trail names a target in: "participants.registration:42"."""
        return f"{self.type}:{self.id}"


NOTHING = Ref("", 0)
