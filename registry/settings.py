"""Settings of the cooperation registry.

Every value comes from the environment (see the table in README.md). Production is the default: ``DJANGO_DEBUG`` is
false unless set, and then the process refuses to start until a real ``SECRET_KEY`` and ``ALLOWED_HOSTS`` are given,
and HTTPS (redirect, HSTS, secure cookies) is on unless ``DJANGO_HTTPS=false`` opts out. ``make run`` and ``make
test`` set ``DJANGO_DEBUG=true``, which brings the development defaults: a SQLite file, local-memory cache, eager
Celery and the console e-mail backend.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # noqa: S105

env = environ.Env()
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])


def _refuse_unsafe_production_settings() -> None:
    """Stop start-up with a clear message when production lacks its secrets."""
    missing = []
    if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        missing.append("SECRET_KEY")
    if not ALLOWED_HOSTS:
        missing.append("ALLOWED_HOSTS")
    if missing:
        raise ImproperlyConfigured(
            f"DJANGO_DEBUG is false, so {' and '.join(missing)} must be set in the environment. "
            "See the environment table in README.md."
        )


if DEBUG:
    SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]
else:
    _refuse_unsafe_production_settings()

INSTALLED_APPS = [
    "modeltranslation",  # before the admin, which its translated-field admin builds on
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "qsessions",  # Django's sessions, with the user, address and browser of each, so users can list and end theirs
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_countries",
    "phonenumber_field",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
    "core",
    "contacts",
    "events",
    "recommendations",
    "registry",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files leave here, before anything below
    "core.headers.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.sessions.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.sessions.SessionLifetimeMiddleware",
    "core.two_factor.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks: turns a lockout into the lockout page
]

# Benchmarks (make bench): the Server-Timing header and a bare "hello" view; never in production.
BENCHMARK = env.bool("BENCHMARK", default=False)
if BENCHMARK:
    MIDDLEWARE.insert(0, "core.timing.ServerTimingMiddleware")

ROOT_URLCONF = "registry.urls"
WSGI_APPLICATION = "registry.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: a SQLite file unless DATABASE_URL names another (PostgreSQL in CI and production).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections (a new one costs about 2.5 ms a request), checked before reuse after a restart of the server.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("DATABASE_CONN_HEALTH_CHECKS", default=True)
# PostgreSQL's default random_page_cost (4) assumes spinning disks: on SSDs, or with the registry's tables in memory,
# it makes the planner scan 57,000 people rather than look up 2,800 by key (count and page of a common name: 74 ms
# against 29 ms at 100,000 people). Empty leaves the server's own setting.
RANDOM_PAGE_COST = env.str("DATABASE_RANDOM_PAGE_COST", default="1.1")
if RANDOM_PAGE_COST and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={float(RANDOM_PAGE_COST)}"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery broker: Redis when REDIS_URL is set, local memory and eager Celery otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis re-delivers an unacknowledged task after visibility_timeout; every task must finish well before it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TIMEZONE = "UTC"
# A broker restart must not stop the worker: reconnect for ever, at start-up too, and cancel (for a retry) the tasks
# whose acknowledgement the lost connection took with it, rather than run them twice (README, "Reminders").
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True

# --- Reminders (recommendations/reminders.py and delivery.py): thresholds in days, the hour of the daily sweep (UTC),
# the time limits of one send, and the recovery of rows whose task was lost or whose sender died.
REMINDER_DUE_SOON_DAYS = env.int("REMINDER_DUE_SOON_DAYS", default=14)
REMINDER_OVERDUE_REPEAT_DAYS = env.int("REMINDER_OVERDUE_REPEAT_DAYS", default=7)
REMINDER_NO_UPDATE_DAYS = env.int("REMINDER_NO_UPDATE_DAYS", default=90)
REMINDER_SWEEP_HOUR = env.int("REMINDER_SWEEP_HOUR", default=6)
REMINDER_SEND_TIME_LIMIT = env.int("REMINDER_SEND_TIME_LIMIT", default=90)  # a send's worker is killed after this
# A claim older than this is taken back: its sender is dead, since the time limit has killed it by then.
REMINDER_SENDING_LEASE_SECONDS = env.int("REMINDER_SENDING_LEASE_SECONDS", default=2 * REMINDER_SEND_TIME_LIMIT)
REMINDER_FORGOTTEN_SECONDS = env.int("REMINDER_FORGOTTEN_SECONDS", default=120)  # a pending row's task presumed lost
REMINDER_RECOVERY_SECONDS = env.int("REMINDER_RECOVERY_SECONDS", default=300)  # how often beat runs the recovery
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=5)
REMINDER_RETRY_BACKOFF_SECONDS = env.int("REMINDER_RETRY_BACKOFF_SECONDS", default=60)
REMINDER_DAILY_RETRIES = env.int("REMINDER_DAILY_RETRIES", default=7)  # later sweeps retry a failed row this often
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Uploaded documents and evidence (core/files.py): the largest file accepted; how the checked download is sent.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024))
SENDFILE_BACKEND = env.str("SENDFILE_BACKEND", default="django_sendfile.backends.simple")
SENDFILE_URL = "/protected-files"  # nginx's internal location for MEDIA_ROOT (registry/nginx.conf)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
OUTBOX_LEASE_SECONDS = env.int("OUTBOX_LEASE_SECONDS", default=180)  # a claimed e-mail's sender presumed dead after
OUTBOX_SEND_TIME_LIMIT = env.int("OUTBOX_SEND_TIME_LIMIT", default=90)  # under the lease: a dead sender is dead
OUTBOX_FORGOTTEN_SECONDS = env.int("OUTBOX_FORGOTTEN_SECONDS", default=60)  # a new e-mail's task presumed lost after
# Retention (registry/retention.py), in days; a daily beat task deletes older rows.
RETENTION_LOOKUP_LOG_DAYS = env.int("RETENTION_LOOKUP_LOG_DAYS", default=730)  # 24 months
RETENTION_EXPORT_LOG_DAYS = env.int("RETENTION_EXPORT_LOG_DAYS", default=1826)  # 5 years
RETENTION_SECURITY_LOG_DAYS = env.int("RETENTION_SECURITY_LOG_DAYS", default=730)  # 2 years
RETENTION_FINISHED_REMINDER_DAYS = env.int("RETENTION_FINISHED_REMINDER_DAYS", default=365)  # sent or failed
RETENTION_HOUR = env.int("RETENTION_HOUR", default=3)
RECONFIRMATION_LINK_DAYS = env.int("RECONFIRMATION_LINK_DAYS", default=30)
RECONFIRMATION_REMINDER_DAYS = env.int("RECONFIRMATION_REMINDER_DAYS", default=30)  # silent since the request
RECONFIRMATION_HIDE_DAYS = env.int("RECONFIRMATION_HIDE_DAYS", default=60)  # silent since the reminder
CELERY_BEAT_SCHEDULE = {
    "reminder-sweep": {
        "task": "recommendations.tasks.sweep_reminders",
        "schedule": crontab(hour=REMINDER_SWEEP_HOUR, minute=0),
    },
    "reminder-recovery": {
        "task": "recommendations.tasks.recover_reminders",
        "schedule": timedelta(seconds=REMINDER_RECOVERY_SECONDS),
    },
    "outbox-requeue": {
        "task": "core.tasks.requeue_outbound_email",
        "schedule": timedelta(seconds=REMINDER_RECOVERY_SECONDS),
    },
    "forget-old-uploads": {"task": "core.tasks.forget_old_uploads", "schedule": crontab(minute=17)},
    "retention": {"task": "registry.tasks.apply_retention", "schedule": crontab(hour=RETENTION_HOUR, minute=30)},
    "reconfirmation-sweep": {"task": "contacts.tasks.sweep_reconfirmations", "schedule": crontab(hour=7, minute=15)},
    "reconfirmation-digest": {
        "task": "contacts.tasks.send_reconfirmation_digest",
        "schedule": crontab(day_of_week="mon", hour=7, minute=45),
    },
}

# --- E-mail: console backend in development, SMTP from EMAIL_URL in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Without a timeout a server that accepts the connection and never answers holds a worker until its time limit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=EMAIL_CONFIG.get("EMAIL_TIMEOUT") or 30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="registry@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (README, "Security")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out user name or address before any password check
    "django.contrib.auth.backends.ModelBackend",
]

# HTTPS is on in production unless a deployment behind plain HTTP opts out with DJANGO_HTTPS=false.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The client address is taken from X-Forwarded-For only behind this many trusted reverse proxies (each appends the
# address it saw); with 0, the header is ignored and the address is the connection's. core/client.py reads it for
# the lockout, the security log and the sessions list; DRF reads the same number for its rate limits.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
if NUM_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Lockout (django-axes): failures count per user name and address together, per user name alone and per address
# alone, each with its own limit (core/lockout.py); after the cool-off the count starts again.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_USERNAME = env.int("LOGIN_FAILURE_LIMIT_PER_USERNAME", default=20)
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=50)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_HANDLER = "core.lockout.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "core.client.client_address"
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # refused tries while locked do not extend the lockout
AXES_SENSITIVE_PARAMETERS = ["password", "auth-password", "otp_token", "token-otp_token", "backup-otp_token", "otp"]
AXES_VERBOSE = False

# Two-factor authentication (django-otp, django-two-factor-auth): required for IOM staff and superusers, offered to
# everyone else, required for all with TWO_FACTOR_REQUIRED_FOR_ALL=true (core/two_factor.py).
TWO_FACTOR_REQUIRED_FOR_ALL = env.bool("TWO_FACTOR_REQUIRED_FOR_ALL", default=False)
OTP_TOTP_SYNC = False  # accept one 30-second step either side of the server's clock, never a drifting window
TWO_FACTOR_PATCH_ADMIN = False
LOGIN_URL = "login"

# API tokens (django-rest-knox): stored as hashes, named, expiring.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
    "TOKEN_MODEL": "core.ApiToken",
}
KNOX_TOKEN_MODEL = "core.ApiToken"  # noqa: S105 - a model name, not a secret
# knox's own token model is swapped for ours, but its migrations would still create its table (with a key to users
# that the test database flush cannot truncate): knox gets no migrations here, and so no table.
MIGRATION_MODULES = {"knox": None}

# Sessions: an absolute lifetime from login and an idle timeout, shorter for staff (core/sessions.py).
SESSION_ENGINE = "qsessions.backends.db"
SESSION_LIFETIME_HOURS = env.int("SESSION_LIFETIME_HOURS", default=12)
SESSION_COOKIE_AGE = SESSION_LIFETIME_HOURS * 3600
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_IDLE_MINUTES_STAFF = env.int("SESSION_IDLE_MINUTES_STAFF", default=15)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Contact reads (contacts/reads.py): distinct people whose contact details a member may read, per 24 hours and
# per 7 days; IOM staff have no budget. Staff are alerted at CONTACT_READS_ALERT_PERCENT of either and at 100 %.
CONTACT_READS_PER_DAY = env.int("CONTACT_READS_PER_DAY", default=60)
CONTACT_READS_PER_WEEK = env.int("CONTACT_READS_PER_WEEK", default=300)
CONTACT_READS_ALERT_PERCENT = env.int("CONTACT_READS_ALERT_PERCENT", default=80)

# Password reset: e-mails go out through Celery; requests are limited per e-mail address and per client address.
PASSWORD_RESET_RATE_PER_EMAIL = env.str("PASSWORD_RESET_RATE_PER_EMAIL", default="3/hour")
PASSWORD_RESET_RATE_PER_ADDRESS = env.str("PASSWORD_RESET_RATE_PER_ADDRESS", default="10/hour")

# Content-Security-Policy (django-csp): scripts and styles from this site only; no inline script, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Languages: English, French and Arabic from the start.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic")), ("pt", _("Portuguese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["registry.formats"]  # one date and one date-time format per language (registry/formats/)
# Names of the terms staff edit (themes, programmes, legal instruments: events/translation.py) in every language of
# LANGUAGES, each falling back to English, which the admin requires.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# A name given without its language (Theme(name=...), on a page in any language) is the English one too.
MODELTRANSLATION_AUTO_POPULATE = "required"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static and uploaded files
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
SENDFILE_ROOT = str(MEDIA_ROOT)
STORAGES = {
    "default": {"BACKEND": "core.files.ProtectedStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Domain libraries
PHONENUMBER_DEFAULT_FORMAT = "E164"
PHONENUMBER_DB_FORMAT = "E164"
COUNTRIES_FIRST = ["EG", "MA", "TN"]

REST_FRAMEWORK = {
    # Token first, so that an unauthenticated client gets 401 with a WWW-Authenticate header rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.MembersReadStaffWrite"],
    # Bodies are JSON; the two operations that take a file (documents, progress with evidence) take multipart only
    # (their views say so). One content type per operation: generated clients send what the schema declares, and an
    # omitted field means the same to every caller.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["core.api.backends.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttles.AnonThrottle", "core.api.throttles.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="60/minute"),
        "user": env.str("API_USER_RATE", default="1200/minute"),
        "login": env.str("API_LOGIN_RATE", default="10/minute"),
        "password_reset_email": PASSWORD_RESET_RATE_PER_EMAIL,
        "password_reset_address": PASSWORD_RESET_RATE_PER_ADDRESS,
        "reconfirmation_email": PASSWORD_RESET_RATE_PER_EMAIL,
        "reconfirmation_address": PASSWORD_RESET_RATE_PER_ADDRESS,
    },
    "NUM_PROXIES": NUM_PROXIES,
    "PAGE_SIZE": 50,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Cooperation registry API",
    "DESCRIPTION": "Events, counterparts and recommendation follow-up. What each caller sees follows their role. "
    "Start with the [API guide](/api/v1/guide/): tokens, pagination, filters, errors, rate limits and a worked "
    "example.",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # The interactive docs load their scripts from our own static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_error_responses",
        "core.api.schema.document_ordering",
        "core.api.schema.share_parameter_enums",
        "core.api.examples.add_examples",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "core.api.schema.country_choices",
        "EventStatusEnum": "events.choices.EventStatus",
        "FollowUpStatusEnum": "recommendations.choices.FollowUpStatus",
        "ReminderStatusEnum": "recommendations.choices.ReminderStatus",
        "PersonVisibilityEnum": "contacts.choices.Visibility",
        "DocumentVisibilityEnum": "events.choices.DocumentVisibility",
        "RoleEnum": "contacts.choices.RoleCode",
        "ExpertiseEnum": "contacts.choices.ExpertiseCode",
        "ChannelEnum": "contacts.choices.ChannelCode",
        "LanguageCodeEnum": "contacts.models.language_choices",
        "PillarEnum": "events.choices.PillarCode",
        "TreatyActionEnum": "events.choices.TreatyAction",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # axes writes a line per attempt, user names included; the security log (core.SecurityEvent) keeps what matters.
    # WeasyPrint (core/pdf.py) logs each step of every PDF at INFO; its warnings (a URL refused, CSS it ignores) do.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}
