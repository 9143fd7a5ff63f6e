"""The demo app seeds development machines and benchmarks; production never has it."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent.parent


def installed_apps_under(settings_module: str, **env) -> list[str]:
    script = "import django; from django.conf import settings; django.setup(); print(','.join(settings.INSTALLED_APPS))"
    result = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path[:0] = ['.', 'site']; {script}"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": settings_module, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().split(",")


def test_the_test_settings_have_the_demo_app_and_its_commands():
    assert "demo" in settings.INSTALLED_APPS
    assert get_commands()["seed_demo"] == "demo"


def test_production_settings_do_not_install_the_demo():
    apps = installed_apps_under(
        "config.settings.production",
        SECRET_KEY="a-production-secret-key-for-this-test-only-0123456789-abcdefghij",
        ALLOWED_HOSTS="majlis.example",
        DATABASE_URL="sqlite:////tmp/majlis-production-settings-test.sqlite3",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert "members" in apps
    assert "demo" not in apps


def test_development_settings_install_the_demo():
    assert "demo" in installed_apps_under("config.settings.dev")
