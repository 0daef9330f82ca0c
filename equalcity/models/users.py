from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from equalcity.models.organisations import Organisation


class StaffUserManager(UserManager):
    """Users are identified by e-mail; there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Staff users need an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A staff member. Parents never have accounts: they use a personal link."""

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(
        _("language for e-mails"), max_length=10, choices=settings.LANGUAGES, default="sv"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = StaffUserManager()

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def __str__(self):
        return self.get_full_name() or self.email


class Role(models.Model):
    """What a staff member may do, and for which organisation."""

    class Kind(models.TextChoices):
        REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
        MUNICIPAL_COORDINATOR = "municipal_coordinator", _("Municipal coordinator")
        COURSE_LEADER = "course_leader", _("Course leader")
        MUNICIPAL_STAFF = "municipal_staff", _("Municipal staff")
        EVALUATOR = "evaluator", _("Evaluator")
        TRANSLATOR = "translator", _("Translator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=30, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="roles",
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("For translators: the interface languages they translate into."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "organisation"], name="role_unique_per_organisation"
            )
        ]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.organisation})"
