"""Demo accounts: one per kind of person who uses Majlis, each able to log in straight away.

Passwords are drawn at random the first time and written only to a git-ignored file (.demo-logins.json) that
`manage.py demo_logins` prints. Seeding again keeps them, unless the password in the file no longer works.
"""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from demo import content


def default_logins_path() -> Path:
    """Where the demo passwords are kept: .demo-logins.json (git-ignored), or DEMO_LOGINS_FILE (the benchmark
    database has its own, so that seeding it never changes the passwords `make run` prints)."""
    configured = getattr(settings, "DEMO_LOGINS_FILE", "") or os.environ.get("DEMO_LOGINS_FILE", "")
    return Path(configured or settings.BASE_DIR / ".demo-logins.json")


@dataclass
class DemoLogin:
    role: str
    label: str
    email: str
    password: str
    totp_secret: str = ""


def read_logins(path: Path | None = None) -> dict[str, dict]:
    path = path or default_logins_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def write_logins(logins: list[DemoLogin], path: Path | None = None) -> None:
    path = path or default_logins_path()
    data = {login.role: login.__dict__ for login in logins}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    path.chmod(0o600)


def _new_password() -> str:
    # Four groups that are easy to read aloud and pass every validator in settings.
    return "-".join(secrets.token_urlsafe(6).replace("_", "x").replace("-", "y") for _ in range(3))


def _ensure_totp(user, known_secret: str) -> str:
    """The TOTP secret of a staff account, so that the admin's mandatory second factor can be set up."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing:
        return decrypt(existing.data["secret"])
    secret = known_secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def seed_accounts(*, logins_path: Path | None = None) -> dict[str, object]:
    """Create or refresh the demo users; return them by role. Writes the logins file."""
    User = get_user_model()
    known = read_logins(logins_path)
    users: dict[str, object] = {}
    logins: list[DemoLogin] = []
    for role, spec in content.ACCOUNTS.items():
        user, _ = User.objects.get_or_create(
            email=spec["email"],
            defaults={"first_name": spec["first_name"], "last_name": spec["last_name"]},
        )
        user.is_active = True
        user.is_staff = role == "secretariat"
        user.is_superuser = role == "secretariat"
        password = known.get(role, {}).get("password", "")
        if not password or not user.check_password(password):
            password = _new_password()
            user.set_password(password)
        user.save()

        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        # Back-office rights come from the role (a group made by members.0013_roles), as the admin grants them.
        if spec.get("group"):
            user.groups.add(Group.objects.get(name=spec["group"]))

        totp_secret = ""
        if spec.get("group"):
            totp_secret = _ensure_totp(user, known.get(role, {}).get("totp_secret", ""))
        users[role] = user
        logins.append(DemoLogin(role, spec["label"], user.email, password, totp_secret))
    write_logins(logins, logins_path)
    return users
