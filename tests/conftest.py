import pytest
from django.conf import settings as django_settings
from django.utils import translation


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
