import os

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from hypothesis import settings as hypothesis_settings

# The property and fuzz tests draw the same inputs on every run ("ci", the default), so that a red run is red
# again on the next; `make fuzz-random` draws new ones for maintainers hunting bugs (each failure it finds is
# kept in the test as an @example).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("random", derandomize=False, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads made by a test go to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _site_language_afterwards():
    """A request to /ar/ or /en/ (or a translation.activate) leaves that language active in the thread: the next
    test of the same worker starts in the site's language again, whatever ran before it."""
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def demo_seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo (`seed_demo --no-images`), seeded once for the test module inside a transaction rolled back at
    its end: seeding takes seconds. Tests ask for it through a function-scoped fixture that also takes `db`."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    logins = tmp_path_factory.mktemp("demo") / "demo-logins.json"
    with override_settings(DEMO_LOGINS_FILE=logins), django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--no-images", verbosity=0)
        yield
        transaction.set_rollback(True)
