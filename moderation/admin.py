from django.contrib import admin

from .models import Flag, ModerationAction


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    """The audit log: readable, never changed or deleted, not even here."""

    list_display = ("created_at", "actor", "action", "post", "member")
    list_filter = ("action",)
    readonly_fields = [f.name for f in ModerationAction._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("created_at", "reason", "automatic", "state", "post")
    list_filter = ("reason", "automatic", "state")
    raw_id_fields = ("post", "reporter")
