import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import Site

from tests.events import staff
from tests.factories.events import EventIndexPageFactory

SECRETARIAT = "Secrétariat"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counts kept in the cache (check-in failures, rate limits) start at nothing in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_root(db):
    # The page the default site serves at "/" (the home page once the CMS app provides it).
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def events_index(site_root):
    return EventIndexPageFactory(parent=site_root)


@pytest.fixture
def staff_user(django_user_model):
    """A member of the secretariat, as the admin's user form makes one: the Secretariat role, no is_staff flag."""
    user = django_user_model.objects.create_user(email="secretariat@astec.ma", password="x" * 12)
    user.groups.add(Group.objects.get(name=SECRETARIAT))
    return user


@pytest.fixture
def member_user(django_user_model):
    return django_user_model.objects.create_user(email="membre@societe.ma", password="x" * 12)


@pytest.fixture
def secretariat():
    """A staff account that may read, add and change registrations (a test module overrides it for more)."""
    return staff.staff_user(*staff.REGISTRATION_PERMISSIONS)


@pytest.fixture
def admin(client, secretariat):
    """The test client, logged in as `secretariat` through the second factor."""
    return staff.log_in(client, secretariat)
