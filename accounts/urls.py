from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("settings/", views.account_settings, name="settings"),
    path("notifications/", views.notifications, name="notifications"),
    path("settings/export/", views.export, name="export"),
    path("settings/delete/", views.delete_account, name="delete"),
    path("<str:handle>/", views.profile, name="profile"),
]
