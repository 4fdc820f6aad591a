"""Shared fixtures: small builders for members, categories, threads and posts."""

import itertools

import pytest
from hypothesis import settings as hypothesis_settings

# Speed is measured by the benchmarks, never by a test's clock: a loaded CI
# machine must not fail a property test for being slow.
hypothesis_settings.register_profile("forum", deadline=None)
hypothesis_settings.load_profile("forum")

_counter = itertools.count(1)


def pytest_collection_modifyitems(items):
    """Browser tests run last: they are the slowest, and Playwright keeps an
    event loop running in the main thread from its first test to the end."""
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: "/e2e/" in str(item.path))


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth's rate limits live in the cache; on Redis the cache outlives a
    # test, so each test starts from an empty one.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _roomy_rate_limits(request, settings):
    # Fixtures build many posts by one member in a moment; the rate limits
    # meant for people apply only where a test asks for them.
    if request.node.get_closest_marker("rate_limits") is None:
        settings.FORUM_RATE_LIMITS = dict.fromkeys(settings.FORUM_RATE_LIMITS, "100000/m")


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    # PBKDF2 is slow on purpose; the suite makes hundreds of members.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_member(db):
    from accounts.models import User

    def make(handle=None, password="a-long-passphrase", **fields):
        handle = handle or f"member{next(_counter)}"
        return User.objects.create_user(handle=handle, password=password, **fields)

    return make


@pytest.fixture
def member(make_member):
    return make_member("river")


@pytest.fixture
def make_category(db):
    from forum.models import Category

    def make(name=None, **fields):
        n = next(_counter)
        name = name or f"Category {n}"
        fields.setdefault("slug", f"category-{n}")
        return Category.objects.create(name=name, **fields)

    return make


@pytest.fixture
def category(make_category):
    return make_category("Harm reduction", slug="harm-reduction")


@pytest.fixture
def make_thread(db, make_member, category):
    from forum import services

    def make(*, author=None, title="Where to get naloxone?", body="Any tips?", **kwargs):
        kwargs.setdefault("category", category)
        return services.create_thread(
            author=author or make_member(), title=title, body=body, **kwargs
        )

    return make


@pytest.fixture
def thread(make_thread, member):
    return make_thread(author=member)
