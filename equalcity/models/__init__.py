from equalcity.models.organisations import CourseLanguage, Organisation, Venue
from equalcity.models.users import Role, User

__all__ = ["CourseLanguage", "Organisation", "Role", "User", "Venue"]
