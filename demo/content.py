"""The demo programme's content in every interface language (seed 001 and PRODUCT.md).

Coordinators write this kind of text in real use; the demo carries it so that every page of
`make run` can be looked at in each language. Swedish is the source.
"""

from importlib import import_module

TRANSLATED = ("ar", "fa_af", "so", "ti")  # modules in demo/content_i18n/

PROGRAMME_NAME = {
    "sv": "Förälder i nytt land",
    "en": "Parent in a new country",
    "ar": "أن تكون والدًا في بلد جديد",
    "fa_af": "والدین در کشور جدید",
    "so": "Waalid ku jooga waddan cusub",
    "ti": "ወላዲ ኣብ ሓድሽ ሃገር",
}

PROGRAMME_DESCRIPTION = {
    "sv": "Sju träffar om att vara förälder i Sverige: skola, hälsa, rättigheter och vardag. "
    "Kursen ges på ditt eget språk och är gratis.",
    "en": "Seven meetings about being a parent in Sweden: school, health, rights and everyday "
    "life. The course is given in your own language and is free.",
}

MEETING_THEMES = [
    {"sv": "Att vara förälder i ett nytt land", "en": "Being a parent in a new country"},
    {"sv": "Barns rättigheter och utveckling", "en": "Children's rights and development"},
    {"sv": "Förskola och skola", "en": "Preschool and school"},
    {"sv": "Hälsa och välbefinnande i familjen", "en": "Health and well-being in the family"},
    {"sv": "Samhällets stöd till familjer", "en": "Support for families from society"},
    {"sv": "Tonår, fritid och relationer", "en": "Teenage years, leisure and relationships"},
    {"sv": "Familjens framtid i Sverige", "en": "The family's future in Sweden"},
]

# What parents should know before each meeting (MeetingTheme.parent_text), in the same order.
MEETING_NOTES = [
    {
        "sv": "Vi lär känna varandra och pratar om hur det är att vara förälder i ett nytt land.",
        "en": "We get to know each other and talk about being a parent in a new country.",
    },
    {
        "sv": "Barnkonventionen är lag i Sverige. Vi pratar om vad den betyder för er familj.",
        "en": "The Convention on the Rights of the Child is law in Sweden. We talk about what it "
        "means for your family.",
    },
    {
        "sv": "Hur förskola och skola fungerar, och vad skolan förväntar sig av dig som förälder.",
        "en": "How preschool and school work, and what the school expects of you as a parent.",
    },
    {
        "sv": "Vården för barn och vuxna, tandvård och var du får hjälp när någon mår dåligt.",
        "en": "Health care for children and adults, dental care, and where to get help when "
        "someone is not well.",
    },
    {
        "sv": "Socialtjänsten, familjecentraler och annat stöd som finns för familjer.",
        "en": "The social services, family centres and other support there is for families.",
    },
    {
        "sv": "Tonåren, fritid, föreningar och hur du pratar med ditt barn om relationer.",
        "en": "The teenage years, leisure, clubs, and how to talk with your child about "
        "relationships.",
    },
    {
        "sv": "Vi pratar om familjens framtid, arbete och studier. Du får ditt intyg.",
        "en": "We talk about the family's future, work and studies. You get your certificate.",
    },
]

# code, native name, direction, script, interface language, names in the interface languages
COURSE_LANGUAGES = [
    (
        "ar",
        "العربية",
        "rtl",
        "Arab",
        "ar",
        {
            "sv": "arabiska",
            "en": "Arabic",
            "ar": "العربية",
            "fa_af": "عربی",
            "so": "Carabi",
            "ti": "ዓረብኛ",
        },
    ),
    (
        "fa-AF",
        "دری",
        "rtl",
        "Arab",
        "fa-af",
        {"sv": "dari", "en": "Dari", "ar": "الدارية", "fa_af": "دری", "so": "Dari", "ti": "ዳሪ"},
    ),
    (
        "en",
        "English",
        "ltr",
        "Latn",
        "en",
        {
            "sv": "engelska",
            "en": "English",
            "ar": "الإنجليزية",
            "fa_af": "انگلیسی",
            "so": "Ingiriis",
            "ti": "እንግሊዝኛ",
        },
    ),
    (
        "so",
        "Soomaali",
        "ltr",
        "Latn",
        "so",
        {
            "sv": "somaliska",
            "en": "Somali",
            "ar": "الصومالية",
            "fa_af": "سومالیایی",
            "so": "Soomaali",
            "ti": "ሶማልኛ",
        },
    ),
    (
        "ti",
        "ትግርኛ",
        "ltr",
        "Ethi",
        "ti",
        {
            "sv": "tigrinja",
            "en": "Tigrinya",
            "ar": "التغرينية",
            "fa_af": "تگرینیا",
            "so": "Tigreeyni",
            "ti": "ትግርኛ",
        },
    ),
]

