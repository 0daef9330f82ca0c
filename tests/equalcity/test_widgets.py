"""The select widgets: markup as Django's, names marked with their language, regions grouped."""

import pytest
from django.utils import translation

from participants.forms import RegistrationForm
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_municipalities_are_swedish_names_grouped_by_region(region, goteborg, molndal):
    skane = OrganisationFactory(slug="skane", name="Region Skåne", kind="region")
    OrganisationFactory(slug="malmo", name="Malmö", parent=skane)
    with translation.override("ar"):
        html = str(RegistrationForm()["municipality"])

    assert html.startswith('<select name="municipality"') and 'id="id_municipality"' in html
    assert "required" in html
    assert (
        '<optgroup label="Göteborgsregionen">' in html and '<optgroup label="Region Skåne">' in html
    )
    assert html.index("Göteborgsregionen") < html.index("Region Skåne")
    assert f'<option value="{molndal.pk}" lang="sv" dir="ltr">Mölndal</option>' in html
    assert (
        '<option value="" selected>اختر البلدية</option>' in html
        or '<option value="" selected>' in html
    )


def test_one_region_needs_no_groups_and_the_chosen_one_is_selected(goteborg, molndal):
    form = RegistrationForm({"municipality": str(molndal.pk)})
    with translation.override("sv"):
        html = str(form["municipality"])
    assert "<optgroup" not in html
    assert f'<option value="{molndal.pk}" selected>Mölndal</option>' in html


def test_each_language_is_named_in_itself_with_its_own_lang_and_direction():
    with translation.override("ti"):
        html = str(RegistrationForm()["language"])
    assert '<option value="ar" lang="ar" dir="rtl">العربية</option>' in html
    assert '<option value="ti" selected>ትግርኛ</option>' in html
