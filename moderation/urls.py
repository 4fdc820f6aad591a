from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("language/check/", views.check_language, name="check_language"),
    path("posts/<int:pk>/reveal/", views.reveal_author, name="reveal_author"),
]
