"""Reading a parent's SMS reply: digits as they learned them, yes and no in six languages."""

import pytest

from equalcity.replies import WORDS, Interpretation, interpret, normalise

COMING, CANNOT, STOP, FREE = (
    Interpretation.COMING,
    Interpretation.CANNOT,
    Interpretation.STOP,
    Interpretation.FREE_TEXT,
)

CASES = [
    # Digits: Western, Arabic-Indic, Persian (Dari), Ethiopic numerals, full width.
    ("1", COMING),
    ("2", CANNOT),
    ("١", COMING),
    ("٢", CANNOT),
    ("۱", COMING),
    ("۲", CANNOT),
    ("፩", COMING),
    ("፪", CANNOT),
    ("１", COMING),
    (" 1. ", COMING),
    ("2!", CANNOT),
    ("1 👍", COMING),
    ("3", FREE),
    ("12", FREE),
    ("١٢", FREE),
    ("0", FREE),
    # Yes and no, as written in each language.
    ("Ja", COMING),
    ("JA!", COMING),
    ("nej", CANNOT),
    ("Nä.", CANNOT),
    ("yes", COMING),
    ("No", CANNOT),
    ("نعم", COMING),
    ("لا", CANNOT),
    ("لا.", CANNOT),
    ("بلی", COMING),
    ("بلي", COMING),  # written with an Arabic keyboard's yeh
    ("نه", CANNOT),
    ("نمی\u200cآیم", CANNOT),
    ("Haa", COMING),
    ("maya", CANNOT),
    ("እወ", COMING),
    ("ኣይፋል", CANNOT),
    ("አይፋል", CANNOT),  # the Amharic spelling of the first letter
    # Stop, in each language.
    ("STOP", STOP),
    ("Stopp", STOP),
    ("stop.", STOP),
    ("توقف", STOP),
    ("إيقاف", STOP),
    ("ايقاف", STOP),
    ("بس", STOP),
    ("jooji", STOP),
    ("ደው በል", STOP),
    # Everything else is for a person to read.
    ("1 men jag kommer sent", FREE),
    ("Jag kommer med min man", FREE),
    ("Vem ringer jag?", FREE),
    ("", FREE),
    ("   ", FREE),
    ("👍", FREE),
    ("ok", FREE),
    ("\x00", FREE),
    ("1" * 2000, FREE),
]


@pytest.mark.parametrize(("text", "meaning"), CASES)
def test_a_reply_means_what_the_parent_wrote(text, meaning):
    assert interpret(text) == meaning


def test_every_language_has_yes_no_and_stop():
    languages = {"sv", "en", "ar", "fa-af", "so", "ti"}
    for meaning, by_language in WORDS.items():
        assert set(by_language) == languages, meaning
        assert all(by_language.values()), meaning


def test_no_word_means_two_things():
    meanings = {}
    for meaning, by_language in WORDS.items():
        for words in by_language.values():
            for word in words:
                meanings.setdefault(normalise(word), set()).add(meaning)
                assert interpret(word) == meaning, word
    assert {word: found for word, found in meanings.items() if len(found) > 1} == {}


def test_normalising_keeps_the_words_and_drops_the_noise():
    assert normalise("  Ja!!  ") == "ja"
    assert normalise("نَعَم") == "نعم"
    assert normalise("ደው  በል።") == "ደው በል"
