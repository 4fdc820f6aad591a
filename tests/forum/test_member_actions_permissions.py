"""Who may follow, react, read notifications and ask for verification."""

import pytest

from forum.models import Follow, Reaction


@pytest.mark.parametrize("who", ["visitor", "member", "practitioner", "moderator"])
@pytest.mark.django_db
def test_member_actions_need_an_account_and_nothing_more(client, thread, make_member, who):
    post = thread.posts.get()
    if who != "visitor":
        client.force_login(make_member(role=who))

    responses = [
        client.post(f"/threads/{thread.pk}/follow/"),
        client.post(f"/posts/{post.pk}/react/", {"kind": "thanks"}),
        client.get("/members/notifications/"),
        client.get("/members/settings/practitioner/"),
    ]

    if who == "visitor":
        assert all(r.status_code == 302 and "/accounts/login/" in r["Location"] for r in responses)
        assert not Follow.objects.exclude(member=thread.author).exists()
        assert not Reaction.objects.exists()
    else:
        assert [r.status_code for r in responses] == [302, 302, 200, 200]
        assert Follow.objects.exclude(member=thread.author).count() == 1
        assert Reaction.objects.count() == 1
