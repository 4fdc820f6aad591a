"""Safety between members: mutes, new members, community hiding, sourcing,
moderators' notes and bans, each as the people who meet it would."""

import pytest
from django.test import Client

from accounts.models import Mute, Notification
from accounts.notifications import shown
from forum import clock, services
from forum.models import Post
from moderation import actions, flagging
from moderation.models import Flag, MemberNote, ModerationAction

pytestmark = pytest.mark.django_db


def client_for(member):
    client = Client()
    client.force_login(member)
    return client


def notes(member):
    return [note.text for note in shown(Notification.objects.filter(member=member), member)]


@pytest.fixture
def established(make_member):
    """Members who are no longer new."""

    def make(handle, **fields):
        return make_member(handle, established_at=clock.now(), **fields)

    return make


# -- mute ------------------------------------------------------------------------------


def test_a_muted_members_signed_posts_fold_and_can_be_shown(thread, established):
    loud, reader = established("loud_lou"), established("reader_rae")
    post = services.create_post(thread=thread, author=loud, body="Signed and loud.")
    page = client_for(reader)
    assert page.post(f"/members/{loud.handle}/mute/").status_code == 302

    html = page.get(thread.get_absolute_url()).content.decode()
    folded = html.split('<details class="muted-post">')[1].split("</details>")[0]
    assert "A post from someone you muted." in folded and "Show it" in folded
    assert f'id="post-{post.pk}"' in folded and "Signed and loud." in folded


def test_a_muted_members_anonymous_post_looks_and_notifies_exactly_as_before(thread, established):
    """The leak matrix's promise: a mute must never tell anyone who wrote an anonymous post."""
    quiet, reader = established("quiet_quin"), established("reader_rae")
    services.create_post(thread=thread, author=reader, body="I follow this thread now.")
    before_page = client_for(reader).get(thread.get_absolute_url()).content.decode()
    client_for(reader).post(f"/members/{quiet.handle}/mute/")
    Notification.objects.all().delete()

    anonymous = services.create_post(
        thread=thread, author=quiet, body="Unsigned, @reader_rae.", anonymous=True
    )

    html = client_for(reader).get(thread.get_absolute_url()).content.decode()
    article = html.split(f'id="post-{anonymous.pk}"')[0].rsplit("<", 1)[-1]
    assert "muted" not in article
    assert html.count('<details class="muted-post">') == before_page.count(
        '<details class="muted-post">'
    )
    # The mention and the follow note come as they would from anyone.
    assert notes(reader) == ["Anonymous mentioned you in “Where to get naloxone?”."]
    assert Notification.objects.filter(member=reader).count() == 1


def test_a_muted_member_cannot_mention_or_notify_and_their_threads_leave_lists(
    thread, category, established
):
    loud, reader = established("loud_lou"), established("reader_rae")
    services.create_post(thread=thread, author=reader, body="Following along.")
    client_for(reader).post(f"/members/{loud.handle}/mute/")
    Notification.objects.all().delete()

    services.create_post(thread=thread, author=loud, body="Hey @reader_rae, listen.")
    started = services.create_thread(
        category=category, author=loud, title="Loud thread", body="Signed."
    )
    unsigned = services.create_thread(
        category=category, author=loud, title="Quiet thread", body="Unsigned.", anonymous=True
    )

    assert notes(reader) == []
    listing = client_for(reader).get(f"/c/{category.slug}/").content.decode()
    assert started.title not in listing and unsigned.title in listing
    assert started.title in Client().get(f"/c/{category.slug}/").content.decode()


def test_unmute_from_settings_where_the_list_lives(established):
    loud, reader = established("loud_lou"), established("reader_rae")
    page = client_for(reader)
    page.post(f"/members/{loud.handle}/mute/")
    settings_page = page.get("/members/settings/").content.decode()
    assert "Members you muted" in settings_page and "loud_lou" in settings_page

    page.post(f"/members/{loud.handle}/mute/", {"unmute": "1"})

    assert not Mute.objects.exists()


