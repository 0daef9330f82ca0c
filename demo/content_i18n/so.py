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
    "TODO",
] * 7
