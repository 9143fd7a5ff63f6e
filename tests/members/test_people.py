import pytest
from django.urls import reverse

from members import services
from members.models import Organisation, OrganisationMember, Role
from tests.factories.members import AdminFactory, OrganisationMemberFactory
from tests.i18n import fr_html
from tests.members.conftest import in_members_group

pytestmark = pytest.mark.django_db

LAST_ADMIN = fr_html("A company needs at least one administrator: appoint another administrator first.")


def test_administrator_promotes_a_colleague(admin_client, company, colleague_membership):
    admin_client.post(reverse("members:person_role", args=[company.slug, colleague_membership.pk]), {"role": "admin"})

    colleague_membership.refresh_from_db()
    assert colleague_membership.role == Role.ADMIN


def test_last_administrator_cannot_demote_themselves(admin_client, company, admin_membership):
    response = admin_client.post(
        reverse("members:person_role", args=[company.slug, admin_membership.pk]), {"role": "member"}, follow=True
    )

    admin_membership.refresh_from_db()
    assert admin_membership.role == Role.ADMIN
    assert LAST_ADMIN in response.content.decode()


def test_last_administrator_cannot_remove_themselves(admin_client, company, admin_membership):
    response = admin_client.post(
        reverse("members:person_remove", args=[company.slug, admin_membership.pk]), follow=True
    )

    assert OrganisationMember.objects.filter(pk=admin_membership.pk).exists()
    assert LAST_ADMIN in response.content.decode()


def test_administrator_can_leave_when_another_remains(admin_client, company, admin_membership):
    AdminFactory(organisation=company)

    admin_client.post(reverse("members:person_remove", args=[company.slug, admin_membership.pk]))

    assert not OrganisationMember.objects.filter(pk=admin_membership.pk).exists()


def test_removed_person_leaves_the_members_group(admin_client, company, colleague_membership):
    assert in_members_group(colleague_membership.user)

    admin_client.post(reverse("members:person_remove", args=[company.slug, colleague_membership.pk]))

    assert not in_members_group(colleague_membership.user)


def test_person_in_two_companies_stays_member_when_one_lapses(company_admin, company):
    other = OrganisationMemberFactory(user=company_admin).organisation

    services.organisation_set_status(organisation=other, status=Organisation.Status.LAPSED, by=None)

    assert in_members_group(company_admin)


def test_lapsed_company_takes_its_people_out_of_the_members_group(company, company_admin, colleague_membership):
    services.organisation_set_status(organisation=company, status=Organisation.Status.LAPSED, by=None)

    assert not in_members_group(company_admin)
    assert not in_members_group(colleague_membership.user)


def test_role_change_is_in_the_company_history(admin_client, company, colleague_membership, company_admin):
    from wagtail.models import ModelLogEntry

    admin_client.post(reverse("members:person_role", args=[company.slug, colleague_membership.pk]), {"role": "admin"})

    entry = ModelLogEntry.objects.filter(object_id=str(company.pk), action="members.role_change").get()
    assert entry.user == company_admin
    assert entry.data["to"] == "admin"


def test_people_page_lists_colleagues_and_pending_invitations(
    admin_client, company, company_admin, colleague_membership
):
    services.invitation_create(organisation=company, email="nadia@example.ma", by=company_admin)

    page = admin_client.get(reverse("members:people", args=[company.slug])).content.decode()

    assert colleague_membership.user.email in page
    assert "nadia@example.ma" in page
