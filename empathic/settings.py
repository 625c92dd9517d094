"""One settings module, driven by environment variables (see README "Configuration").

SQLite under ``var/`` is the zero-set-up default; ``DATABASE_URL`` switches to PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from empathic.conf.env import env_bool, env_int, env_list, env_str, secret_key
from empathic.conf.files import secure_sqlite_files, secure_var_dir

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("EMPATHIC_VAR_DIR", str(Path.cwd() / "var"))).resolve()
secure_var_dir(VAR_DIR)  # 700: the database and the secret key are the owner's alone

DEBUG = env_bool("EMPATHIC_DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("EMPATHIC_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("EMPATHIC_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("EMPATHIC_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "empathic.audit",
    "empathic.accounts",
    "empathic.core",
    "empathic.wellbeing",
    "empathic.conversations",
    "empathic.practice",
    "empathic.journal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # no-store on every response to a signed-in person (personal and client data).
    "empathic.core.middleware.PrivatePagesMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "empathic.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires, so it sees every failed sign-in.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "empathic.urls"
WSGI_APPLICATION = "empathic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "empathic.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_default_sqlite = f"sqlite:///{VAR_DIR / 'empathic.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _default_sqlite) or _default_sqlite,
        conn_max_age=env_int("EMPATHIC_DB_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the background analysis thread write while pages read.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        secure_sqlite_files(Path(DATABASES["default"]["NAME"]))  # 600, and so its -wal, -shm
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = env_int("EMPATHIC_INVITATION_VALID_DAYS", 14, minimum=1)

# Login rate limiting (django-axes): lock a username+address pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("EMPATHIC_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("EMPATHIC_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "empathic.accounts.lockout.attempted_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind N reverse proxies set EMPATHIC_TRUSTED_PROXY_COUNT=N: lock-out then uses the client's
# address from X-Forwarded-For (the N-th from the right, the one the proxies vouch for), not the
# proxy's. django-ipware is not used; the old name, EMPATHIC_AXES_IPWARE_PROXY_COUNT, still works.
TRUSTED_PROXY_COUNT = env_int(
    "EMPATHIC_TRUSTED_PROXY_COUNT",
    env_int("EMPATHIC_AXES_IPWARE_PROXY_COUNT", 0, minimum=0),
    minimum=0,
)
AXES_CLIENT_IP_CALLABLE = "empathic.core.client_ip.client_ip"

OTP_TOTP_ISSUER = env_str("EMPATHIC_OTP_ISSUER", "Empathic")
# Security changes (two-factor on/off, new device, new recovery codes) need a password entered
# this recently: at sign-in or on the re-authentication page.
REAUTH_MINUTES = env_int("EMPATHIC_REAUTH_MINUTES", 10, minimum=1)

# --- Security headers -----------------------------------------------------------------------
SECURE_TLS = env_bool("EMPATHIC_TLS", False)
SESSION_COOKIE_SECURE = SECURE_TLS
CSRF_COOKIE_SECURE = SECURE_TLS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("EMPATHIC_SESSION_HOURS", 12, minimum=1) * 3600
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A styled page that says the form expired and how to send it again (core/views_errors.py).
CSRF_FAILURE_VIEW = "empathic.core.views_errors.csrf_failure"
if SECURE_TLS:
    SECURE_SSL_REDIRECT = env_bool("EMPATHIC_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("EMPATHIC_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere: every asset is a static file served from 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("EMPATHIC_TIME_ZONE", "UTC")
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Serve straight from the app folders when collectstatic has not run (tests, development).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# --- Email ----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMPATHIC_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMPATHIC_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMPATHIC_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMPATHIC_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("EMPATHIC_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("EMPATHIC_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = env_str("EMPATHIC_FROM_EMAIL", "Empathic <empathic@localhost>")

# --- Wellbeing ------------------------------------------------------------------------------
# Team and organisation wellbeing aggregates need at least this many distinct respondents in a
# period; it can be raised but never set below 5.
WELLBEING_MIN_GROUP_SIZE = max(5, env_int("EMPATHIC_WELLBEING_MIN_GROUP_SIZE", 5, minimum=1))

# --- Conversations (empathic/conversations/README.md) --------------------------------------
# With CELERY_BROKER_URL set (e.g. redis://127.0.0.1:6379/0) Celery workers analyse uploads;
# without it the web process does, in a background thread ("thread"), or nobody does until
# `empathic manage process_conversations` runs ("manual"); "inline" analyses during the upload.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CONVERSATIONS_RUNNER = env_str("EMPATHIC_CONVERSATIONS_RUNNER", "thread")
CONVERSATIONS_LEASE_SECONDS = env_int("EMPATHIC_CONVERSATIONS_LEASE_SECONDS", 600, minimum=2)
# Limits on one conversation, so one upload cannot hold a worker or the memory: the file is
# refused before it is parsed when over the bytes, while it is parsed as soon as it crosses the
# turns, characters-in-a-turn or words, its analysis is stopped after the seconds, and a report
# page over the bytes is not sent. Why each default: empathic/analysis/transcripts/model.py
# (the CLI's defaults are the same, except 20 MB a file).
TRANSCRIPT_MAX_BYTES = env_int("EMPATHIC_TRANSCRIPT_MAX_BYTES", 5_000_000, minimum=10_000)
TRANSCRIPT_MAX_TURNS = env_int("EMPATHIC_TRANSCRIPT_MAX_TURNS", 5_000, minimum=2)
TRANSCRIPT_MAX_TURN_CHARS = env_int("EMPATHIC_TRANSCRIPT_MAX_TURN_CHARS", 10_000, minimum=100)
TRANSCRIPT_MAX_WORDS = env_int("EMPATHIC_TRANSCRIPT_MAX_WORDS", 40_000, minimum=100)
ANALYSIS_MAX_SECONDS = env_int("EMPATHIC_ANALYSIS_MAX_SECONDS", 900, minimum=10)
REPORT_MAX_BYTES = env_int("EMPATHIC_REPORT_MAX_BYTES", 15_000_000, minimum=100_000)
# Request bodies other than the transcript file (the pasted chat: at most 500,000 characters,
# 2 MB as UTF-8) are held in memory up to Django's default, stated here so it is not raised by
# accident; the transcript file has its own handler (conversations/uploads.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# An unacknowledged task goes back to the queue this long after its worker vanished; workers
# look for such tasks every interval x throttle seconds (kombu's Redis transport).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("EMPATHIC_CELERY_VISIBILITY_TIMEOUT", 900, minimum=1),
    "unacked_restore_interval": env_int("EMPATHIC_CELERY_RESTORE_INTERVAL", 10, minimum=1),
    "unacked_restore_throttle": env_int("EMPATHIC_CELERY_RESTORE_THROTTLE", 10, minimum=1),
}

# --- Caches ---------------------------------------------------------------------------------
_redis_url = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# A refused request (403, 404, CSRF) is one line naming the logger, method, path, user id and
# reason, without Django's traceback; a 500 keeps its traceback (empathic/core/log_filters.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "filters": {"refused_access": {"()": "empathic.core.log_filters.RefusedAccessFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"filters": ["refused_access"]},
        "django.security.csrf": {"filters": ["refused_access"]},
    },
    "root": {"handlers": ["console"], "level": env_str("EMPATHIC_LOG_LEVEL", "INFO")},
}
