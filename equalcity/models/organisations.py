from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A region, a municipality, a unit within one (Integrationscentrum), or a partner city."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")
        UNIT = "unit", _("Unit within a municipality")
        PARTNER_CITY = "partner_city", _("Partner city")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    takes_part = models.BooleanField(
        _("takes part in the programme"),
        default=False,
        help_text=_("Participating municipalities can host local courses and book a workshop."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    retention_months = models.PositiveSmallIntegerField(
        _("months to keep personal data after a course ends"),
        default=12,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


SMS_ADDRESS_MAX_LENGTH = 20


class Venue(models.Model):
    """A place where meetings or training days are held. Name and directions are translated."""

    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200)
    sms_address = models.CharField(
        _("address in text messages"),
        max_length=SMS_ADDRESS_MAX_LENGTH,
        help_text=lazy(
            lambda: (
                gettext(
                    "At most %(count)s characters, for example Kyrkogatan 44. Text messages in "
                    "Arabic, Dari and Tigrinya hold only 70 characters per part: a long address "
                    "would split every message to parents into several."
                )
                % {"count": SMS_ADDRESS_MAX_LENGTH}
            ),
            str,
        )(),
    )
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="venues",
    )
    directions = models.TextField(_("directions"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)

    if TYPE_CHECKING:
        # modeltranslation swaps the default manager for one made at run time, which
        # django-stubs cannot find: the manager as the code uses it.
        objects: ClassVar[models.Manager[Self]]
        # The Swedish column modeltranslation adds, the source of the others: required, as
        # TranslationAdmin (the only form for venues) makes it for a required field.
        name_sv: str

    class Meta:
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return f"{self.name}, {self.city}"

    @property
    def address(self):
        return ", ".join(
            part
            for part in (self.street_address, f"{self.postal_code} {self.city}".strip())
            if part
        )


class CourseLanguage(models.Model):
    """A language courses are given in. Data, not a constant: later runs used about 15."""

    class Direction(models.TextChoices):
        LTR = "ltr", _("Left to right")
        RTL = "rtl", _("Right to left")

    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("A BCP 47 language tag, for example ar, fa-AF or ti."),
    )
    name = models.CharField(_("name"), max_length=60)
    native_name = models.CharField(_("name in the language itself"), max_length=60)
    direction = models.CharField(
        _("writing direction"),
        max_length=3,
        choices=Direction.choices,
        default=Direction.LTR,
    )
    script = models.CharField(
        _("script"),
        max_length=4,
        default="Latn",
        help_text=_("ISO 15924 code, for example Arab, Ethi or Latn."),
    )
    interface_language = models.CharField(
        _("interface language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language of pages and messages for parents in this course language."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    if TYPE_CHECKING:
        # The manager modeltranslation makes at run time (see Venue).
        objects: ClassVar[models.Manager[Self]]
        name_sv: str  # the Swedish column, required as Venue's is

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("course language")
        verbose_name_plural = _("course languages")

    def __str__(self):
        return self.name
