import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.utils import translation

from tests.factories.accounts import PrivacyNoticeFactory

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and used TOTP codes live in the cache: no test inherits another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _french_to_start_with():
    """Each test starts in the default language: a request to /ar/ leaves Arabic active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def notice(db):
    return PrivacyNoticeFactory(version="2099-1", title="Politique de confidentialité")


@pytest.fixture
def code_from_mail():
    """The code in the last e-mail sent (verification or sign-in code)."""

    def read() -> str:
        assert mail.outbox, "no e-mail was sent"
        match = CODE.search(mail.outbox[-1].body)
        assert match, mail.outbox[-1].body
        return match.group(1)

    return read


@pytest.fixture
def totp_code(settings):
    """The current code of an authenticator app holding `secret`, as the person would read it on their phone."""
    # One period either side, so that a test crossing a 30-second boundary does not fail.
    settings.MFA_TOTP_TOLERANCE = 1

    def code(secret: str) -> str:
        return format_hotp_value(hotp_value(secret, int(time.time()) // 30))

    return code
