"""For `bench/http.py --compression nginx`: the forum's settings without GZipMiddleware,
so nginx compresses pages instead (the comparison behind deploy/README.md's choice)."""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

MIDDLEWARE = [entry for entry in MIDDLEWARE if entry != "django.middleware.gzip.GZipMiddleware"]
