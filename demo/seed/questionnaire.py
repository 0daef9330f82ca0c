"""The parents' questionnaire in the demo: an agree scale, five questions asked before and after
the course and two about the course, every text in all six languages; answers from the parents
of the courses that have ended; and a course of the demo leader whose last meeting was so recent
that its parents can still answer, so that questionnaire mode can be tried on any day.

No recordings: a sound that pretends to be a person reading the question would be a lie. The
question list says "no recording yet" until staff upload real ones.
"""

import datetime as dt
import random

from django.utils import timezone

from courses.models import Course, Meeting, Programme
from courses.services import course_dates_refresh
from demo.seed.people import DEMO_LEADER
from participants.models import Attendance, Registration
from questionnaires.models import Answer, Phase, Question, Respondent, Response, Scale, ScaleStep
from questionnaires.selectors import open_phase

SCALE_NAME = "Håller med (fem steg)"

# value, face, words in every language (sv, en, ar, fa_af, so, ti)
STEPS = [
    (
        1,
        ScaleStep.Face.VERY_SAD,
        {
            "sv": "Håller inte alls med",
            "en": "Do not agree at all",
            "ar": "لا أوافق إطلاقًا",
            "fa_af": "هیچ موافق نیستم",
            "so": "Gabi ahaanba kuma raacsani",
            "ti": "ፈጺመ ኣይሰማማዕን",
        },
    ),
    (
        2,
        ScaleStep.Face.SAD,
        {
            "sv": "Håller inte med",
            "en": "Do not agree",
            "ar": "لا أوافق",
            "fa_af": "موافق نیستم",
            "so": "Kuma raacsani",
            "ti": "ኣይሰማማዕን",
        },
    ),
    (
        3,
        ScaleStep.Face.NEUTRAL,
        {
            "sv": "Varken eller",
            "en": "Neither agree nor disagree",
            "ar": "لا أوافق ولا أعارض",
            "fa_af": "نه موافق هستم و نه مخالف",
            "so": "Ma raacsani mana diidani",
            "ti": "ኣይሰማማዕን ኣይቃወምን",
        },
    ),
    (
        4,
        ScaleStep.Face.HAPPY,
        {
            "sv": "Håller med",
            "en": "Agree",
            "ar": "أوافق",
            "fa_af": "موافق هستم",
            "so": "Waan ku raacsanahay",
            "ti": "እሰማማዕ",
        },
    ),
    (
        5,
        ScaleStep.Face.VERY_HAPPY,
        {
            "sv": "Håller helt med",
            "en": "Agree completely",
            "ar": "أوافق تمامًا",
            "fa_af": "کاملاً موافق هستم",
            "so": "Si buuxda ayaan ugu raacsanahay",
            "ti": "ብምሉኡ እሰማማዕ",
        },
    ),
]

