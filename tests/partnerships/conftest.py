import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.utils import translation

from members.models import Organisation, Role, Sector
from tests.factories.members import MemberUserFactory, OrganisationFactory, OrganisationMemberFactory
from tests.factories.partnerships import PostFactory


@pytest.fixture(autouse=True)
def _french_to_start_with():
    """Each test starts in the default language: a request to /en/ leaves English active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def person(organisation, role=Role.MEMBER, **user):
    return OrganisationMemberFactory(
        organisation=organisation, role=role, **{f"user__{k}": v for k, v in user.items()}
    ).user


@pytest.fixture
def automotive(db):
    return Sector.objects.get_or_create(slug="automotive", defaults={"name": "Automobile", "name_en": "Automotive"})[0]


@pytest.fixture
def company_a(db):
    return OrganisationFactory(
        legal_name="Atlas Composants SARL", trade_name="Atlas Composants", region="rabat-sale-kenitra"
    )


@pytest.fixture
def alice(company_a):
    """Administrator of company A."""
    return person(company_a, Role.ADMIN, email="alice@atlas-composants.example.ma", first_name="Alice")


@pytest.fixture
def amine(company_a):
    """A member (not an administrator) of company A."""
    return person(company_a, email="amine@atlas-composants.example.ma")


@pytest.fixture
def company_b(db):
    return OrganisationFactory(legal_name="Bouregreg Plastiques SARL", trade_name="Bouregreg Plastiques")


@pytest.fixture
def bruno(company_b):
    """Administrator of company B."""
    return person(company_b, Role.ADMIN, email="bruno@bouregreg.example.ma", first_name="Bruno")


@pytest.fixture
def company_c(db):
    return OrganisationFactory(legal_name="Chaouia Conseil SARL", trade_name="Chaouia Conseil")


@pytest.fixture
def chafik(company_c):
    """A member of a third company."""
    return person(company_c, Role.ADMIN, email="chafik@chaouia.example.ma")


@pytest.fixture
def lapsed_person(db):
    company = OrganisationFactory(status=Organisation.Status.LAPSED, legal_name="Ancienne Adhérente SARL")
    return person(company, Role.ADMIN, email="ancienne@example.ma")


@pytest.fixture
def outsider(db):
    """Logged in, but in no company."""
    return MemberUserFactory()


@pytest.fixture
def post_a(company_a, alice, automotive):
    """Company A's published request, members only."""
    return PostFactory(
        organisation=company_a,
        author=alice,
        kind="request",
        title="Injection plastique de pièces d'habitacle",
        description="Nous cherchons un injecteur pour des clips et grilles d'aération en polypropylène.",
        sectors=[automotive],
    )


@pytest.fixture
def secretary(client):
    """A superuser whose session passed two-factor authentication, as the admin requires."""
    user = MemberUserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return user
