import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import translation

from members.constants import MEMBERS_GROUP
from tests.factories.members import AdminFactory, MemberUserFactory, OrganisationMemberFactory


@pytest.fixture(autouse=True)
def _french_to_start_with():
    """Each test starts in the default language: a request to /en/ leaves English active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def admin_membership(db):
    """Salma administers an active company."""
    return AdminFactory(user__first_name="Salma", user__last_name="Bennani")


@pytest.fixture
def company(admin_membership):
    return admin_membership.organisation


@pytest.fixture
def company_admin(admin_membership):
    return admin_membership.user


@pytest.fixture
def colleague_membership(company):
    return OrganisationMemberFactory(organisation=company)


@pytest.fixture
def admin_client(client, company_admin):
    client.force_login(company_admin)
    return client


@pytest.fixture
def outsider(db):
    return MemberUserFactory()


def in_members_group(user) -> bool:
    return user.groups.filter(name=MEMBERS_GROUP).exists()


@pytest.fixture
def members_group(db):
    return Group.objects.get(name=MEMBERS_GROUP)
