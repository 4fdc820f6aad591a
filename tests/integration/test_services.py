"""The services named by DATABASE_URL and REDIS_URL are really the ones in use.

In CI the second run sets both; if either cannot be reached these fail, loudly.
"""

import os

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection


@pytest.mark.django_db
def test_database_is_the_one_configured():
    expected = (
        "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    )
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1


def test_cache_is_shared_storage_when_redis_is_configured():
    if os.environ.get("REDIS_URL"):
        assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    cache.set("integration-check", {"ok": [1, 2]}, 30)
    assert cache.get("integration-check") == {"ok": [1, 2]}


def test_channel_layer_delivers_a_group_message():
    layer = get_channel_layer()
    if os.environ.get("REDIS_URL"):
        assert type(layer).__name__ == "RedisChannelLayer"

    async def round_trip():
        channel = await layer.new_channel()
        await layer.group_add("integration-check", channel)
        await layer.group_send("integration-check", {"type": "check.message", "n": 7})
        message = await layer.receive(channel)
        await layer.group_discard("integration-check", channel)
        return message

    assert async_to_sync(round_trip)() == {"type": "check.message", "n": 7}
