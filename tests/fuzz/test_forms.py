"""Every form a visitor or a member can post, fed hostile data: never a 500, nothing half-saved, and a form
shown again keeps what was typed."""

import pytest
from allauth.account.models import EmailAddress
from hypothesis import example, given

from members.models import (
    Consent,
    EmailPreferences,
    Invitation,
    MembershipApplication,
    Organisation,
    OrganisationMember,
    Role,
    User,
)
from payments.models import Order
from tests.factories.accounts import PASSWORD as ACCOUNT_PASSWORD
from tests.factories.accounts import AccountUserFactory, PrivacyNoticeFactory
from tests.factories.members import AdminFactory, MemberUserFactory, invite
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.fuzz.forms_helpers import assert_all_or_nothing, assert_typed_values_kept, form_data, posted
from tests.fuzz.strategies import fuzz, hostile_value

pytestmark = pytest.mark.django_db


# --- Accounts (allauth) ------------------------------------------------------------------------------------------

SIGNUP = {
    "first_name": "Salma",
    "last_name": "Bennani",
    "email": "salma@atlas.example.ma",
    "password1": "Correct-Horse-Battery-9",
    "password2": "Correct-Horse-Battery-9",
    "preferred_language": "fr",
    "privacy_consent": "on",
}


@pytest.fixture
def salma(db):
    PrivacyNoticeFactory()
    return AccountUserFactory(email="salma@atlas.example.ma")


@fuzz(max_examples=15)
@given(data=form_data({**SIGNUP, "email": "nadia@atlas.example.ma"}))
@example(data={**SIGNUP, "email": "nadia@atlas.example.ma"})
@example(data={**SIGNUP, "email": "nadia@atlas.example.ma", "first_name": "Sal\x00ma"})
def test_signup(client, salma, data):
    with posted(client, "/accounts/signup/", data, models=[User, EmailAddress, Consent]) as (response, added):
        assert_all_or_nothing(added, response, together=("User", "EmailAddress", "Consent"))
        assert added["User"] == 1 or data != {**SIGNUP, "email": "nadia@atlas.example.ma"}
        assert_typed_values_kept(response, data, ("first_name", "last_name", "email"))


@fuzz(max_examples=12)
@given(data=form_data({"login": "salma@atlas.example.ma", "password": ACCOUNT_PASSWORD}))
@example(data={"login": "salma@atlas.example.ma", "password": ACCOUNT_PASSWORD})
def test_login(client, salma, data):
    with posted(client, "/accounts/login/", data, models=[User, EmailAddress]) as (response, added):
        assert added == {"User": 0, "EmailAddress": 0}
        assert_typed_values_kept(response, data, ("login",))


@fuzz(max_examples=10)
@given(data=form_data({"email": "salma@atlas.example.ma"}))
def test_password_reset(client, salma, data):
    with posted(client, "/accounts/password/reset/", data, models=[User, EmailAddress]) as (response, added):
        assert added == {"User": 0, "EmailAddress": 0}


# --- Joining, profiles, people -----------------------------------------------------------------------------------

COMPANY = {
    "legal_name": "Atlas Composants SARL",
    "trade_name": "Atlas Composants",
    "legal_form": "SARL",
    "size_band": "small",
    "city": "Casablanca",
    "region": "casablanca-settat",
    "country": "MA",
    "website": "https://atlas.example.ma",
    "description": "Fabricant de faisceaux électriques.",
    "description_ar": "شركة لصناعة الأسلاك الكهربائية",
    "contact_email": "contact@atlas.example.ma",
    "phone": "+212 522 00 00 00",
}
COMPANY_TEXT = ("legal_name", "trade_name", "city", "description", "description_ar", "contact_email", "phone")


@pytest.fixture
def person(db):
    """Logged in, in no company yet."""
    return MemberUserFactory()


@pytest.fixture
def plan(db):
    return MembershipPlanFactory(requires_approval=True)


@fuzz(max_examples=15)
@given(data=form_data({**COMPANY, "motivation": "Rejoindre le Technopark."}, extra={"plan": hostile_value}))
@example(data={**COMPANY, "motivation": "Rejoindre le Technopark."})
def test_join_application(client, person, plan, data):
    client.force_login(person)
    data = {**data, "plan": str(plan.pk)} if "plan" not in data else data
    with posted(client, "/join/", data, models=[Organisation, MembershipApplication]) as (response, added):
        assert_all_or_nothing(added, response, together=("Organisation", "MembershipApplication"))
        assert added["Organisation"] == 1 or data != {
            **COMPANY,
            "motivation": "Rejoindre le Technopark.",
            "plan": str(plan.pk),
        }
        assert_typed_values_kept(response, data, (*COMPANY_TEXT, "motivation"))


@pytest.fixture
def company_admin(db):
    membership = AdminFactory()
    MembershipFactory(organisation=membership.organisation)
    return membership


