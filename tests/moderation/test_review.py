"""Flags, the review queue, moderators' actions, the log and the author's notifications."""

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Notification
from forum import services
from forum.models import Post, Revision
from moderation.models import Flag, ModerationAction


@pytest.fixture
def moderator(make_member):
    return make_member("mod_alex", role="moderator")


def flag(client, post, reason="stigma", note=""):
    return client.post(f"/moderation/posts/{post.pk}/flag/", {"reason": reason, "note": note})


# -- flags -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_member_flags_a_post_once_and_the_author_never_learns_who(client, thread, make_member):
    post = thread.posts.get()
    reporter = make_member("careful_cam")
    client.force_login(reporter)

    assert flag(client, post, "harassment", "Aimed at me").status_code == 302
    again = flag(client, post, "spam")

    assert again.status_code == 400
    assert "already flagged" in again.content.decode()
    assert Flag.objects.get().reporter == reporter
    author = Client()
    author.force_login(post.author)
    for url in ("/members/notifications/", post.thread.get_absolute_url()):
        assert "careful_cam" not in author.get(url).content.decode()


@pytest.mark.django_db
def test_flag_rules(client, thread, member, make_member, settings):
    post = thread.posts.get()
    client.force_login(member)  # the author
    assert "your own post" in flag(client, post).content.decode()

    settings.FLAGS_PER_HOUR = 2
    client.force_login(make_member())
    others = [services.create_post(thread=thread, author=member, body=f"p{n}") for n in range(3)]
    assert [flag(client, p).status_code for p in others] == [302, 302, 400]

    paused = make_member(suspended_until=timezone.now() + timezone.timedelta(days=1))
    client.force_login(paused)
    assert flag(client, post).status_code == 403
    assert Flag.objects.count() == 2


# -- the queue ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_queue_shows_held_and_flagged_posts_at_risk_first_with_findings(
    client, thread, member, make_member, moderator
):
    older = services.create_post(thread=thread, author=member, body="My brother is an addict.")
    held = services.create_post(thread=thread, author=member, body="What a junkie.")
    risky = services.create_post(thread=thread, author=member, body="I can't go on tonight.")
    client.force_login(make_member())
    flag(client, risky, "at_risk", "please check on them")
    client.force_login(moderator)

    html = client.get("/moderation/queue/").content.decode()

    assert html.index("go on tonight") < html.index("an addict") < html.index("What a junkie")
    assert "Someone may be at risk" in html and "please check on them" in html
    assert "Held for review" in html
    assert "person who uses drugs" in html  # suggestions beside the findings
    assert '<mark class="finding finding--medium">addict</mark>' in html
    assert "No earlier moderation." in html
    only_risk = client.get("/moderation/queue/?reason=at_risk").content.decode()
    assert "go on tonight" in only_risk and "an addict" not in only_risk
    assert older.pk and held.pk


# -- actions on posts -----------------------------------------------------------------------


def act(client, post, action, **data):
    return client.post(f"/moderation/posts/{post.pk}/act/", {"action": action, **data})


@pytest.mark.django_db
def test_approve_publishes_a_held_post_and_tells_the_author(client, thread, member, moderator):
    held = services.create_post(thread=thread, author=member, body="What a junkie.")
    client.force_login(moderator)

    act(client, held, "approve")

    held.refresh_from_db()
    assert held.status == Post.Status.VISIBLE
    assert not Flag.objects.filter(post=held, state=Flag.State.OPEN).exists()
    assert "published it" in Notification.objects.get(member=member).text
    assert ModerationAction.objects.filter(action="approve", post=held).exists()


