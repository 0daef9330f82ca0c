import datetime as dt

import pytest
from django.utils import timezone

from courses.models import Meeting
from equalcity.models import Role
from participants.services import registration_create
from questionnaires.models import Question, Scale, ScaleStep
from tests.factories import CourseFactory, CourseLanguageFactory, ProgrammeFactory, UserFactory
from tests.participants.conftest import parent

LANGUAGES = ("sv", "en", "ar", "fa_af", "so", "ti")

STEPS = [
    (
        1,
        "very_sad",
        [
            "Stämmer inte alls",
            "Not at all true",
            "لا ينطبق أبدًا",
            "اصلاً درست نیست",
            "Gabi ahaanba maaha",
            "ፈጺሙ ሓቂ ኣይኮነን",
        ],
    ),
    (
        2,
        "sad",
        [
            "Stämmer ganska dåligt",
            "Mostly not true",
            "لا ينطبق غالبًا",
            "بیشتر درست نیست",
            "Inta badan maaha",
            "መብዛሕትኡ ሓቂ ኣይኮነን",
        ],
    ),
    (
        3,
        "neutral",
        [
            "Stämmer delvis",
            "Partly true",
            "ينطبق جزئيًا",
            "تا اندازه‌ای درست است",
            "Qayb ahaan waa run",
            "ብኸፊል ሓቂ እዩ",
        ],
    ),
    (
        4,
        "happy",
        [
            "Stämmer ganska bra",
            "Mostly true",
            "ينطبق غالبًا",
            "بیشتر درست است",
            "Inta badan waa run",
            "መብዛሕትኡ ሓቂ እዩ",
        ],
    ),
    (
        5,
        "very_happy",
        [
            "Stämmer helt",
            "Completely true",
            "ينطبق تمامًا",
            "کاملاً درست است",
            "Gebi ahaanba waa run",
            "ምሉእ ብምሉእ ሓቂ እዩ",
        ],
    ),
]
QUESTIONS = [
    (
        "core",
        [
            "Jag vet vart jag kan vända mig om mitt barn behöver hjälp",
            "I know where to turn if my child needs help",
            "أعرف إلى أين ألجأ إذا احتاج طفلي إلى المساعدة",
            "می‌دانم اگر طفلم به کمک ضرورت داشته باشد، به کجا مراجعه کنم",
            "Waan ogahay meesha aan u jeesto haddii ilmahaygu caawimaad u baahdo",
            "ውላደይ ሓገዝ እንተደልዩ ናበይ ከም ዝኸይድ እፈልጥ እየ",
        ],
    ),
    (
        "core",
        [
            "Jag vet vad skolan förväntar sig av mig som förälder",
            "I know what the school expects of me as a parent",
            "أعرف ما تتوقعه المدرسة مني كوالد",
            "می‌دانم که مکتب به حیث والد از من چه توقع دارد",
            "Waan ogahay waxa dugsigu iga filayo anigoo waalid ah",
            "ቤት ትምህርቲ ከም ወላዲ እንታይ ከም ዝጽበየኒ እፈልጥ እየ",
        ],
    ),
    (
        "course",
        [
            "Kursen hjälpte mig i vardagen som förälder",
            "The course helped me in my everyday life as a parent",
            "ساعدتني الدورة في حياتي اليومية كوالد",
            "این دوره در زندگی روزمره‌ام به حیث والد به من کمک کرد",
            "Koorsadu waxay iga caawisay noloshayda maalinlaha ah ee waalidnimo",
            "እቲ ኮርስ ኣብ መዓልታዊ ህይወተይ ከም ወላዲ ሓጊዙኒ",
        ],
    ),
]


def _localised(field, texts):
    return {f"{field}_{code}": text for code, text in zip(LANGUAGES, texts, strict=True)}


@pytest.fixture
def questions(db):
    """Two core questions and one about the course, every text in all six languages."""
    from tests.factories import ProgrammeFactory

    programme = ProgrammeFactory()
    scale = Scale.objects.create(name="Instämmer")
    for value, face, labels in STEPS:
        ScaleStep.objects.create(scale=scale, value=value, face=face, **_localised("label", labels))
    return [
        Question.objects.create(
            programme=programme, part=part, position=n, scale=scale, **_localised("text", texts)
        )
        for n, (part, texts) in enumerate(QUESTIONS, start=1)
    ]