TRAINING_DAYS = [
    # (Swedish title, English title): the four regional days of seed 001, in date order
    (
        "Länderkunskap med fokus på Mellanöstern och Afrikas horn",
        "Country knowledge with a focus on the Middle East and the Horn of Africa",
    ),
    (
        "Tillit och bemötande med fokus på socialtjänsten",
        "Trust and treatment, with a focus on the social services",
    ),
    (
        "Att göra socialtjänsten tillgänglig och begriplig",
        "Making the social services accessible and understandable",
    ),
    ("Att arbeta med tolk", "Working with an interpreter"),
]

# What the coordinator wrote after the days that have been held (summary, key points).
TRAINING_SUMMARIES = {
    "Länderkunskap med fokus på Mellanöstern och Afrikas horn": {
        "sv": (
            "Dagen gav en bild av familjeliv, skola och myndigheter i Syrien, Afghanistan, "
            "Somalia och Eritrea, och av vad familjer bär med sig när de kommer till Sverige. "
            "Arbetslagen diskuterade hur vi frågar om bakgrund utan att förutsätta.",
            "Fråga om familjens erfarenheter i stället för att utgå från landet.\n"
            "Förtroende för myndigheter byggs i varje möte.\n"
            "Använd tolk också när samtalet verkar gå bra på svenska.",
        ),
        "en": (
            "The day gave a picture of family life, school and authorities in Syria, "
            "Afghanistan, Somalia and Eritrea, and of what families bring with them when they "
            "come to Sweden. The work teams discussed how to ask about background without "
            "assuming.",
            "Ask about the family's experiences rather than starting from the country.\n"
            "Trust in authorities is built in every meeting.\n"
            "Use an interpreter even when the conversation seems to go well in Swedish.",
        ),
    },
    "Tillit och bemötande med fokus på socialtjänsten": {
        "sv": (
            "Föreläsningen tog upp varför många nyanlända föräldrar är rädda för "
            "socialtjänsten och vad som bygger tillit. Deltagarna delade exempel på "
            "förebyggande samtal som lyckats.",
            "Berätta vad socialtjänsten gör, inte bara vad den får göra.\n"
            "Samma kontaktperson över tid skapar trygghet.\n"
            "Föräldrakursen är en väg in till ett första möte.",
        ),
        "en": (
            "The lecture took up why many newly arrived parents fear the social services and "
            "what builds trust. The participants shared examples of preventive conversations "
            "that went well.",
            "Tell what the social services do, not only what they may do.\n"
            "The same contact person over time gives security.\n"
            "The parents' course is a way in to a first meeting.",
        ),
    },
}

DISCUSSION_QUESTIONS = (
    "Hur möter vi nyanlända familjer i vår verksamhet i dag?\n"
    "Vad behöver vi veta om familjens bakgrund, och hur frågar vi?\n"
    "Vad kan vi göra annorlunda för att bygga tillit?"
)

CLUSTER_THEMES = [
    ("Samverkan", "Collaboration"),
    ("Tillitsskapande", "Building trust"),
    ("Informationsspridning", "Spreading information"),
]


def programme_for(title):
    """A plausible day: welcome, two sessions around lunch, work in teams, closing."""
    return [
        ((9, 0), "Välkommen och inledning", "Göteborgsregionen"),
        ((9, 30), title, "Inbjuden föreläsare"),
        ((12, 0), "Lunch", ""),
        ((13, 0), "Samtal i arbetslag utifrån diskussionsfrågorna", ""),
        ((15, 30), "Sammanfattning och avslutning", "Göteborgsregionen"),
    ]


VENUE_DIRECTIONS = {
    "sv": "Entré från gatan. Fråga i receptionen efter kursen.",
    "en": "Entrance from the street. Ask at the reception for the course.",
}
VENUE_ACCESSIBILITY = {
    "sv": "Entré utan trappsteg, hiss och tillgänglig toalett.",
    "en": "Step-free entrance, lift and accessible toilet.",
}

for _language in TRANSLATED:
    _module = import_module(f"demo.content_i18n.{_language}")
    PROGRAMME_DESCRIPTION[_language] = _module.PROGRAMME_DESCRIPTION
    VENUE_DIRECTIONS[_language] = _module.VENUE_DIRECTIONS
    VENUE_ACCESSIBILITY[_language] = _module.VENUE_ACCESSIBILITY
    for _theme, _title in zip(MEETING_THEMES, _module.MEETING_THEMES, strict=True):
        _theme[_language] = _title
    for _note, _text in zip(MEETING_NOTES, _module.MEETING_NOTES, strict=True):
        _note[_language] = _text
