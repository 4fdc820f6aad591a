import pytest
from django.core.management import call_command

from forum.models import Category, Post, Thread
from forum.seed_data import CATEGORIES, DEMO_THREADS


@pytest.mark.django_db
def test_seed_adds_the_starter_categories_once(client):
    call_command("seed")
    call_command("seed")

    assert Category.objects.count() == len(CATEGORIES)
    html = client.get("/").content.decode()
    for name in (
        "Introductions",
        "Harm reduction and safer use",
        "Recovery in all its forms",
        "Practitioners&#x27; space",
        "Policy and what needs to change",
        "Grief and support",
    ):
        assert name in html
    assert Category.objects.get(slug="practitioners").who_can_start == "practitioners"


@pytest.mark.django_db
def test_seed_keeps_categories_a_moderator_has_changed():
    call_command("seed")
    Category.objects.filter(slug="introductions").update(description="Our own words")
    call_command("seed")
    assert Category.objects.get(slug="introductions").description == "Our own words"


@pytest.mark.django_db
def test_seed_demo_adds_demo_threads_once(client):
    call_command("seed", "--demo")
    call_command("seed", "--demo")

    assert Thread.objects.filter(opens_with_post=True).count() == len(DEMO_THREADS)
    expected_posts = sum(1 + len(replies) for *_, replies in DEMO_THREADS)
    assert Post.objects.count() == expected_posts
    thread = Thread.objects.get(title="Where to get naloxone without a prescription?")
    assert thread.reply_count == 2
    assert "Anonymous" in client.get(thread.get_absolute_url()).content.decode()
