"""Settings for a developer's machine: `make run`."""

from config.env import env_bool, env_str

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Demo and benchmark seeding: never installed in production, so production cannot run seed_demo.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
