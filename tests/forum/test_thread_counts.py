"""A thread's own counts stay true through every change, so pages can trust them."""

import pytest
from django.test import Client

from accounts import services as accounts
from forum import clock, review, services
from forum.models import PUBLIC_STATUSES, Post, Thread


def assert_counts_true(thread):
    thread = Thread.objects.get(pk=thread.pk)
    shown = Post.objects.filter(thread=thread, status__in=PUBLIC_STATUSES).count()
    assert thread.shown_posts == shown
    return thread


@pytest.mark.django_db
def test_shown_posts_follows_every_status_change(make_member, category):
    author = make_member("river", established_at=clock.now())
    moderator = make_member("mod_mo", role="moderator")
    thread = services.create_thread(category=category, author=author, title="Hi", body="Hello")
    assert_counts_true(thread)
    replies = [services.create_post(thread=thread, author=author, body=f"r{n}") for n in range(4)]
    held = services.create_post(thread=thread, author=author, body="what a junkie")
    assert_counts_true(thread)
    review.hide_post(post=replies[0], by=moderator)
    assert_counts_true(thread)
    review.restore_post(post=replies[0], by=moderator)
    services.remove_post_by_author(post=replies[1], user=author)
    review.remove_post_by_moderator(post=replies[2], by=moderator)
    assert_counts_true(thread)
    review.approve_post(post=held, by=moderator)
    assert_counts_true(thread)
    services.edit_post(post=replies[3], editor=author, body="now a junkie")  # held again
    assert_counts_true(thread)
    accounts.delete_account(member=author, remove_posts=True)
    assert_counts_true(thread)


@pytest.mark.django_db
def test_a_visitors_pages_match_what_they_can_read(make_member, category, settings):
    settings.FORUM_POSTS_PER_PAGE = 3
    author = make_member("river", established_at=clock.now())
    moderator = make_member("mod_mo", role="moderator")
    thread = services.create_thread(category=category, author=author, title="Hi", body="Hello")
    posts = [
        services.create_post(thread=thread, author=author, body=f"Reply {n}") for n in range(6)
    ]
    review.hide_post(post=posts[5], by=moderator)
    services.create_post(thread=thread, author=author, body="a junkie")  # held
    # 1 opening + 5 visible replies shown: two pages of three, no empty third.
    html = Client().get(thread.get_absolute_url() + "?page=last").content.decode()
    assert "Reply 4" in html and "Reply 5" not in html and "junkie" not in html
    assert "?page=3" not in html


@pytest.mark.django_db
def test_reaction_counts_kept_on_the_post_stay_true(make_member, thread):
    from forum.models import Reaction

    members = [make_member(f"reader{n}") for n in range(3)]
    post = thread.posts.get()
    for member in members:
        services.toggle_reaction(post=post, member=member, kind="thanks")
    services.toggle_reaction(post=post, member=members[0], kind="hear")
    services.toggle_reaction(post=post, member=members[1], kind="thanks")  # taken back
    accounts.delete_account(member=members[2], remove_posts=False)

    post.refresh_from_db()
    for kind in Reaction.Kind.values:
        assert getattr(post, f"reactions_{kind}") == post.reactions.filter(kind=kind).count()
    assert (post.reactions_thanks, post.reactions_hear, post.reactions_helped) == (1, 1, 0)
    page = Client().get(thread.get_absolute_url()).content.decode()
    thanks = 'value="thanks" class="reaction" aria-pressed="false">Thank you'
    assert f'{thanks} <span class="reaction__count">1<' in page


@pytest.mark.django_db
def test_a_categorys_listed_threads_and_last_activity_stay_true(make_member, category):
    from django.db.models import Max

    from forum import prompts
    from forum.models import Category

    author = make_member("river", established_at=clock.now())
    moderator = make_member("mod_mo", role="moderator")

    def assert_true():
        listed = Thread.objects.visible_to(None).filter(category=category)
        fresh = Category.objects.get(pk=category.pk)
        assert fresh.thread_count == listed.count()
        assert fresh.last_activity_at == listed.aggregate(m=Max("last_activity_at"))["m"]

    first = services.create_thread(category=category, author=author, title="One", body="Hi")
    services.create_thread(category=category, author=author, title="junkies", body="Held")
    assert_true()
    services.create_post(thread=first, author=author, body="A reply moves it on.")
    assert_true()
    review.hide_post(post=first.posts.order_by("id").first(), by=moderator)
    assert_true()
    prompt = prompts.create_prompt(
        by=None, question="What helps?", framing="Tell us.", category=category
    )
    prompts.feature_now(prompt=prompt, by=None)
    assert_true()
    # Only the prompt's thread is listed now: the card on the home page says so.
    html = Client().get("/").content.decode()
    card = html.split(f'id="category-{category.pk}"')[1].split("</li>")[0]
    assert "1 thread" in card and "2 threads" not in card
