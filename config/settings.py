"""Settings for Common Ground, read once from the environment.

With no environment at all (and DEBUG on) the forum runs on SQLite in WAL mode
and the in-memory channel layer in one process. `DATABASE_URL` and `REDIS_URL`
move it onto PostgreSQL and Redis so that several processes can serve it.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long "
            "random string (for example: python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), or set DEBUG=true for local development."
        )
    # Only ever used with DEBUG on, on a developer's own machine.
    SECRET_KEY = "development-only-not-secret-" + "x" * 32

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# The origins browsers load the site from ("https://forum.example.org"), when
# a proxy in front changes scheme or port. Sockets opened from any other
# origin are refused. Empty: the address each socket was opened on.
SITE_ORIGINS = env_list("SITE_ORIGINS", "")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "allauth",
    "allauth.account",
    "csp",
    "accounts",
    "forum",
    "moderation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (WhiteNoise, above, serves static files precompressed).
    # Django's own, because it adds random padding against BREACH; nginx's
    # gzip does not. Above everything else that reads or writes the body.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default, anything dj-database-url reads otherwise.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets readers carry on while one writer writes; IMMEDIATE
                # takes the write lock at BEGIN so concurrent writers queue
                # instead of failing with "database is locked" mid-transaction.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Keep connections open: closing the last one makes SQLite checkpoint
            # the WAL to disk, which stalls the request that happens to do it.
            "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "600")),
            "CONN_HEALTH_CHECKS": True,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Real time and cache: Redis when REDIS_URL is set, in-process otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    from redis.backoff import NoBackoff
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.retry import Retry

    # After Redis restarts, every pooled connection is dead; without this each
    # one fails a command once before redis-py notices. One quick retry on a
    # fresh connection instead.
    REDIS_RETRY = {"retry_on_error": [RedisConnectionError]}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py refuses, rather than waits, once a pool is full (100 by
                # default): a burst of readers joining at once needs more.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "max_connections": int(os.environ.get("REDIS_MAX_CONNECTIONS", "1000")),
                        **REDIS_RETRY,
                    }
                ],
                "prefix": "commonground",
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "commonground",
            # Posting reads the cache (rate limits): a stuck Redis answers
            # nothing, so each call gives up after 0.2 s (no second try on a
            # time-out; one on a dead connection) instead of waiting for it.
            "OPTIONS": {
                "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
                "socket_timeout": 0.2,
                "socket_connect_timeout": 0.2,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts: a handle and a password are enough; email is optional, for recovery.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        # The handle is the username here: a password close to it is refused.
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["handle", "email"]},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "forum:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "forum:home"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm", "login": "accounts.forms.LoginForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = "handle"
ACCOUNT_LOGIN_METHODS = {"username"}
# The password is asked twice: with no email there may be no way to recover it.
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
# Handles that would confuse (an "Anonymous" member) or clash with pages.
ACCOUNT_USERNAME_BLACKLIST = [
    "anonymous",
    "deleted",
    "deleted-member",
    "deleted_member",
    "settings",
    "admin",
    "moderator",
    "moderators",
    "mod",
    "commonground",
    "common-ground",
    "system",
    "staff",
]
ACCOUNT_PRESERVE_USERNAME_CASING = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# allauth's rate limits, stated so they are seen. No IP address is used: the
# account adapter gives every visitor the same placeholder address, so an
# "/ip" rate here is a limit for the whole site, and sign-in failures are
# counted per handle ("/key"). The admin signs in through these same pages.
ACCOUNT_RATE_LIMITS = {
    # Failed sign-ins per handle: 5 in 5 minutes, then a wait.
    "login_failed": "5/5m/key",
    # allauth's per-"ip" default for sign-in attempts would be site-wide here.
    "login": "",
    "signup": os.environ.get("RATE_LIMIT_SIGNUPS", "30/m/ip"),
    "reset_password": "5/m/key",
    "reset_password_from_key": "60/m/ip",
    "request_login_code": "3/m/key",
    "verify_phone": "1/30s/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    # Recovery codes (accounts.recovery): per handle and per session, never per IP.
    "recover_with_code": "5/5m/key",
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Common Ground <noreply@localhost>")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Hashed, compressed files in production (after collectstatic); plain files,
# served straight from static/, while developing and testing.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
# STATIC_ROOT moves the collected files, e.g. where nginx serves them from.
STATIC_ROOT = (
    Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles") if STATIC_MANIFEST else None
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Behind HTTPS (the default once DEBUG is off): secure cookies, redirects to
# https and HSTS. HTTPS=false serves plain http, for tests and local trials.
HTTPS = env_bool("HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
# Set when a proxy terminates TLS and says so in X-Forwarded-Proto (deploy/nginx/).
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A monitor may ask a process for /healthz directly, over plain http.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# No page here needs a camera, a microphone, a location or any other powerful
# feature, and none may be used to group visitors for advertising.
_NO_FEATURES = [
    "accelerometer", "ambient-light-sensor", "autoplay", "browsing-topics", "camera",
    "display-capture", "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid",
    "interest-cohort", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
]  # fmt: skip
PERMISSIONS_POLICY = {feature: [] for feature in _NO_FEATURES}

# Everything comes from this site: no CDN, fonts, analytics or inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Forum limits, in characters.
FORUM_TITLE_MAX_LENGTH = 150
FORUM_POST_MAX_LENGTH = int(os.environ.get("FORUM_POST_MAX_LENGTH", "20000"))
FORUM_THREADS_PER_PAGE = 25
FORUM_POSTS_PER_PAGE = 20
PROMPT_SUGGESTIONS_PER_DAY = int(os.environ.get("PROMPT_SUGGESTIONS_PER_DAY", "3"))
FLAGS_PER_HOUR = int(os.environ.get("FLAGS_PER_HOUR", "10"))

# New members: until both NEW_MEMBER_DAYS have passed and NEW_MEMBER_POSTS of
# theirs are up (or a moderator lifts it), their links wait for a moderator,
# they post more slowly and flag less.
NEW_MEMBER_DAYS = int(os.environ.get("NEW_MEMBER_DAYS", "3"))
NEW_MEMBER_POSTS = int(os.environ.get("NEW_MEMBER_POSTS", "5"))
# Flags from this many different established members hide a post until a
# moderator looks ("someone may be at risk" flags never hide anything).
COMMUNITY_HIDE_FLAGS = int(os.environ.get("COMMUNITY_HIDE_FLAGS", "3"))

# Rate limits per member ("count/period", period s, m, h or d), shared by the
# pages and the sockets and kept in the cache (Redis when REDIS_URL is set).
# Keys are member ids or session keys, never IP addresses.
FORUM_RATE_LIMITS = {
    "reply": os.environ.get("RATE_LIMIT_REPLIES", "8/m"),
    "thread": os.environ.get("RATE_LIMIT_THREADS", "4/h"),
    "edit": os.environ.get("RATE_LIMIT_EDITS", "20/m"),
    # New members (see NEW_MEMBER_DAYS) post and flag more slowly.
    "reply_new": os.environ.get("RATE_LIMIT_REPLIES_NEW", "3/m"),
    "thread_new": os.environ.get("RATE_LIMIT_THREADS_NEW", "1/h"),
    "flag_new": os.environ.get("RATE_LIMIT_FLAGS_NEW", "3/d"),
    # The composer's wording check, per member or visitor session...
    "check": os.environ.get("RATE_LIMIT_CHECKS", "40/m"),
    # ...and one allowance shared by visitors who have no session at all.
    "check_visitors": os.environ.get("RATE_LIMIT_VISITOR_CHECKS", "300/m"),
    # Composers keep a member's draft about a second after they stop typing.
    "draft": os.environ.get("RATE_LIMIT_DRAFTS", "60/m"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Language policy for medium findings (labels such as "addict"): "nudge_and_flag"
# publishes, nudges the author and adds an automatic flag to the review queue;
# "nudge" only nudges. Slurs are always held; low findings only ever nudge.
MODERATION_MEDIUM_ACTION = os.environ.get("MODERATION_MEDIUM_ACTION", "nudge_and_flag")
if MODERATION_MEDIUM_ACTION not in {"nudge_and_flag", "nudge"}:
    raise ImproperlyConfigured('MODERATION_MEDIUM_ACTION must be "nudge_and_flag" or "nudge".')

# Live updates over WebSockets.
LIVE_FRAME_MAX_CHARS = FORUM_POST_MAX_LENGTH + 2000  # a reply frame, with room for JSON
LIVE_TYPING_INTERVAL = 3.0  # seconds between "someone is replying" signals per connection
LIVE_PRESENCE_DELAY = 1.0  # seconds; reader counts are sent at most this often
LIVE_RESUME_LIMIT = 100  # posts sent on resume; beyond that the page asks for a reload
# A post never waits long on the channel layer: a send gives up after
# LIVE_SEND_TIMEOUT seconds, and while the layer is down events are held (at
# most LIVE_OUTBOX_LIMIT) and retried every LIVE_SEND_RETRY seconds.
LIVE_SEND_TIMEOUT = float(os.environ.get("LIVE_SEND_TIMEOUT", "0.5"))
LIVE_SEND_RETRY = 1.0
LIVE_OUTBOX_LIMIT = 10_000
# Each open thread page holds a seat in the reader count that expires unless
# its connection renews it (every LIVE_PRESENCE_HEARTBEAT seconds), so a
# crashed process or a lost Redis never leaves readers counted who are gone.
LIVE_PRESENCE_TTL = 30.0
LIVE_PRESENCE_HEARTBEAT = 10.0
