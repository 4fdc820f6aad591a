from django.contrib import admin

from .models import Category, Post, Revision, Thread


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "position", "who_can_start")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "pinned", "locked", "reply_count", "last_activity_at")
    list_filter = ("category", "pinned", "locked")
    search_fields = ("title",)
    raw_id_fields = ("author", "last_post")


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    readonly_fields = ("body", "editor", "reason", "created_at")
    can_delete = False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("id", "thread", "status", "anonymous", "created_at")
    list_filter = ("status", "anonymous")
    raw_id_fields = ("thread", "author")
    readonly_fields = ("body_html",)
    inlines = [RevisionInline]
