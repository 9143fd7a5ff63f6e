"""Settings shared by every environment. Everything that differs between machines comes from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.database import sqlite_options
from config.env import env_bool, env_int, env_list, env_str
from config.tz import use_pinned_tzdata

# Every entry point loads these settings (tests and the tasks worker included): zone computations use the pinned
# tzdata package from here on, whatever the operating system carries (core.time).
use_pinned_tzdata()

SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent

SECRET_KEY = env_str("SECRET_KEY", "django-insecure-majlis-development-only")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The public address of the site, used in e-mails, feeds and calendar invitations (`make run` sets it from HOST and
# PORT unless it is set).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "core",
    "cms",
    "members",
    "events",
    "payments",
    "partnerships",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django.contrib.humanize",  # allauth's passkey list uses it
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.offer.offer",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (or any database) by DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(sqlite_options(env_int("SQLITE_BUSY_TIMEOUT", 20)))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis by REDIS_URL, else local memory (one process only).
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "majlis"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "majlis"}}

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"

# django-allauth: e-mail is the login identifier; every login (site, Wagtail admin, Django admin) goes through it.
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "members.account_forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Reset by link, not by code: the link works when the e-mail is opened on another device (a phone),
# a code only in the browser that asked for it, and only for a few minutes.
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# allauth's defaults, with failed logins spelled out: 5 per address per 5 minutes, 10 a minute per IP address.
# They live in the default cache, which must be shared by every process (Redis) in production.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = env_str("SITE_NAME", "Majlis")
# Passkeys need HTTPS; fido2 already accepts http://localhost. Only for other plain-HTTP development hosts.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env_bool("MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Avatars are the default image, not fetched from gravatar.com: nothing at run time comes from another site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# Internationalisation: French first, English and Arabic (right to left).
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("ar", _("Arabic")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Arabic as written in Morocco: 24-hour times, French separators in numbers (site/config/formats/ar).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Casablanca"
CURRENCY = "MAD"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

# Static files and uploads.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail.
WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Majlis")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Background work: django-tasks. Immediate here; production uses the database backend and a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# The sender of every e-mail. An address alone ("no-reply@astec.ma") is sent under the association's name from the
# site settings ("ASTEC <no-reply@astec.ma>", core.mail.default_sender); a name given here ("ASTEC secretariat
# <no-reply@astec.ma>") is used as it is.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@majlis.localhost")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Stripe: card payments are offered only when the keys are set.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_str("STRIPE_API_BASE")

# Membership periods: how dues run for the whole association (see members/dues/periods.py).
# "calendar" (1 January – 31 December) or "anniversary" (one year from the day the member joins).
MEMBERSHIP_PERIOD = env_str("MEMBERSHIP_PERIOD", "calendar")
# Calendar periods only: a company joining during the year pays the remaining months ("prorata"), or the full fee
# ("next_year"), the period then running to the end of the next year when it joins from the month below on.
MEMBERSHIP_LATE_JOIN = env_str("MEMBERSHIP_LATE_JOIN", "prorata")
MEMBERSHIP_LATE_JOIN_FROM_MONTH = env_int("MEMBERSHIP_LATE_JOIN_FROM_MONTH", 10)
MEMBERSHIP_RENEWAL_WINDOW_DAYS = env_int("MEMBERSHIP_RENEWAL_WINDOW_DAYS", 60)
MEMBERSHIP_GRACE_DAYS = env_int("MEMBERSHIP_GRACE_DAYS", 30)
# Renewal reminders, in days before the end of a period (0: on the last day; negative: during grace).
MEMBERSHIP_REMINDER_DAYS = [int(days) for days in env_list("MEMBERSHIP_REMINDER_DAYS", ["30", "7", "0", "-15"])]
# Board posts: how many days before its expiry date the author is reminded (once).
PARTNERSHIPS_EXPIRY_REMINDER_DAYS = env_int("PARTNERSHIPS_EXPIRY_REMINDER_DAYS", 7)
# Event reservations awaiting payment: a bank transfer holds the seat this many working days (Monday to Friday)
# from the registration, instead of the event's hours for a card; the buyer is reminded once this many hours before
# the hold ends (events.payment_holds).
EVENTS_BANK_TRANSFER_HOLD_WORKING_DAYS = env_int("EVENTS_BANK_TRANSFER_HOLD_WORKING_DAYS", 3)
EVENTS_PAYMENT_REMINDER_HOURS = env_int("EVENTS_PAYMENT_REMINDER_HOURS", 24)
# The signed link to an order that e-mails give guests works until the payment deadline plus these days; a
# pro-forma invoice of an order without a deadline is valid for these days.
PAYMENTS_ORDER_LINK_MARGIN_DAYS = env_int("PAYMENTS_ORDER_LINK_MARGIN_DAYS", 7)
PAYMENTS_PROFORMA_VALIDITY_DAYS = env_int("PAYMENTS_PROFORMA_VALIDITY_DAYS", 30)

# Security defaults that hold everywhere; production.py adds HTTPS-only settings.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}


def with_page_cache(middleware: list[str]) -> list[str]:
    """The middleware with the page cache around it. A cached page is looked up as soon as the language is known
    (the key holds it): what comes after LocaleMiddleware (CSRF, the session's user, messages, allauth…) has
    nothing to add to an anonymous visitor's cached page, whose response headers were stored with it."""
    after_locale = middleware.index("django.middleware.locale.LocaleMiddleware") + 1
    return [
        "config.page_cache.UpdateCacheMiddleware",
        *middleware[:after_locale],
        "config.page_cache.FetchFromCacheMiddleware",
        *middleware[after_locale:],
    ]


# Page cache: whole pages for anonymous visitors, PAGE_CACHE_SECONDS long (0, the default, is off).
# Cleared when a page is published or unpublished; see config/page_cache.py.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
if PAGE_CACHE_SECONDS > 0:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "majlis") + "-pages"}
    if not REDIS_URL:
        CACHES["pages"]["LOCATION"] = "majlis-pages"
    CACHE_MIDDLEWARE_ALIAS = "pages"
    CACHE_MIDDLEWARE_SECONDS = PAGE_CACHE_SECONDS
    CACHE_MIDDLEWARE_KEY_PREFIX = ""
    MIDDLEWARE = with_page_cache(MIDDLEWARE)
    INSTALLED_APPS += ["config.page_cache.PageCacheConfig"]
