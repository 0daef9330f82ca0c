from equalcity.models.audit import AuditEvent
from equalcity.models.documents import Document
from equalcity.models.enrolment import Enrolment
from equalcity.models.inbound import InboundMessage
from equalcity.models.organisations import CourseLanguage, Organisation, Venue
from equalcity.models.outbox import Message
from equalcity.models.users import Role, User

__all__ = [
    "AuditEvent",
    "CourseLanguage",
    "Document",
    "Enrolment",
    "InboundMessage",
    "Message",
    "Organisation",
    "Role",
    "User",
    "Venue",
]
