from django.urls import path

from . import draft_views, history_views, prompt_views, views

app_name = "forum"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/new/", views.new_thread, name="new_thread"),
    path("c/<slug:slug>/new/draft/", draft_views.thread_draft, name="thread_draft"),
    path("threads/<int:pk>/", views.thread, name="thread"),
    path("threads/<int:pk>/unread/", views.first_unread, name="unread"),
    path("threads/<int:pk>/follow/", views.toggle_follow, name="follow"),
    path("threads/<int:pk>/draft/", draft_views.reply_draft, name="reply_draft"),
    path("posts/<int:pk>/", views.post_permalink, name="post"),
    path("posts/<int:pk>/edit/", views.edit_post, name="edit_post"),
    path("posts/<int:pk>/history/", history_views.post_history, name="post_history"),
    path("posts/<int:pk>/remove/", views.remove_post, name="remove_post"),
    path("posts/<int:pk>/react/", views.react, name="react"),
    path("posts/<int:pk>/quote/", draft_views.quote, name="quote"),
    path("prompts/", prompt_views.archive, name="prompts"),
    path("prompts/new/", prompt_views.new_prompt, name="new_prompt"),
    path("prompts/suggest/", prompt_views.suggest, name="suggest_prompt"),
    path("prompts/suggestions/", prompt_views.suggestion_queue, name="suggestion_queue"),
    path("prompts/suggestions/mine/", prompt_views.my_suggestions, name="my_suggestions"),
    path("prompts/suggestions/<int:pk>/", prompt_views.decide_suggestion, name="decide_suggestion"),
    path("prompts/<int:pk>/", prompt_views.prompt_detail, name="prompt"),
    path("prompts/<int:pk>/edit/", prompt_views.edit_prompt, name="edit_prompt"),
    path("prompts/<int:pk>/feature/", prompt_views.feature_prompt, name="feature_prompt"),
    path("prompts/<int:pk>/retire/", prompt_views.retire_prompt, name="retire_prompt"),
]
