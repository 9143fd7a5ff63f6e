import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return run_manage(env_overrides, "check", *args)


def run_manage(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE must never reach a deployment check: it is for browser tests only.
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "STATIC_ROOT"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"ALLOWED_HOSTS": "majlis.example.ma"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_required_settings(env, missing):
    result = run_check(env)
    assert result.returncode != 0
    assert f"The {missing} environment variable is required in production." in result.stderr


def test_production_settings_pass_the_deploy_checks():
    result = run_check(
        {"SECRET_KEY": "k3y-" + "a1B2c3D4e5" * 6, "ALLOWED_HOSTS": "majlis.example.ma"},
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def read_setting(name: str, env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    """Import the base settings in a fresh interpreter with these environment variables, and print one setting."""
    env = {k: v for k, v in os.environ.items() if k != name}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", f"from config.settings import base; print(repr(base.{name}))"],
        cwd=ROOT / "site",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("value", "expected"), [(None, "7"), ("14", "14")])
def test_board_expiry_reminder_days_come_from_the_environment(value, expected):
    env = {} if value is None else {"PARTNERSHIPS_EXPIRY_REMINDER_DAYS": value}

    result = read_setting("PARTNERSHIPS_EXPIRY_REMINDER_DAYS", env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_board_expiry_reminder_days_must_be_a_whole_number():
    result = read_setting("PARTNERSHIPS_EXPIRY_REMINDER_DAYS", {"PARTNERSHIPS_EXPIRY_REMINDER_DAYS": "a week"})

    assert result.returncode != 0
    assert "PARTNERSHIPS_EXPIRY_REMINDER_DAYS must be a whole number, not 'a week'." in result.stderr


def test_production_static_root_comes_from_the_environment(tmp_path):
    """collectstatic writes, and whitenoise reads, where STATIC_ROOT says (the rehearsal uses a scratch folder)."""
    code = "from django.conf import settings; print(settings.STATIC_ROOT)"
    env = {"SECRET_KEY": "k3y-" + "a1B2c3D4e5" * 6, "ALLOWED_HOSTS": "majlis.example.ma"}
    default = run_manage(env, "shell", "--no-imports", "-c", code)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == str(ROOT / "staticfiles")
    moved = run_manage({**env, "STATIC_ROOT": str(tmp_path / "static")}, "shell", "--no-imports", "-c", code)
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.strip() == str(tmp_path / "static")
