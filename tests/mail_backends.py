"""E-mail backends for tests of what happens when the provider refuses an address."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    """The provider refuses addresses starting with "refus"; the others land in `mail.outbox`.

    Use with `settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"`."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].startswith("refus"):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)
