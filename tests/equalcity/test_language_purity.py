"""The checker that the page, e-mail and PDF tests rely on: it must find what it is for."""

from tests.language_purity import foreign_words


def page(body, lang="ar", title="عنوان"):
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title></head>'
        f"<body>{body}</body></html>"
    )


def test_an_unmarked_latin_word_on_an_arabic_page_is_found():
    html = page("<p>المكان: Storgatan 1, Göteborg</p>")

    assert foreign_words(html, "ar") == ["Storgatan", "Göteborg"]


def test_a_word_inside_an_element_with_its_own_lang_is_not():
    html = page('<p>المكان: <span lang="sv" dir="ltr">Storgatan <b>1</b>, Göteborg</span> هنا</p>')

    assert foreign_words(html, "ar") == []


def test_a_lang_equal_to_the_pages_marks_nothing_and_tails_keep_their_parents_language():
    html = page('<p lang="ar">Hej <span lang="sv">Göteborg</span> Storgatan <br> Angered</p>')

    assert foreign_words(html, "ar") == ["Hej", "Storgatan", "Angered"]


def test_titles_and_attributes_people_read_count_links_and_digits_do_not():
    html = (
        '<!DOCTYPE html><html lang="ti"><head><title>Equalcity</title>'
        '<meta name="description" content="ኮርስ course"><style>p { color: red }</style></head>'
        '<body><img src="data:image/png;base64,AAAA" alt="QR code">'
        "<p>https://equalcity.se/ti/courses/1/ info@equalcity.se ١٢ 031-367 91 64</p>"
        "<!-- a comment in English --></body></html>"
    )

    assert foreign_words(html, "ti") == ["Equalcity", "course", "QR", "code"]


def test_on_a_latin_page_another_script_is_foreign_and_a_judge_can_be_given():
    html = page("<p>Fadlan wac. ትግርኛ Välkommen</p>", lang="so", title="Koorso")
    swedish = {"välkommen"}

    assert foreign_words(html, "so") == ["ትግርኛ"]
    assert foreign_words(html, "so", is_foreign=lambda w: w.lower() in swedish) == ["Välkommen"]