# Asked at the first and the last meeting: what the course sets out to change (seeds 000, 001).
CORE_QUESTIONS = [
    {
        "sv": "Jag vet vart jag kan vända mig om mitt barn behöver hjälp.",
        "en": "I know where to turn if my child needs help.",
        "ar": "أعرف إلى أين أتوجّه إذا احتاج طفلي إلى مساعدة.",
        "fa_af": "می‌دانم اگر طفلم به کمک ضرورت داشته باشد، به کجا مراجعه کنم.",
        "so": "Waan ogahay meesha aan u jeesto haddii ilmahaygu caawimaad u baahdo.",
        "ti": "ውላደይ ሓገዝ እንተ ኣድልይዎ፡ ናበይ ክኸይድ ከም ዘለኒ እፈልጥ እየ።",
    },
    {
        "sv": "Jag vet vad skolan förväntar sig av mig som förälder.",
        "en": "I know what the school expects of me as a parent.",
        "ar": "أعرف ما تتوقعه المدرسة مني كوليّ أمر.",
        "fa_af": "می‌دانم که مکتب از من به حیث والد چه توقع دارد.",
        "so": "Waan ogahay waxa dugsigu iga filayo anigoo waalid ah.",
        "ti": "ቤት ትምህርቲ ከም ወላዲ እንታይ ከም ዝጽበየኒ እፈልጥ እየ።",
    },
    {
        "sv": "Jag litar på att socialtjänsten vill hjälpa min familj.",
        "en": "I trust that the social services want to help my family.",
        "ar": "أثق بأن الخدمات الاجتماعية تريد مساعدة عائلتي.",
        "fa_af": "اعتماد دارم که خدمات اجتماعی (سوسیال) می‌خواهد به خانوادهٔ من کمک کند.",
        "so": "Waxaan aaminsanahay in sooshaalku (adeegga bulshada) doonayo inuu caawiyo "
        "qoyskayga.",
        "ti": "ኣገልግሎት ማሕበራዊ ጉዳያት (ሶስያል) ንስድራይ ክሕግዝ ከም ዝደሊ እኣምን እየ።",
    },
    {
        "sv": "Jag känner till mina och mina barns rättigheter i Sverige.",
        "en": "I know my rights and my children's rights in Sweden.",
        "ar": "أعرف حقوقي وحقوق أطفالي في السويد.",
        "fa_af": "حقوق خود و حقوق اطفالم را در سویدن می‌دانم.",
        "so": "Waan ogahay xuquuqdayda iyo xuquuqda carruurtayda ee Iswiidhan.",
        "ti": "ኣብ ሽወደን ዘለዉኒ መሰላተይን መሰላት ደቀይን እፈልጥ እየ።",
    },
    {
        "sv": "Jag känner mig trygg när jag pratar med mina barns lärare.",
        "en": "I feel confident talking with my children's teachers.",
        "ar": "أشعر بالثقة عندما أتحدث مع معلمي أطفالي.",
        "fa_af": "وقتی با معلمان اطفالم صحبت می‌کنم، احساس اطمینان می‌کنم.",
        "so": "Waan ku kalsoonahay marka aan la hadlayo macallimiinta carruurtayda.",
        "ti": "ምስ መምህራን ደቀይ ክዛረብ ከለኹ ርእሰ ተኣማንነት ይስምዓኒ።",
    },
]

# Asked at the last meeting only.
COURSE_QUESTIONS = [
    {
        "sv": "Kursen har hjälpt mig i min vardag som förälder.",
        "en": "The course helped me in my everyday life as a parent.",
        "ar": "ساعدتني الدورة في حياتي اليومية كوليّ أمر.",
        "fa_af": "این کورس در زندگی روزمره‌ام به حیث والد به من کمک کرد.",
        "so": "Koorsadu waxay iga caawisay noloshayda maalinlaha ah anigoo waalid ah.",
        "ti": "እቲ ኮርስ ኣብ መዓልታዊ ህይወተይ ከም ወላዲ ሓጊዙኒ እዩ።",
    },
    {
        "sv": "Jag skulle rekommendera kursen till andra föräldrar.",
        "en": "I would recommend the course to other parents.",
        "ar": "سأنصح أولياء أمور آخرين بهذه الدورة.",
        "fa_af": "این کورس را به والدین دیگر توصیه می‌کنم.",
        "so": "Koorsadan waxaan kula talin lahaa waalidiinta kale.",
        "ti": "ነዚ ኮርስ ንካልኦት ወለዲ ክመኽሮ እየ።",
    },
]

# Shown to parents and staff beside the meeting the demo brings into the answering time.
MOVED_FOR_QUESTIONNAIRE = (
    "Flyttad i demon, så att föräldrarna fortfarande kan svara på enkäten efter kursen."
)
CAME = {Attendance.Status.PRESENT, Attendance.Status.LATE}


def questionnaire_seed(*, programme: Programme, today: dt.date) -> None:
    questions = questions_seed(programme=programme)
    waiting = questionnaire_meeting_ready(today=today)
    answers_seed(programme=programme, questions=questions, waiting=waiting)


def scale_seed() -> Scale:
    scale, created = Scale.objects.get_or_create(name=SCALE_NAME)
    if created:
        for value, face, words in STEPS:
            step = ScaleStep(
                scale=scale, value=value, face=face, **{f"label_{k}": v for k, v in words.items()}
            )
            step.full_clean()
            step.save()
    return scale


