"""Settings for Microfuture Hub, read from the environment.

Every setting that differs between a laptop and production comes from an environment
variable, and a bad value stops the process at start-up with a message that names the
variable (healthchecks' hc/settings.py is the model). Defaults are for development:
an embedded SQLite database under var/ and e-mail printed to the console.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Lets admin classes be written with type parameters (ModelAdmin[Club]) for mypy.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1 (or true/false), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (use a long random string)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
elif not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters in production.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names in production."
    )

INSTALLED_APPS = [
    "microfuture.web",
    "microfuture.accounts",
    "microfuture.ledger",
    "microfuture.clubs",
    "microfuture.finder",
    "microfuture.practices",
    "microfuture.network",
    "microfuture.guides",
    "microfuture.impact",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "microfuture.web.head.HeadAsGetMiddleware",
    "microfuture.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "microfuture.api.ApiErrorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "microfuture.kernel.request_memo.RequestMemoMiddleware",
    "microfuture.web.cache_control.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "microfuture.bounds.NulInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "microfuture.urls"
WSGI_APPLICATION = "microfuture.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            # |number, |year, |day and |moment on every page, loaded or not (docs/formats.md).
            "builtins": ["microfuture.web.templatetags.numbers"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

_default_db = f"sqlite:///{BASE_DIR / 'var' / 'microfuture.sqlite3'}"
_database_url = os.environ.get("DATABASE_URL") or _default_db
try:
    _db = dj_database_url.parse(_database_url, conn_max_age=60)
except Exception as exc:  # dj_database_url raises several types; any of them is a bad value
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if _db.get("ENGINE") not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging: a page that writes (the finder's usage counts, a session) no longer
    # locks out every reader while it commits, and a commit syncs one file, not two
    # (docs/performance.md, "Pages under load"). `synchronous` stays FULL: a committed payment
    # survives a power cut.
    _db["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20,
                      "init_command": "PRAGMA journal_mode=WAL;"}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Sign-in throttle (docs/security.md): django-axes, counted in the database, for every path
# that calls `authenticate` (our sign-in page and the admin's). Failed sign-ins allowed per
# account name from one client address, and per client address across all names, within the
# cool-off below; a success clears only its own account's count from that address.
LOGIN_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("DJANGO_LOGIN_FAILURE_WINDOW", 15 * 60)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "microfuture.accounts.throttle.SignInThrottleHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = "microfuture.accounts.throttle.failure_limit"
AXES_COOLOFF_TIME = "microfuture.accounts.throttle.cool_off"
AXES_RESET_ON_SUCCESS = True  # our handler resets only the signed-in name's own count
AXES_USERNAME_CALLABLE = "microfuture.accounts.throttle.attempted_name"
AXES_CLIENT_IP_CALLABLE = "microfuture.accounts.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "microfuture.accounts.throttle.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not logged: less data kept about people
AXES_VERBOSE = False
#: Behind our reverse proxy the client is the right-most X-Forwarded-For address (the one the
#: proxy added); without a proxy that header is whatever the client sent, so it is ignored.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "en"
LANGUAGES = [("sl", _("Slovenian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Ljubljana"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
# One short date format per language and our number marks (docs/formats.md).
FORMAT_MODULE_PATH = ["microfuture.formats"]
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
# Where `collectstatic` puts the files whitenoise serves when debug is off.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "var" / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The site's own address, for links in mail sent outside a request (daily commands such as
# send_action_reminders); pages build theirs from the request.
SITE_URL = os.environ.get("MICROFUTURE_SITE_URL", "http://localhost:8000").rstrip("/")

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Microfuture Hub <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write to use their data-protection rights (shown on the privacy page).
PRIVACY_CONTACT_EMAIL = os.environ.get("DJANGO_PRIVACY_CONTACT_EMAIL", "")

# Security headers. Cookies are secure and HTTPS is enforced whenever DEBUG is off;
# `manage.py check --deploy` is clean with DJANGO_DEBUG=0 (tested).
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# A one-machine demo over plain HTTP on the loopback address (`make serve` sets this when it
# binds to 127.0.0.1/::1/localhost): no HTTPS redirect, no HSTS, cookies without the Secure
# flag, or nobody could sign in. Never with a proxy or a public host (docs/deployment.md).
if env_bool("DJANGO_INSECURE_LOCAL_HTTP", False):
    if env_bool("DJANGO_BEHIND_PROXY", False):
        raise ImproperlyConfigured(
            "DJANGO_INSECURE_LOCAL_HTTP is for a loopback demo only; unset it behind a proxy."
        )
    _loopback = {"127.0.0.1", "localhost", "[::1]", "::1"}
    _not_loopback = [h for h in ALLOWED_HOSTS if h not in _loopback]
    if _not_loopback:
        raise ImproperlyConfigured(
            "DJANGO_INSECURE_LOCAL_HTTP is for a loopback demo only; DJANGO_ALLOWED_HOSTS "
            f"names {', '.join(_not_loopback)}."
        )
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = False
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False

# Everything is served from our own origin: no CDN, no third-party tiles or fonts.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

NINJA_PAGINATION_PER_PAGE = 50

# The largest file an import accepts (the journal, on its page and by the API): larger ones
# are answered 413, nothing stored. The API carries the file inside JSON, where escaping can
# double it, so a request body may be twice that (Django's default, 2.5 MB, would refuse a
# 3 MB journal by the API with a 400 while the page took 5 MB).
IMPORT_MAX_BYTES = env_int("DJANGO_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * IMPORT_MAX_BYTES + 64 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
