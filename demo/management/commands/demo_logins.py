from django.core.management.base import BaseCommand

from demo.accounts import default_logins_path, read_logins


class Command(BaseCommand):
    help = "Print the demo accounts created by seed_demo (from the git-ignored .demo-logins.json)."

    def handle(self, *args, **options):
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

        path = default_logins_path()
        logins = read_logins(path)
        if not logins:
            self.stdout.write(f"No demo accounts yet ({path} is missing): run `make seed` first.")
            return
        self.stdout.write(self.style.MIGRATE_HEADING("Demo accounts (log in at /accounts/login/):"))
        for login in logins.values():
            self.stdout.write(f"  {login['label']}")
            self.stdout.write(f"      {login['email']}  /  {login['password']}")
            if login.get("totp_secret"):
                # The middle counter of the tolerance window is "now".
                counters = list(yield_hotp_counters_from_time())
                code = format_hotp_value(hotp_value(login["totp_secret"], counters[len(counters) // 2]))
                self.stdout.write(
                    f"      second factor (TOTP) secret: {login['totp_secret']}  —  code right now: {code}"
                )
        self.stdout.write(
            "  The admin (/admin/) asks staff for a second factor: add the TOTP secret to an authenticator app,\n"
            "  or run `manage.py demo_logins` again for a fresh code. Passwords live only in "
            f"{path.name} (git-ignored)."
        )