@pytest.mark.django_db
def test_apply_suggested_wording_keeps_a_revision_and_logs_before_and_after(
    client, thread, member, moderator
):
    post = services.create_post(thread=thread, author=member, body="My brother is an addict.")
    client.force_login(moderator)

    act(client, post, "apply_wording")

    post.refresh_from_db()
    assert post.body == "My brother is a person who uses drugs."
    assert Revision.objects.get(post=post).body == "My brother is an addict."
    row = ModerationAction.objects.get(action="apply_wording")
    assert (row.text_before, row.text_after) == (
        "My brother is an addict.",
        "My brother is a person who uses drugs.",
    )
    assert Flag.objects.get(post=post).state == Flag.State.RESOLVED
    assert "changed a few words" in Notification.objects.get(member=member).text
    assert "a person who uses drugs" in Client().get(thread.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_hide_restore_remove_and_edit_with_a_reason(client, thread, member, moderator):
    post = services.create_post(thread=thread, author=member, body="Buy from me, DM.")
    client.force_login(moderator)
    visitor = Client()

    act(client, post, "hide", reason="Selling is not allowed here.")
    assert "Buy from me" not in visitor.get(thread.get_absolute_url()).content.decode()
    act(client, post, "restore")
    assert "Buy from me" in visitor.get(thread.get_absolute_url()).content.decode()
    response = act(client, post, "edit", body="(moderated)")
    assert "Please say why" in client.get(response["Location"]).content.decode()
    act(client, post, "edit", body="(moderated)", reason="Selling")
    act(client, post, "remove", reason="Selling is not allowed here.")

    post.refresh_from_db()
    assert post.status == Post.Status.REMOVED and post.removed_by == "moderator"
    assert "removed by a moderator" in visitor.get(thread.get_absolute_url()).content.decode()
    assert list(ModerationAction.objects.order_by("id").values_list("action", flat=True)) == [
        "hide",
        "restore",
        "edit",
        "remove",
    ]
    notes = list(Notification.objects.filter(member=member).values_list("text", flat=True))
    assert any("Selling is not allowed here." in note for note in notes)


# -- actions on members ----------------------------------------------------------------------


def act_member(client, member, action, **data):
    return client.post(f"/moderation/members/{member.pk}/act/", {"action": action, **data})


@pytest.mark.django_db
def test_warn_suspend_lift_and_ban(client, thread, member, moderator):
    client.force_login(moderator)

    act_member(client, member, "warn", reason="Please keep it kind.")
    act_member(client, member, "suspend", days="3", reason="Repeated slurs.")
    member.refresh_from_db()
    assert member.is_suspended()
    author = Client()
    author.force_login(member)
    response = author.post(thread.get_absolute_url(), {"body": "Still here?"})
    assert "Your account is paused" in response.content.decode()
    assert author.get(thread.get_absolute_url()).status_code == 200  # reading is fine

    act_member(client, member, "lift")
    member.refresh_from_db()
    assert not member.is_suspended()
    act_member(client, member, "ban", reason="Threats")
    member.refresh_from_db()
    # Banned: still signed in and able to leave with their data, but posting nothing.
    assert member.banned_at is not None and member.is_active
    response = author.post(thread.get_absolute_url(), {"body": "After the ban"})
    assert "closed your account to posting" in response.content.decode()
    assert not thread.posts.filter(body="After the ban").exists()
    assert author.get("/members/settings/export/").status_code == 200

    texts = list(Notification.objects.filter(member=member).values_list("text", flat=True))
    assert any("Please keep it kind." in t for t in texts)
    assert any("paused for 3 days" in t for t in texts)
    assert any("lifted" in t for t in texts)
    assert list(ModerationAction.objects.order_by("id").values_list("action", flat=True)) == [
        "warn",
        "suspend",
        "lift",
        "ban",
    ]


@pytest.mark.django_db
def test_log_page_lists_and_filters(client, thread, member, moderator):
    client.force_login(moderator)
    act_member(client, member, "warn", reason="Please keep it kind.")
    act(client, thread.posts.get(), "hide")

    everything = client.get("/moderation/log/").content.decode()
    warnings = client.get("/moderation/log/?action=warn").content.decode()

    assert "Warned a member" in everything and "Hid a post" in everything
    assert "Warned a member" in warnings and "Hid a post</td>" not in warnings
    assert "Warned a member" in client.get("/moderation/log/?moderator=MOD_ALEX").content.decode()
    assert (
        "Warned a member</td>"
        not in client.get("/moderation/log/?moderator=nobody").content.decode()
    )


@pytest.mark.django_db
def test_notifications_are_marked_read(client, member):
    Notification.objects.create(member=member, text="A kind note.")
    client.force_login(member)
    assert '<span class="badge" data-unread>1</span>' in client.get("/").content.decode()
    client.post("/members/notifications/")
    assert not Notification.objects.filter(read=False).exists()


# -- who may do what ----------------------------------------------------------------------------

MODERATION_REQUESTS = [
    ("get", "/moderation/queue/", {}),
    ("get", "/moderation/log/", {}),
    ("post", "/moderation/posts/{post}/act/", {"action": "hide"}),
    ("post", "/moderation/posts/{post}/act/", {"action": "apply_wording"}),
    ("post", "/moderation/members/{author}/act/", {"action": "warn", "reason": "Hi"}),
    ("post", "/moderation/members/{author}/act/", {"action": "suspend", "days": "2"}),
    ("post", "/moderation/members/{author}/act/", {"action": "ban", "reason": "Threats"}),
    ("post", "/moderation/posts/{post}/reveal/", {}),
]


@pytest.mark.parametrize("who", ["visitor", "member", "practitioner", "moderator"])
@pytest.mark.parametrize(("method", "url", "data"), MODERATION_REQUESTS)
@pytest.mark.django_db
def test_only_moderators_moderate(client, make_member, category, who, method, url, data):
    author = make_member("the_author")
    thread = services.create_thread(
        category=category,
        author=author,
        title="T",
        body="My brother is an addict.",
        anonymous=True,
    )
    post = thread.posts.get()
    if who != "visitor":
        client.force_login(make_member(role=who))
    url = url.format(post=post.pk, author=author.pk)
    before = (list(Post.objects.values_list("status", "body")), ModerationAction.objects.count())

    response = getattr(client, method)(url, data)

    after = (list(Post.objects.values_list("status", "body")), ModerationAction.objects.count())
    if who == "visitor":
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert after == before
    elif who in ("member", "practitioner"):
        assert response.status_code == 403
        assert after == before
    else:
        assert response.status_code in (200, 302)
        if method == "post":
            assert after != before


@pytest.mark.django_db
def test_queue_page_queries_do_not_grow_with_items(client, thread, make_member, moderator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def held_posts(n):
        for i in range(n):
            services.create_post(thread=thread, author=make_member(), body=f"junkie number {i}")

    client.force_login(moderator)
    held_posts(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/moderation/queue/").status_code == 200
    held_posts(30)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/moderation/queue/").content.decode()
    assert html.count('class="card queue-item"') == 33
    assert len(few) == len(many)