def test_moderators_and_oneself_cannot_be_muted(established, make_member):
    reader = established("reader_rae")
    moderator = make_member("mod_mo", role="moderator")
    page = client_for(reader)
    page.post(f"/members/{moderator.handle}/mute/")
    page.post(f"/members/{reader.handle}/mute/")
    assert not Mute.objects.exists()


# -- new members -----------------------------------------------------------------------


def test_a_new_members_first_post_with_a_link_waits_and_they_are_told_kindly(thread, make_member):
    newcomer = make_member("new_nia")
    response = client_for(newcomer).post(
        thread.get_absolute_url(), {"body": "Look at https://example.org/deals"}, follow=True
    )
    post = Post.objects.get(author=newcomer)
    assert post.status == Post.Status.PENDING
    assert "While you are new here, posts with links wait for a moderator" in (
        response.content.decode()
    )
    assert Flag.objects.get(post=post).reason == Flag.Reason.NEW_MEMBER


def test_a_new_members_post_without_a_link_goes_up_and_a_lift_ends_the_wait(thread, make_member):
    newcomer = make_member("new_nia")
    moderator = make_member("mod_mo", role="moderator")
    plain = services.create_post(thread=thread, author=newcomer, body="Hello, I'm new here.")
    assert plain.status == Post.Status.VISIBLE

    actions.act_on_member(member=newcomer, by=moderator, action="trust")
    newcomer.refresh_from_db()
    linked = services.create_post(thread=thread, author=newcomer, body="See https://example.org")
    assert linked.status == Post.Status.VISIBLE
    assert ModerationAction.objects.filter(action="trust", member=newcomer).exists()


def test_new_members_see_what_applies_in_the_composer(thread, make_member, established):
    html = client_for(make_member("new_nia")).get(thread.get_absolute_url()).content.decode()
    assert "While you are new here" in html
    html = client_for(established("old_hand")).get(thread.get_absolute_url()).content.decode()
    assert "While you are new here" not in html


@pytest.mark.rate_limits
def test_new_members_flag_a_few_posts_a_day(thread, make_member, settings):
    newcomer = make_member("new_nia")
    limit = int(settings.FORUM_RATE_LIMITS["flag_new"].split("/")[0])
    posts = [
        services.create_post(
            thread=thread, author=make_member(established_at=clock.now()), body=f"p{n}"
        )
        for n in range(limit + 1)
    ]
    page = client_for(newcomer)
    for post in posts:
        page.post(f"/moderation/posts/{post.pk}/flag/", {"reason": "spam"})
    assert Flag.objects.filter(reporter=newcomer).count() == limit


# -- community hiding --------------------------------------------------------------------


def test_three_established_members_flags_hide_a_post_and_its_author_is_told(thread, established):
    author = established("author_al")
    post = services.create_post(thread=thread, author=author, body="Something people object to.")
    for n in range(2):
        flagging.flag_post(post=post, reporter=established(f"flagger{n}"), reason="harassment")
    post.refresh_from_db()
    assert post.status == Post.Status.VISIBLE

    flagging.flag_post(post=post, reporter=established("flagger2"), reason="harassment")

    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN
    assert (
        "Something people object to."
        not in Client().get(thread.get_absolute_url()).content.decode()
    )
    assert any("A few members flagged your post" in text for text in notes(author))
    assert Flag.objects.filter(post=post, reason=Flag.Reason.COMMUNITY, state="open").exists()


