"""Django settings for MIMIS, read from the environment (see README, "Configuration").

MIMIS_ENV=development (the default) runs on an embedded SQLite database in MIMIS_DATA_DIR and creates
development secrets there on first use. MIMIS_ENV=production requires every secret explicitly and turns
on the secure defaults that ``mimis check --deploy`` looks for.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from mimis.config import (
    CONSOLE_EMAIL_BACKEND,
    ConfigError,
    email_settings_from_url,
    env_bool,
    env_choice,
    env_list,
    env_rate,
    env_str,
    env_url,
    operator_from_env,
    parse_key_encryption_key,
    secret_from_env_or_file,
)

PACKAGE_DIR = Path(__file__).resolve().parent

MIMIS_ENV = env_choice("MIMIS_ENV", ("development", "production"), "development")
PRODUCTION = MIMIS_ENV == "production"

DATA_DIR = Path(env_str("MIMIS_DATA_DIR", str(Path.cwd() / "data"))).expanduser().resolve()
if DATA_DIR.exists() and not DATA_DIR.is_dir():
    raise ConfigError("MIMIS_DATA_DIR", f"{DATA_DIR} exists and is not a folder.")

DEBUG = env_bool("MIMIS_DEBUG", False)
# Demo mode shows the demo banner and lets demo personas skip 2FA; never on in production.
DEMO_MODE = env_bool("MIMIS_DEMO", False)
if PRODUCTION and (DEBUG or DEMO_MODE):
    raise ConfigError("MIMIS_DEBUG" if DEBUG else "MIMIS_DEMO", "must be off when MIMIS_ENV=production.")

SECRET_KEY = secret_from_env_or_file(
    "MIMIS_SECRET_KEY", fallback_file=DATA_DIR / "secret_key", generate=not PRODUCTION
)
if PRODUCTION and len(SECRET_KEY) < 50:
    raise ConfigError("MIMIS_SECRET_KEY", "must be at least 50 characters long in production.")
MIMIS_KEY_ENCRYPTION_KEY = parse_key_encryption_key(
    "MIMIS_KEY_ENCRYPTION_KEY",
    secret_from_env_or_file(
        "MIMIS_KEY_ENCRYPTION_KEY", fallback_file=DATA_DIR / "key_encryption_key", generate=not PRODUCTION
    ),
)

MIMIS_BASE_URL = env_url(
    "MIMIS_BASE_URL", None if PRODUCTION else "http://127.0.0.1:8000", required=PRODUCTION
)
# Who runs this MIMIS (privacy notice, accessibility statement, contact page).
MIMIS_OPERATOR = operator_from_env(production=PRODUCTION)
ALLOWED_HOSTS = env_list(
    "MIMIS_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigError("MIMIS_ALLOWED_HOSTS", "is required in production (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = [MIMIS_BASE_URL] if MIMIS_BASE_URL else []
CSRF_FAILURE_VIEW = (
    "mimis.core.views.csrf_failure"  # a translated page in the layout, not Django's English one
)

_database_url = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'mimis.sqlite3'}")
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
except Exception as exc:  # dj-database-url raises several types for malformed URLs
    raise ConfigError("DATABASE_URL", f"is not a database URL MIMIS understands ({exc}).") from exc
if _database["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    raise ConfigError("DATABASE_URL", "must be a sqlite:/// or postgres:// URL.")
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["CONN_MAX_AGE"] = 0
    # WAL lets the web server and the background worker read while the other writes.
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    _database["TEST"] = {"NAME": None}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "mimis.core",
    "mimis.accounts",
    "mimis.audit",
    "mimis.taxonomy",
    "mimis.skills",
    "mimis.catalog",
    "mimis.quality",
    "mimis.issuing",
    "mimis.verification",
    "mimis.vcapi",
    "mimis.api",
    "mimis.wallet",
    "mimis.recognition",
    "mimis.matching",
    "mimis.insights",
    "mimis.validation",
    "mimis.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "mimis.core.middleware.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "mimis.api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "mimis.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mimis.urls"
WSGI_APPLICATION = "mimis.wsgi.application"

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
                "mimis.core.context_processors.mimis",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Throttling of failed log-ins (django-axes): 5 failures per e-mail and address lock out for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "mimis.accounts.throttling.username_for_throttling"
# The reverse proxy's addresses (IPs or networks, comma-separated): only from these is X-Forwarded-For
# believed, so that sign-ins are throttled per client, not per proxy (mimis.accounts.throttling).
MIMIS_TRUSTED_PROXIES = env_list("MIMIS_TRUSTED_PROXIES", [])
for _proxy in MIMIS_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ConfigError(
            "MIMIS_TRUSTED_PROXIES", f"holds {_proxy!r}, which is not an IP address or network."
        ) from exc
AXES_CLIENT_IP_CALLABLE = "mimis.accounts.throttling.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False

OTP_TOTP_ISSUER = "MIMIS"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
FORMAT_MODULE_PATH = ["mimis.formats"]  # English pages keep European day-month order
USE_TZ = True

STATIC_URL = "/static/"
# Production serves collected files (``mimis collectstatic``); elsewhere WhiteNoise reads the apps' folders.
_static_root = env_str("MIMIS_STATIC_ROOT", str(DATA_DIR / "static") if PRODUCTION else None)
STATIC_ROOT = Path(_static_root) if _static_root else None
MEDIA_ROOT = DATA_DIR / "files"
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
# Outside production WhiteNoise serves straight from the apps' static folders: no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

globals().update(
    email_settings_from_url("MIMIS_EMAIL_URL", env_str("MIMIS_EMAIL_URL", "console:") or "console:")
)
DEFAULT_FROM_EMAIL = env_str("MIMIS_EMAIL_FROM", "MIMIS <noreply@mimis.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if PRODUCTION and EMAIL_BACKEND == CONSOLE_EMAIL_BACKEND:  # type: ignore[name-defined] # noqa: F821
    raise ConfigError("MIMIS_EMAIL_URL", "must name a real mail server (smtp:// or smtps://) in production.")

TASKS = {
    "default": {
        "BACKEND": env_str("MIMIS_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
_redis_url = env_str("MIMIS_REDIS_URL")
if _redis_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("MIMIS_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# /healthz is probed over plain HTTP by load balancers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOG_LEVEL = env_choice("MIMIS_LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "mimis.core.logging.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "waitress": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
# Invitations to join an organisation are valid this long.
MIMIS_INVITATION_VALID_DAYS = 7
# Verifying: fetch did:web documents (and status lists) of issuers hosted elsewhere over HTTPS.
MIMIS_RESOLVE_REMOTE_DIDS = env_bool("MIMIS_RESOLVE_REMOTE_DIDS", False)
# Quality assurance: days a reviewer has for a review; the SeQF level from which a second reviewer is
# needed (0: never); how long an approval lasts before it must be renewed; how many days before that the
# provider is reminded; whether submissions go to reviewers automatically (round robin).
MIMIS_QA_REVIEW_DAYS = 14
MIMIS_QA_SECOND_REVIEWER_FROM_LEVEL = int(
    env_choice("MIMIS_QA_SECOND_REVIEWER_FROM_LEVEL", tuple("012345678"), "6")
)
MIMIS_QA_APPROVAL_DAYS = 3 * 365
MIMIS_QA_REMINDER_DAYS = 60
# Days before an MYH level decision expires that the provider is reminded to apply again.
MIMIS_LEVEL_DECISION_REMINDER_DAYS = 180
# With the semantic extra installed, a taxonomy import queues the skills' embeddings (about a minute of CPU).
MIMIS_SKILLS_EMBED_AFTER_IMPORT = True
MIMIS_QA_AUTO_ASSIGN = env_bool("MIMIS_QA_AUTO_ASSIGN", True)
# Skill suggestion from text: how often one person (through the pages, the API or a token) may ask.
MIMIS_SKILLS_SUGGEST_RATE = env_rate("MIMIS_SKILLS_SUGGEST_RATE", "30/minute")
# Regional insights (mimis.insights.disclosure): no published figure describes fewer people than this.
MIMIS_INSIGHTS_MIN_CELL = int(env_choice("MIMIS_INSIGHTS_MIN_CELL", tuple(str(n) for n in range(3, 21)), "5"))
# Uploaded job-ad files (JobTech JobStream / historical ads JSON): at most this many bytes and ads.
MIMIS_INSIGHTS_MAX_AD_FILE_BYTES = 20 * 1024 * 1024
MIMIS_INSIGHTS_MAX_ADS = 5_000