def meetings_from(course, first_start):
    """Lay the course's meetings a week apart from `first_start` (a datetime)."""
    for index, meeting in enumerate(course.meetings.order_by("number")):
        start = first_start + dt.timedelta(weeks=index)
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=start, ends_at=start + dt.timedelta(hours=2, minutes=30)
        )


@pytest.fixture
def somali(db):
    return CourseLanguageFactory(
        code="so",
        name="somaliska",
        name_en="Somali",
        native_name="Soomaali",
        direction="ltr",
        script="Latn",
        interface_language="so",
    )


#: The parents of the test course: Arabic, Somali and Tigrinya names, in their own languages.
PARENTS = [
    {"first_name": "فاطمة", "last_name": "الحسيني", "language": "ar"},
    {"first_name": "Hodan", "last_name": "Warsame", "language": "so"},
    {"first_name": "ሳባ", "last_name": "ተስፋይ", "language": "ti"},
]


@pytest.fixture
def first_meeting_course(questions, goteborg, integrationscentrum):
    """A course with three parents whose first meeting is under way now: the 'before'
    questionnaire is open."""
    today = timezone.localdate()
    course = CourseFactory(
        programme=questions[0].programme,
        municipality=goteborg,
        organiser=integrationscentrum,
        registration_opens=today - dt.timedelta(days=30),
        registration_closes=today + dt.timedelta(days=20),
        first_date=today + dt.timedelta(days=30),
        capacity=20,
    )
    for number, person in enumerate(PARENTS):
        seat(course, number, **person)
    meetings_from(course, timezone.now() - dt.timedelta(minutes=30))
    return course


@pytest.fixture
def last_meeting_course(first_meeting_course):
    """The same course, six weeks on: its last meeting is under way."""
    meetings_from(first_meeting_course, timezone.now() - dt.timedelta(weeks=6, minutes=30))
    return first_meeting_course


def seat(course, number, **extra):
    return registration_create(
        course_id=course.pk,
        municipality=course.municipality,
        **parent(phone=f"+4670777{number:04d}", **extra),
    )


@pytest.fixture
def leader(first_meeting_course, integrationscentrum):
    user = UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum))
    first_meeting_course.leaders.add(user)
    return user


# --- The editor's world: a programme, a scale, one question, one person of each role ---------

FACES = ["very_sad", "sad", "neutral", "happy", "very_happy"]


@pytest.fixture
def programme(goteborg, integrationscentrum):
    return ProgrammeFactory(central_municipality=goteborg)


@pytest.fixture
def scale(db):
    scale = Scale.objects.create(name="Håller med")
    for value, face in enumerate(FACES, start=1):
        ScaleStep.objects.create(
            scale=scale,
            value=value,
            face=face,
            **{f"label_{code}": f"steg {value} ({code})" for code in LANGUAGES},
        )
    return scale


@pytest.fixture
def question(programme, scale):
    return Question.objects.create(
        programme=programme,
        scale=scale,
        position=1,
        **{f"text_{code}": f"Jag vet vart jag vänder mig ({code})" for code in LANGUAGES},
    )


@pytest.fixture
def people(region, goteborg, integrationscentrum):
    """One of each role, by name."""
    translator = UserFactory(role=(Role.Kind.TRANSLATOR, region))
    Role.objects.filter(user=translator).update(languages=["ar", "ti"])
    return {
        "regional": UserFactory(role=(Role.Kind.REGIONAL_COORDINATOR, region)),
        "evaluator": UserFactory(role=(Role.Kind.EVALUATOR, region)),
        "leader": UserFactory(role=(Role.Kind.COURSE_LEADER, integrationscentrum)),
        "coordinator": UserFactory(role=(Role.Kind.MUNICIPAL_COORDINATOR, goteborg)),
        "staff": UserFactory(role=(Role.Kind.MUNICIPAL_STAFF, goteborg)),
        "translator": translator,
    }


@pytest.fixture
def editor(people):
    return people["regional"]