def test_community_hidden_posts_top_the_queue_and_dismissing_puts_them_back(
    thread, established, make_member
):
    author = established("author_al")
    calm = services.create_post(thread=thread, author=author, body="My brother is an addict.")
    post = services.create_post(thread=thread, author=author, body="Contested words.")
    for n in range(3):
        flagging.flag_post(post=post, reporter=established(f"flagger{n}"), reason="other")
    moderator = make_member("mod_mo", role="moderator")
    page = client_for(moderator)

    queue = page.get("/moderation/queue/").content.decode()
    assert queue.index(f'id="queue-{post.pk}"') < queue.index(f'id="queue-{calm.pk}"')

    page.post(f"/moderation/posts/{post.pk}/act/", {"action": "dismiss"})
    post.refresh_from_db()
    assert post.status == Post.Status.VISIBLE


def test_at_risk_flags_never_hide_anything_and_new_members_flags_do_not_count(
    thread, established, make_member
):
    post = services.create_post(thread=thread, author=established("author_al"), body="Worried.")
    for n in range(4):
        flagging.flag_post(post=post, reporter=established(f"carer{n}"), reason="at_risk")
    for n in range(4):
        flagging.flag_post(post=post, reporter=make_member(f"newbie{n}"), reason="spam")
    post.refresh_from_db()
    assert post.status == Post.Status.VISIBLE


# -- sourcing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Selling 10 blues, £5 each, dm me on telegram @quickplug", True),
        ("Anyone got a plug in Leeds? hmu", True),
        ("How much does naloxone cost at a pharmacy without a prescription?", False),
        ("Fentanyl test strips are about £2 each from the exchange.", False),
    ],
)
def test_an_offer_to_sell_waits_and_harm_reduction_talk_does_not(thread, established, text, held):
    author = established("author_al")
    response = client_for(author).post(thread.get_absolute_url(), {"body": text}, follow=True)
    post = Post.objects.get(author=author)
    assert (post.status == Post.Status.PENDING) is held
    if held:
        assert "Offers to buy or sell aren" in response.content.decode()
        assert Flag.objects.get(post=post).reason == Flag.Reason.SELLING


# -- moderators' notes and bans ---------------------------------------------------------


def test_notes_on_a_member_are_for_moderators_and_each_is_logged(thread, established, make_member):
    member = established("author_al")
    moderator = make_member("mod_mo", role="moderator")
    page = client_for(moderator)
    page.post(f"/moderation/members/{member.pk}/notes/", {"text": "Talked kindly on 3 May."})
    note = MemberNote.objects.get()
    assert "Talked kindly on 3 May." in page.get(member.get_absolute_url()).content.decode()
    assert (
        "Talked kindly"
        not in client_for(established("other")).get(member.get_absolute_url()).content.decode()
    )
    services.create_post(thread=thread, author=member, body="What a junkie.")
    assert "Talked kindly on 3 May." in page.get("/moderation/queue/").content.decode()

    page.post(f"/moderation/notes/{note.pk}/remove/")

    assert not MemberNote.objects.exists()
    log = list(ModerationAction.objects.order_by("id").values_list("action", flat=True))
    assert log[-2:] == ["note", "remove_note"]
    assert not ModerationAction.objects.filter(reason__contains="Talked kindly").exists()


def test_ban_and_lift_with_a_reason_and_a_kind_note(thread, established, make_member):
    member = established("author_al")
    moderator = make_member("mod_mo", role="moderator")
    page = client_for(moderator)
    page.post(f"/moderation/members/{member.pk}/act/", {"action": "ban", "reason": "Selling."})
    member.refresh_from_db()
    assert member.banned_at is not None

    own = client_for(member)
    html = own.get(thread.get_absolute_url()).content.decode()
    assert "closed your account to posting" in html and 'name="body"' not in html
    assert own.get("/members/settings/export/").status_code == 200
    assert any("Their reason: Selling." in text for text in notes(member))

    page.post(f"/moderation/members/{member.pk}/act/", {"action": "unban"})
    member.refresh_from_db()
    assert member.banned_at is None
    assert own.post(thread.get_absolute_url(), {"body": "Back again"}).status_code == 302
    actions_logged = ModerationAction.objects.order_by("id").values_list("action", flat=True)
    assert list(actions_logged) == ["ban", "unban"]
