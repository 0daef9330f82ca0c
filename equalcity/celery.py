import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "equalcity.settings")

app = Celery("equalcity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_broker_folders(sender, **kwargs):
    """The embedded file-system broker needs its folders before the first message."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)


@beat_init.connect
def _catch_up_at_start(sender, **kwargs):
    """Beat's interval tasks first fire one interval after start; after a restart (or a
    deployment) the planner and the sweeper should not wait that long."""
    for name in sender.app.conf.beat_schedule_catch_up:
        sender.app.send_task(name)
