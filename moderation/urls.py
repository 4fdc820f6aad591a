from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("language/check/", views.check_language, name="check_language"),
    path("posts/<int:pk>/reveal/", views.reveal_author, name="reveal_author"),
    path("posts/<int:pk>/flag/", views.flag_post, name="flag"),
    path("posts/<int:pk>/act/", views.act_on_post, name="act_on_post"),
    path("members/<int:pk>/act/", views.act_on_member, name="act_on_member"),
    path("members/<int:pk>/notes/", views.add_note, name="add_note"),
    path("notes/<int:pk>/remove/", views.remove_note, name="remove_note"),
    path("queue/", views.queue, name="queue"),
    path("log/", views.log, name="log"),
    path("transparency/", views.transparency, name="transparency"),
    path("watched/", views.watched_words, name="watched_words"),
    path("support/", views.support_panel, name="support_panel"),
]
