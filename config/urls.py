from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from config.health import healthz

# The admin signs in through the site's own sign-in page (allauth's documented
# way), so its rate limits apply to moderators' accounts too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("members/", include("accounts.urls")),
    path("moderation/", include("moderation.urls")),
    path("admin/", admin.site.urls),
    path("", include("forum.urls")),
]
