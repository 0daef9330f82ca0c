from django.urls import path

from questionnaires import audio
from questionnaires.views import answering, kiosk, leader

app_name = "questionnaires"

urlpatterns = [
    path("staff/meetings/<int:pk>/questionnaire/", kiosk.kiosk_open, name="open"),
    path("staff/meetings/<int:pk>/questionnaire/send/", leader.links_send, name="send"),
    path("staff/questionnaire/device/", kiosk.kiosk_start, name="kiosk_start"),
    path("staff/questionnaire/device/pick/", kiosk.kiosk_pick, name="kiosk_pick"),
    path("staff/questionnaire/device/intro/", kiosk.kiosk_intro, name="kiosk_intro"),
    path("staff/questionnaire/device/<int:number>/", kiosk.kiosk_question, name="kiosk_question"),
    path("staff/questionnaire/device/thanks/", kiosk.kiosk_done, name="kiosk_done"),
    path("staff/questionnaire/device/exit/", kiosk.kiosk_exit, name="kiosk_exit"),
    path("r/<str:token>/questionnaire/", answering.link_intro, name="intro"),
    path("r/<str:token>/questionnaire/<int:number>/", answering.link_question, name="question"),
    path("r/<str:token>/questionnaire/thanks/", answering.link_done, name="done"),
    path("questionnaire/sound/<str:token>/", audio.audio_view, name="audio"),
]
