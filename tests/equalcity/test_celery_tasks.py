"""Settings name Celery tasks by string (the beat schedule, the routes, beat's catch-up list): a
renamed or removed task would only show in production, as beat sending into the void."""

from django.conf import settings

from equalcity.celery import app


def registered_tasks() -> set[str]:
    app.loader.import_default_modules()  # what a worker imports at start: every app's tasks
    return {name for name in app.tasks if not name.startswith("celery.")}


def test_every_task_the_settings_name_exists_in_the_celery_app():
    named = (
        {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        | set(settings.CELERY_TASK_ROUTES)
        | set(settings.CELERY_BEAT_SCHEDULE_CATCH_UP)
    )

    assert named - registered_tasks() == set()
    # The routes send real work to the documents and messages workers (docker-compose.yml).
    assert {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()} == {
        "messages",
        "documents",
    }


def test_every_periodic_task_runs_and_the_catch_up_list_is_a_part_of_the_schedule():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert set(settings.CELERY_BEAT_SCHEDULE_CATCH_UP) <= scheduled
    assert all(entry["schedule"] > 0 for entry in settings.CELERY_BEAT_SCHEDULE.values())
