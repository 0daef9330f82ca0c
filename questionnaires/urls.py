from django.urls import path

from questionnaires import audio
from questionnaires.views import answering, editor, kiosk, leader

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
    path("staff/questions/", editor.question_list, name="question_list"),
    path("staff/questions/new/<slug:programme>/", editor.question_create, name="question_create"),
    path("staff/questions/<int:pk>/", editor.question_edit, name="question_edit"),
    path(
        "staff/questions/<int:pk>/recordings/<str:language>/",
        editor.recording_view,
        name="recording",
    ),
    path(
        "staff/questions/<int:pk>/recordings/<str:language>/delete/",
        editor.recording_delete_view,
        name="recording_delete",
    ),
    path("staff/answer-options/new/", editor.scale_edit, name="scale_create"),
    path("staff/answer-options/<int:pk>/", editor.scale_edit, name="scale_edit"),
]
