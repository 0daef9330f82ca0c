import datetime as dt

import factory
from django.utils import timezone

from courses.models import Course, Programme
from courses.services import course_save
from equalcity.models import CourseLanguage, Organisation, Role, User, Venue
from tests.two_step import totp_activate


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    kind = Organisation.Kind.MUNICIPALITY
    takes_part = True


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Lokal {n}")
    street_address = "Storgatan 1"
    sms_address = "Storgatan 1"
    postal_code = "411 01"
    city = "Göteborg"
    municipality = factory.SubFactory(OrganisationFactory)


class CourseLanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseLanguage
        django_get_or_create = ("code",)

    code = "ar"
    name = "arabiska"
    name_en = "Arabic"
    native_name = "العربية"
    direction = "rtl"
    script = "Arab"
    interface_language = "ar"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Andersson {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            kind, organisation = extracted
            Role.objects.create(user=self, kind=kind, organisation=organisation)
        self.save()

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Staff have set up their authenticator app unless a test says `totp=False`."""
        if create and extracted is not False:
            totp_activate(self)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = "Förälder i nytt land"
    slug = "foralder-i-nytt-land"
    owner = factory.SubFactory(
        OrganisationFactory, slug="integrationscentrum", name="Integrationscentrum", kind="unit"
    )
    central_municipality = factory.SubFactory(OrganisationFactory, slug="goteborg", name="Göteborg")
    starts_on = dt.date(2026, 8, 1)
    ends_on = dt.date(2027, 7, 31)


class CourseFactory(factory.django.DjangoModelFactory):
    """A course saved through the real service, so its meetings are laid out as in use."""

    class Meta:
        model = Course

    @classmethod
    def _create(cls, model_class, *args, leaders=None, **kwargs):
        return course_save(course=model_class(*args, **kwargs), leaders=leaders)

    programme = factory.SubFactory(ProgrammeFactory)
    language = factory.SubFactory(CourseLanguageFactory)
    municipality = factory.SubFactory(OrganisationFactory)
    organiser = factory.SelfAttribute("municipality")
    venue = factory.SubFactory(VenueFactory, municipality=factory.SelfAttribute("..municipality"))
    # The title in every language, as the publishing rule asks before a course opens.
    title_sv = "Förälder i nytt land"
    title_en = "Parent in a new country"
    title_ar = "أن تكون والدًا في بلد جديد"
    title_fa_af = "والدین در کشور جدید"
    title_so = "Waalid ku jooga waddan cusub"
    title_ti = "ወላዲ ኣብ ሓድሽ ሃገር"
    capacity = 15
    registration_opens = factory.LazyFunction(lambda: timezone.localdate())
    registration_closes = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    first_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=35))
    start_time = dt.time(9, 30)
    status = Course.Status.OPEN
