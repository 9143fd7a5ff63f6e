"""Settings for the test suite: fast hasher, in-memory e-mail, immediate tasks."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "majlis-test-only-secret-key-not-for-production-use-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "majlis-test"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = SITE_URL = "http://testserver"
STRIPE_SECRET_KEY = STRIPE_PUBLISHABLE_KEY = STRIPE_WEBHOOK_SECRET = ""

# Demo and benchmark seeding: never installed in production, so production cannot run seed_demo.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
