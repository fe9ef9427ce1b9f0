"""fugong settings: every value comes from the environment through fugong.core.env.

SQLite needs no variable at all; DATABASE_URL switches to PostgreSQL, REDIS_URL moves the task
queue to Redis, FUGONG_ENV=production turns on the deployment hardening.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from fugong.core.env import ConfigError, envbool, envchoice, envint, envlist, envsecret, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("FUGONG_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = envchoice("FUGONG_ENV", "development", {"development", "production", "test"})
PRODUCTION = ENVIRONMENT == "production"
DEBUG = envbool("FUGONG_DEBUG", default=ENVIRONMENT == "development")

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ConfigError("SECRET_KEY (or SECRET_KEY_FILE) must be set when FUGONG_ENV=production")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "django_tables2",
    "ninja",  # serves the Swagger UI of /api/docs locally, not from a CDN
    "auditlog",
    "huey.contrib.djhuey",
    "axes",
    "fugong.core",
    "fugong.org",
    "fugong.people",
    "fugong.accounts",
    "fugong.oversight",
    "fugong.epidemic",
    "fugong.resumption",
    "fugong.dailyreport",
    "fugong.audit",
    "fugong.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fugong.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "fugong.core.throttle.ThrottledMiddleware",
]

ROOT_URLCONF = "fugong.urls"
WSGI_APPLICATION = "fugong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "fugong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "fugong.core.context_processors.navigation",
            ],
        },
    }
]

# --- database -------------------------------------------------------------------------------
_database_url = envstr("DATABASE_URL")
# Every SQLite database, the default file or one named by DATABASE_URL (the bench's):
_SQLITE_OPTIONS = {
    # WAL lets the web server and the worker read while one of them writes.
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    # A transaction takes the write lock at its BEGIN: what it read stays true until it
    # commits (core.events reads the stored keys, then inserts the others).
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    if not DATABASES["default"]["ENGINE"].endswith(("postgresql", "sqlite3")):
        raise ConfigError(f"DATABASE_URL must point to PostgreSQL or SQLite, not {_database_url!r}")
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        DATABASES["default"]["OPTIONS"] = dict(_SQLITE_OPTIONS)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "fugong.sqlite3"),
            "OPTIONS": dict(_SQLITE_OPTIONS),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): after this many failures for one username from one address the
# login is refused for the cool-off period.
AXES_ENABLED = envbool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = envint("FUGONG_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = envint("FUGONG_LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# --- client address behind a proxy ----------------------------------------------------------
# Production runs behind TLS termination, so REMOTE_ADDR is the proxy's address. When the proxy
# is trusted to set a header, name it here: X-Real-IP (the proxy's whole value) or
# X-Forwarded-For (its right-most address, the one the trusted proxy appended; what is left of
# it came from the client and can be forged). Unset, only REMOTE_ADDR is believed and a client's
# own header is ignored. Read by fugong.core.views.client_ip, which the PII access log and
# login throttling (django-axes, through AXES_CLIENT_IP_CALLABLE) both use.
FUGONG_TRUSTED_PROXY_HEADER = envchoice(
    "FUGONG_TRUSTED_PROXY_HEADER", "", {"X-Forwarded-For", "X-Real-IP"}
)
AXES_CLIENT_IP_CALLABLE = "fugong.core.views.client_ip"

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "fugong" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Outside production the files are served straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "fugong" / "static"]
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; keep default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    # Behind TLS the cookies travel only over https. `make run` serves plain http on the
    # loopback (SECURE_COOKIES=0, SECURE_SSL_REDIRECT=0), where a Secure cookie would never
    # come back and every login would fail its CSRF check.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- cache ----------------------------------------------------------------------------------
# Shared by every web worker, so a per-user count (the search throttle) holds across gunicorn
# processes: files under VAR_DIR need no set-up step and add no writes to a SQLite database;
# with REDIS_URL (several machines) the Redis that carries the task queue.
_redis_url = envstr("REDIS_URL")
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- background tasks (Huey: SQLite file by default, Redis when REDIS_URL is set) ------------
# Immediate mode (a task runs inside the call that enqueues it) is off everywhere unless asked
# for: in tests the `huey_immediate` fixture turns it on for the tests of tasks, so a test that
# enqueues without it sees the task wait instead of silently running.
HUEY = {
    "name": "fugong",
    "immediate": envbool("HUEY_IMMEDIATE", default=False),
    "utc": False,
    "consumer": {"workers": envint("HUEY_WORKERS", 2, minimum=1), "worker_type": "thread"},
}
if ENVIRONMENT == "test":
    # Tasks a test enqueues wait in memory, never in a queue that a running consumer reads.
    HUEY.update({"huey_class": "huey.MemoryHuey"})
elif _redis_url:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": _redis_url})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")})

# --- application ----------------------------------------------------------------------------
PAGE_SIZE = envint("FUGONG_PAGE_SIZE", 25, minimum=1)
# The empty choice of every select filter reads "全部", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("All")
ROSTER_MAX_ROWS = envint("FUGONG_ROSTER_MAX_ROWS", 20000, minimum=1)
# An uploaded roster waits this long for its preview to be confirmed.
ROSTER_UPLOAD_KEEP_MINUTES = envint("FUGONG_ROSTER_UPLOAD_KEEP_MINUTES", 60, minimum=1)
# A directory export of more rows runs in the background (openpyxl takes ~130 µs a row), and no
# export may have more than the cap; a background export's file is kept this many hours.
ROSTER_EXPORT_BACKGROUND_ROWS = envint("FUGONG_EXPORT_BACKGROUND_ROWS", 5000, minimum=1)
ROSTER_EXPORT_MAX_ROWS = envint("FUGONG_EXPORT_MAX_ROWS", 200000, minimum=1)
ROSTER_EXPORT_KEEP_HOURS = envint("FUGONG_EXPORT_KEEP_HOURS", 24, minimum=1)
# Number searches (a whole or longer part of an ID number or phone) per user in the window;
# beyond the limit the search answers 429 (see fugong.people.search).
FUGONG_SEARCH_PROBE_LIMIT = envint("FUGONG_SEARCH_PROBE_LIMIT", 30, minimum=1)
FUGONG_SEARCH_PROBE_WINDOW = envint("FUGONG_SEARCH_PROBE_WINDOW", 600, minimum=1)
# Typed ID numbers at a checkpoint that match nobody in its scope, per operator or terminal and
# window: a typo now and then, never a sweep of guesses that would unmask IDs (DESIGN §5).
FUGONG_CHECKPOINT_ID_MISS_LIMIT = envint("FUGONG_CHECKPOINT_ID_MISS_LIMIT", 20, minimum=1)
AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A 403 or 404 is one line (who asked for what); a 500 keeps its traceback.
    "filters": {"short_client_errors": {"()": "fugong.core.log_filters.ShortClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["short_client_errors"]},
    },
}

# --- daily reports (fugong.dailyreport) -----------------------------------------------------
# The reminder for missing 日报 goes out at this local time (before the 12:00 deadline).
DAILYREPORT_REMINDER_HOUR = envint("FUGONG_REPORT_REMINDER_HOUR", 10, minimum=0)
DAILYREPORT_REMINDER_MINUTE = envint("FUGONG_REPORT_REMINDER_MINUTE", 0, minimum=0)
if DAILYREPORT_REMINDER_HOUR > 23 or DAILYREPORT_REMINDER_MINUTE > 59:
    raise ConfigError("FUGONG_REPORT_REMINDER_HOUR must be 0-23 and ..._MINUTE 0-59")
# Cross-checks: a report is flagged when staff on duty differs from the gate or positioning
# count by more than this many people AND more than this percentage of the larger figure.
DAILYREPORT_CROSSCHECK_ABSOLUTE = envint("FUGONG_REPORT_CROSSCHECK_ABSOLUTE", 5, minimum=0)
DAILYREPORT_CROSSCHECK_PERCENT = envint("FUGONG_REPORT_CROSSCHECK_PERCENT", 10, minimum=0)
