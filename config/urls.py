from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("members/", include("accounts.urls")),
    path("moderation/", include("moderation.urls")),
    path("admin/", admin.site.urls),
    path("", include("forum.urls")),
]
