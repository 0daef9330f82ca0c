"""The demo of seed 001, dated around the day it is loaded. Safe to run again: nothing is
duplicated, and on a later day only what keeps the demo alive is added or moved."""

import datetime as dt

from django.db import transaction

from courses.services import courses_stored_counts_refresh
from demo.seed.courses import courses_seed
from demo.seed.parents import parents_seed
from demo.seed.people import users_seed
from demo.seed.places import languages_seed, organisations_seed, school_breaks_seed, venues_seed
from demo.seed.programme import programme_seed
from demo.seed.questionnaire import questionnaire_seed
from demo.seed.trainings import trainings_seed


@transaction.atomic
def demo_seed(*, today: dt.date) -> int:
    """Load the demo as of `today`; returns the number of courses created."""
    orgs = organisations_seed()
    languages = languages_seed()
    venues = venues_seed(orgs=orgs)
    school_breaks_seed(orgs=orgs, today=today)
    users = users_seed(orgs=orgs)
    programme = programme_seed(orgs=orgs, languages=languages, today=today)
    created = courses_seed(
        programme=programme,
        orgs=orgs,
        languages=languages,
        venues=venues,
        users=users,
        today=today,
    )
    parents_seed(today=today)
    courses_stored_counts_refresh()
    questionnaire_seed(programme=programme, today=today)
    trainings_seed(orgs=orgs, venues=venues, today=today)
    return created
