from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.utils.translation import gettext_lazy as _

from .handles import ensure_handle_is_distinct
from .models import User
from .skeleton import skeleton


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ("handle",)

    def clean_handle(self):
        handle = self.cleaned_data["handle"]
        ensure_handle_is_distinct(handle)
        return handle


class UserChangeForm(BaseUserChangeForm):
    class Meta(BaseUserChangeForm.Meta):
        model = User
        fields = "__all__"

    def clean_handle(self):
        handle = self.cleaned_data["handle"]
        ensure_handle_is_distinct(handle, member=self.instance)
        return handle


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationForm
    form = UserChangeForm
    ordering = ("handle",)
    list_display = ("handle", "role", "is_active", "date_joined")
    list_filter = ("role", "is_active", "is_staff")
    search_fields = ("handle",)
    fieldsets = (
        (None, {"fields": ("handle", "password")}),
        (_("Profile"), {"fields": ("email", "role", "lived_experience")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("handle", "password1", "password2")}),
    )

    def save_model(self, request, obj, form, change):
        # A handle set here is compared like any other, and its skeleton goes with it.
        obj.handle_skeleton = skeleton(obj.handle)
        super().save_model(request, obj, form, change)
