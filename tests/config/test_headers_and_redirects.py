"""Headers every page carries, and redirects that stay on this site."""

import pytest
from django.test import Client

from forum import services


@pytest.mark.django_db
def test_pages_switch_off_powerful_browser_features(client):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "interest-cohort=()"):
        assert feature in policy


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/path", "http://localhost:9999/", "javascript:x"],
)
@pytest.mark.django_db
def test_moderator_forms_never_follow_a_next_link_elsewhere(make_member, thread, target):
    moderator = make_member("mod_mo", role="moderator")
    client = Client()
    client.force_login(moderator)
    post = services.create_post(thread=thread, author=make_member(), body="Words")
    for url, data in [
        (f"/moderation/posts/{post.pk}/act/", {"action": "hide"}),
        (f"/moderation/members/{post.author_id}/act/", {"action": "warn", "reason": "Be kind"}),
    ]:
        response = client.post(url, {**data, "next": target})
        assert response.status_code == 302
        assert response["Location"] == "/moderation/queue/"


@pytest.mark.django_db
def test_a_next_link_on_this_site_is_followed(make_member, thread):
    moderator = make_member("mod_mo", role="moderator")
    client = Client()
    client.force_login(moderator)
    post = services.create_post(thread=thread, author=make_member(), body="Words")
    response = client.post(
        f"/moderation/posts/{post.pk}/act/", {"action": "hide", "next": thread.get_absolute_url()}
    )
    assert response["Location"] == thread.get_absolute_url()