def questions_seed(*, programme: Programme) -> list[Question]:
    """The demo's questions, unless the programme has questions (an editor's changes stay)."""
    if not programme.questions.exists():
        scale = scale_seed()
        for part, texts in (
            (Question.Part.CORE, CORE_QUESTIONS),
            (Question.Part.COURSE, COURSE_QUESTIONS),
        ):
            for position, words in enumerate(texts, start=1):
                question = Question(
                    programme=programme,
                    part=part,
                    position=position,
                    scale=scale,
                    **{f"text_{k}": v for k, v in words.items()},
                )
                question.full_clean()
                question.save()
    return list(programme.questions.filter(active=True))


def questionnaire_meeting_ready(*, today: dt.date) -> Course | None:
    """The demo leader's course that ended last, with its parents still able to answer after
    it: its last meeting is brought to yesterday when it lies further back than that time.
    Written directly, as the meeting brought to today is (demo.seed.courses)."""
    course = (
        Course.objects.filter(
            leaders__email=DEMO_LEADER,
            status=Course.Status.FINISHED,
            last_meeting_at__lt=timezone.make_aware(dt.datetime.combine(today, dt.time())),
        )
        .order_by("-last_meeting_at")
        .first()
    )
    if course is None or open_phase(course) == Phase.AFTER:
        return course
    last = course.meetings.filter(status=Meeting.Status.SCHEDULED).order_by("starts_at").last()
    length = last.ends_at - last.starts_at
    starts_at = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=1), timezone.localtime(last.starts_at).time())
    )
    last.moved_from = last.moved_from or last.starts_at
    last.starts_at, last.ends_at = starts_at, starts_at + length
    last.change_reason = MOVED_FOR_QUESTIONNAIRE
    last.full_clean()
    last.save()
    course_dates_refresh(course=course)
    return course


def answers_seed(*, programme: Programme, questions: list[Question], waiting: Course | None):
    """Answers from the parents of each course that has ended and has none yet: before from
    those who came to the first meeting, after from those who came to the last one (the
    course that `waiting` names is left for its parents to answer after). Values are drawn from
    a generator seeded by the course and the parent, so every load gives the same answers; most
    parents agree a little more after the course than before it."""
    core = [q for q in questions if q.part == Question.Part.CORE]
    courses = (
        Course.objects.filter(programme=programme, status=Course.Status.FINISHED)
        .exclude(pk__in=Response.objects.values("course"))
        .select_related("language", "municipality")
    )
    for course in courses:
        held = list(course.meetings.filter(status=Meeting.Status.SCHEDULED).order_by("starts_at"))
        first, last = held[0], held[-1]
        came = set(
            Attendance.objects.filter(meeting__in=[first, last], status__in=CAME).values_list(
                "meeting_id", "registration_id"
            )
        )
        registrations = course.registrations.filter(status=Registration.Status.CONFIRMED)
        for registration in registrations.order_by("pk"):
            draw = random.Random(  # noqa: S311 - demo data, not security
                f"{course.language.code}/{course.municipality.slug}/{course.first_date}/"
                f"{registration.first_name}"
            )
            before = {q.pk: draw.choice([1, 2, 2, 3, 3, 3, 4]) for q in core}
            after = {
                pk: min(5, value + draw.choice([0, 1, 1, 1, 2])) for pk, value in before.items()
            }
            after |= {q.pk: draw.choice([3, 4, 4, 5, 5]) for q in questions if q not in core}
            if (first.pk, registration.pk) in came:
                _response(registration, Phase.BEFORE, first, before, draw)
            if course != waiting and (last.pk, registration.pk) in came:
                _response(registration, Phase.AFTER, last, after, draw)


def _response(registration, phase, meeting, values: dict[int, int], draw) -> None:
    key = Respondent.objects.get_or_create(registration=registration)[0].key
    response = Response.objects.create(
        respondent=key,
        phase=phase,
        course_id=registration.course_id,
        language=registration.language,
        answered_on=timezone.localdate(meeting.starts_at),
    )
    Answer.objects.bulk_create(
        Answer(response=response, question_id=pk, value=value)
        for pk, value in values.items()
        if draw.random() > 0.05  # now and then a question is skipped
    )
