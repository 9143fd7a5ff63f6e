import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_check(env_overrides: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE must never reach a deployment check: it is for browser tests only.
    dropped = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", *args],
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
