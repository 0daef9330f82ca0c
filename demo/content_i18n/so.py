"""Somali (so) text of the demo programme's content, translated from demo/content.py."""

PROGRAMME_DESCRIPTION = (
    "Toddoba kulan oo ku saabsan waalidnimada Iswiidhan: dugsiga, caafimaadka, xuquuqda "
    "iyo nolol maalmeedka. Koorsada waxaa lagu bixiyaa luqaddaada, waana bilaash."
)

MEETING_THEMES = [
    "Waalidnimo waddan cusub",
    "Xuquuqda iyo korriinka carruurta",
    "Dugsiga barbaarinta iyo dugsiga",
    "Caafimaadka iyo ladnaanta qoyska",
    "Taageerada bulshadu siiso qoysaska",
    "Dhallinyaranimada, waqtiga firaaqada iyo xiriirada",
    "Mustaqbalka qoyska ee Iswiidhan",
]

VENUE_DIRECTIONS = (
    "Albaabka waxaa laga galaa dhinaca waddada. Koorsada ka weydii miiska soo dhaweynta."
)

VENUE_ACCESSIBILITY = (
    "Albaab aan jaranjaro lahayn, wiish iyo musqul loogu talagalay dadka naafada ah."
)

# What parents should know before each meeting, in the order of MEETING_THEMES.
MEETING_NOTES = [
    "Waan is baranaynaa, waxaanan ka hadlaynaa sida ay tahay inaad waalid ku noqoto waddan cusub.",
    "Heshiiska Xuquuqda Carruurta waa sharci Iswiidhan. Waxaan ka hadlaynaa micnaha uu u "
    "leeyahay qoyskaaga.",
    "Sida dugsiga barbaarinta iyo dugsigu u shaqeeyaan, iyo waxa dugsigu kaa filayo adigoo "
    "waalid ah.",
    "Daryeelka caafimaadka carruurta iyo dadka waaweyn, daryeelka ilkaha, iyo meesha aad "
    "caawimaad ka heli karto marka qof uusan fiicnayn.",
    "Adeegyada bulshada, xarumaha qoyska iyo taageerada kale ee qoysaska loo hayo.",
    "Sannadaha dhallinyaranimada, waqtiga firaaqada, ururrada, iyo sida aad ilmahaaga ugala "
    "hadli karto xiriirada.",
    "Waxaan ka hadlaynaa mustaqbalka qoyska, shaqada iyo waxbarashada. Waxaad helaysaa "
    "shahaadadaada.",
]