@pytest.fixture
def colleague(company_admin):
    return AdminFactory(organisation=company_admin.organisation, role=Role.MEMBER)


@pytest.fixture
def invitation_link(company_admin):
    _invitation, link = invite(
        organisation=company_admin.organisation, email="karim@atlas.example.ma", by=company_admin.user
    )
    return link


@fuzz(max_examples=15)
@given(data=form_data({**COMPANY, "directory_opt_in": "on"}, extra={"ice": hostile_value, "sectors": hostile_value}))
@example(data={**COMPANY, "directory_opt_in": "on"})
def test_company_profile_edit(client, company_admin, data):
    organisation = company_admin.organisation
    client.force_login(company_admin.user)
    before = Organisation.objects.filter(pk=organisation.pk).values().get()
    with posted(client, f"/my-space/companies/{organisation.slug}/", data, models=[Organisation]) as (response, _added):
        if response.status_code != 302:
            # Nothing of a rejected profile is saved.
            assert Organisation.objects.filter(pk=organisation.pk).values().get() == before
            assert_typed_values_kept(response, data, COMPANY_TEXT)


@fuzz(max_examples=12)
@given(
    data=form_data({"invite-email": "karim@atlas.example.ma", "invite-role": "member", "invite-language": "ar"}),
)
@example(data={"invite-email": "karim@atlas.example.ma", "invite-role": "member", "invite-language": "ar"})
def test_people_invitation(client, company_admin, data):
    client.force_login(company_admin.user)
    path = f"/my-space/companies/{company_admin.organisation.slug}/people/"
    with posted(client, path, data, models=[Invitation]) as (response, added):
        assert added["Invitation"] in (0, 1)
        assert (added["Invitation"] == 1) == (response.status_code == 302)
        assert_typed_values_kept(response, data, ("invite-email",))


@fuzz(max_examples=10)
@given(role=hostile_value)
@example(role="admin\x00")
def test_person_role(client, company_admin, colleague, role):
    client.force_login(company_admin.user)
    path = f"/my-space/companies/{company_admin.organisation.slug}/people/{colleague.pk}/role/"
    with posted(client, path, {"role": role}, models=[OrganisationMember]) as (response, _added):
        assert response.status_code == 302
        colleague.refresh_from_db()
        assert colleague.role in Role.values


PROFILE = {
    "first_name": "Karim",
    "last_name": "Tazi",
    "job_title": "Directeur",
    "phone": "0522000000",
    "preferred_language": "ar",
    "show_in_directory": "on",
}


@fuzz(max_examples=12)
@given(data=form_data(PROFILE))
@example(data=PROFILE)
def test_profile_edit(client, person, data):
    client.force_login(person)
    before = User.objects.filter(pk=person.pk).values().get()
    with posted(client, "/my-space/profile/", data, models=[User]) as (response, _added):
        if response.status_code != 302:
            assert User.objects.filter(pk=person.pk).values().get() == before
            assert_typed_values_kept(response, data, ("first_name", "last_name", "job_title", "phone"))


NEW_ACCOUNT = {
    "first_name": "Karim",
    "last_name": "Tazi",
    "password1": "Sable-Dune-Argan-42",
    "password2": "Sable-Dune-Argan-42",
    "accept_privacy": "on",
}


@fuzz(max_examples=12)
@given(data=form_data(NEW_ACCOUNT))
@example(data=NEW_ACCOUNT)
def test_invitation_accept_with_new_account(client, invitation_link, data):
    with posted(client, invitation_link, data, models=[User, OrganisationMember]) as (response, added):
        assert_all_or_nothing(added, response, together=("User", "OrganisationMember"))
        assert added["User"] == 1 or data != NEW_ACCOUNT
        assert_typed_values_kept(response, data, ("first_name", "last_name"))


@fuzz(max_examples=10)
@given(password=hostile_value)
def test_account_delete_needs_the_password(client, person, password):
    client.force_login(person)
    with posted(client, "/my-space/delete-account/", {"password": password}, models=[User]) as (_response, added):
        assert added == {"User": 0}


@fuzz(max_examples=12)
@given(
    data=form_data(
        {"news_digest": "on", "event_announcements": "", "board_matches": "on", "resume_all": "on"},
    )
)
def test_email_preferences(client, person, data):
    client.force_login(person)
    with posted(client, "/my-space/email-preferences/", data, models=[EmailPreferences]) as (_response, added):
        assert added["EmailPreferences"] in (0, 1)


@fuzz(max_examples=10)
@given(plan=hostile_value)
@example(plan="²")
@example(plan="9" * 40)
def test_membership_join_plan(client, company_admin, plan):
    client.force_login(company_admin.user)
    path = f"/my-space/companies/{company_admin.organisation.slug}/membership/join/"
    with posted(client, path, {"plan": plan}, models=[Order]) as (response, added):
        assert response.status_code == 302
        assert added["Order"] in (0, 1)
