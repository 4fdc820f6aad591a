"""Objects' addresses, reversed once per URL pattern rather than once per link.

A thread page links each post, author and form many times over; Django's
`reverse()` walks the URL patterns every time. Here each pattern is reversed
once (per script prefix) with a placeholder, and the value put in after.
"""

from functools import cache
from urllib.parse import quote

from django.urls import get_script_prefix, reverse

_PLACEHOLDER = "9876543210"


@cache
def _pattern(name: str, prefix: str) -> str:
    return reverse(name, args=[_PLACEHOLDER])


def address(name: str, value) -> str:
    """`reverse(name, args=[value])`, cheaply."""
    return _pattern(name, get_script_prefix()).replace(_PLACEHOLDER, quote(str(value)), 1)
