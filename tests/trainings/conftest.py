import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import VenueFactory
from trainings.models import TrainingDay


@pytest.fixture
def partille(db, region):
    from tests.factories import OrganisationFactory

    org = OrganisationFactory(slug="partille", name="Partille")
    org.parent = region
    org.save()
    return org


@pytest.fixture
def training_day(region, goteborg):
    date = timezone.localdate() + dt.timedelta(days=30)
    return TrainingDay.objects.create(
        organiser=region,
        title="Att arbeta med tolk",
        date=date,
        starts_at=dt.time(9),
        ends_at=dt.time(16),
        venue=VenueFactory(
            municipality=goteborg,
            name="Göteborgsregionen",
            street_address="Anders Personsgatan 8",
            postal_code="416 64",
            city="Göteborg",
        ),
        capacity=4,
        registration_deadline=date - dt.timedelta(days=7),
        status=TrainingDay.Status.OPEN,
    )
