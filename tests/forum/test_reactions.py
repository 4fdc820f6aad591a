"""Supportive reactions: counted, toggled, never ranked, never naming who."""

import pytest
from django.test import Client
from django.utils import timezone

from forum import services
from forum.models import Reaction


def react(client, post, kind):
    return client.post(f"/posts/{post.pk}/react/", {"kind": kind})


@pytest.mark.parametrize("role", ["member", "practitioner", "moderator"])
@pytest.mark.django_db
def test_signed_in_people_react_and_take_it_back(client, thread, make_member, role):
    post = thread.posts.get()
    reactor = make_member("kind_kit", role=role)
    client.force_login(reactor)

    assert react(client, post, "thanks").status_code == 302
    react(client, post, "helped")
    page = client.get(thread.get_absolute_url()).content.decode()
    pressed = 'value="thanks" class="reaction" aria-pressed="true">Thank you '
    assert pressed + '<span class="reaction__count">1' in page
    assert "kind_kit" not in Client().get(thread.get_absolute_url()).content.decode()

    react(client, post, "thanks")  # the same button again takes it back
    assert list(Reaction.objects.values_list("kind", flat=True)) == ["helped"]


@pytest.mark.django_db
def test_visitors_suspended_members_and_unpublished_posts_cannot_react(
    client, thread, member, make_member
):
    post = thread.posts.get()
    assert react(client, post, "thanks")["Location"].startswith("/accounts/login/")
    client.force_login(make_member(suspended_until=timezone.now() + timezone.timedelta(days=1)))
    react(client, post, "thanks")
    held = services.create_post(thread=thread, author=member, body="What a junkie.")
    client.force_login(make_member())
    react(client, held, "thanks")
    react(client, post, "upvote")
    assert not Reaction.objects.exists()


@pytest.mark.django_db
def test_reactions_never_reorder_posts(client, thread, make_member):
    quiet = services.create_post(thread=thread, author=make_member(), body="Quiet reply.")
    loud = services.create_post(thread=thread, author=make_member(), body="Loved reply.")
    for _ in range(3):
        reactor = Client()
        reactor.force_login(make_member())
        react(reactor, loud, "thanks")
    page = client.get(thread.get_absolute_url()).content.decode()
    assert page.index("Quiet reply.") < page.index("Loved reply.")
    assert quiet.pk < loud.pk
