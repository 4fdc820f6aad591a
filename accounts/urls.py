from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("settings/", views.account_settings, name="settings"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/read/", views.read_notification, name="read_notification"),
    path("settings/export/", views.export, name="export"),
    path("settings/practitioner/", views.practitioner, name="practitioner"),
    path("practitioner-requests/", views.practitioner_requests, name="practitioner_requests"),
    path("settings/delete/", views.delete_account, name="delete"),
    path("settings/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("settings/recovery-codes/new/", views.new_recovery_codes, name="new_recovery_codes"),
    # Two segments, so no handle's profile (one segment) is ever shadowed.
    path("recover/code/", views.use_recovery_code, name="use_recovery_code"),
    path("<str:handle>/", views.profile, name="profile"),
    path("<str:handle>/mute/", views.toggle_mute, name="mute"),
]
