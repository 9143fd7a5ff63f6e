import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation

from members import services
from members.models import Consent, OrganisationMember, PrivacyNotice, User
from tests.factories.members import PASSWORD, MemberUserFactory
from tests.members.conftest import in_members_group

pytestmark = pytest.mark.django_db


def export(client) -> dict:
    response = client.get(reverse("members:data_export"))
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return json.loads(archive.read("my-data.json"))


def test_export_contains_account_addresses_consents_roles_invitations_and_company(admin_client, company, company_admin):
    services.consent_record(user=company_admin, purpose=Consent.Purpose.PRIVACY_NOTICE, granted=True)
    services.invitation_create(organisation=company, email="karim@example.ma", by=company_admin)

    data = export(admin_client)

    assert data["account"]["email"] == company_admin.email
    assert data["email_addresses"] == [{"email": company_admin.email, "verified": True, "primary": True}]
    assert data["consents"][0]["notice_version"] == "2026-1"
    assert data["organisation_memberships"] == [
        {
            "organisation": company.legal_name,
            "role": "admin",
            "joined_at": data["organisation_memberships"][0]["joined_at"],
        }
    ]
    assert data["invitations_sent"][0]["email"] == "karim@example.ma"
    assert data["administered_organisations"][0]["ice"] == company.ice


def test_plain_member_export_does_not_include_the_company_file(client, colleague_membership):
    client.force_login(colleague_membership.user)

    assert export(client)["administered_organisations"] == []


def test_choosing_to_show_contacts_records_a_consent(client, outsider):
    client.force_login(outsider)

    client.post(
        reverse("members:profile_edit"),
        {"first_name": "Karim", "last_name": "Tazi", "preferred_language": "fr", "show_in_directory": "on"},
    )

    consent = Consent.objects.get(user=outsider, purpose=Consent.Purpose.DIRECTORY)
    assert consent.granted
    assert consent.notice.version == "2026-1"


def test_deleted_account_is_anonymised(client, colleague_membership):
    user = colleague_membership.user
    services.consent_record(user=user, purpose=Consent.Purpose.PRIVACY_NOTICE, granted=True, ip_address="196.200.1.1")
    client.force_login(user)

    response = client.post(reverse("members:account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == f"deleted-{user.pk}@invalid"
    assert (user.first_name, user.last_name, user.phone, user.job_title) == ("", "", "", "")
    assert not user.has_usable_password()
    assert not user.is_active
    assert not OrganisationMember.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not in_members_group(user)
    consent = Consent.objects.get(user=user)
    assert consent.ip_address is None
    assert "_auth_user_id" not in client.session


def test_wrong_password_does_not_delete(client, colleague_membership):
    client.force_login(colleague_membership.user)

    response = client.post(reverse("members:account_delete"), {"password": "not-my-password"})

    assert response.status_code == 200
    assert User.objects.get(pk=colleague_membership.user.pk).is_active


def test_last_administrator_deleting_the_account_tells_the_secretariat(client, company, company_admin):
    MemberUserFactory(email="secretariat@association.ma", is_staff=True, is_superuser=True)
    client.force_login(company_admin)
    assert company.display_name in client.get(reverse("members:account_delete")).content.decode()

    client.post(reverse("members:account_delete"), {"password": PASSWORD})

    assert mail.outbox[-1].to == ["secretariat@association.ma"]
    assert company.display_name in mail.outbox[-1].subject
    assert not company.people.exists()


def test_privacy_notice_is_published_by_the_migration_in_three_languages(client):
    notice = PrivacyNotice.objects.current()
    assert notice.version == "2026-1"
    assert "09-08" in notice.body and "CNDP" in notice.body

    french = client.get(reverse("members:privacy_notice")).content.decode()
    with translation.override("en"):
        english = client.get(reverse("members:privacy_notice")).content.decode()
    with translation.override("ar"):
        arabic = client.get(reverse("members:privacy_notice")).content.decode()

    assert "Commission nationale de contrôle" in french
    assert "2026-1" in french
    assert "National Commission for the Control of Personal Data Protection" in english
    assert "اللجنة الوطنية لمراقبة حماية المعطيات" in arabic


def test_dashboard_shows_company_role_status_and_security_links(admin_client, company):
    page = admin_client.get(reverse("members:dashboard")).content.decode()

    assert company.display_name in page
    assert "Company administrator" in page or "Administrateur" in page
    for url in (
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("members:organisation_edit", args=[company.slug]),
        reverse("members:people", args=[company.slug]),
    ):
        assert url in page


def test_dashboard_links_to_my_invoices(admin_client):
    page = admin_client.get(reverse("members:dashboard")).content.decode()

    assert f'href="{reverse("payments:invoices")}"' in page
    assert "Mes factures" in page


def test_administrator_edits_the_company_profile(admin_client, company):
    response = admin_client.post(
        reverse("members:organisation_edit", args=[company.slug]),
        {
            "legal_name": company.legal_name,
            "trade_name": "Atlas",
            "ice": company.ice,
            "country": "FR",
            "region": "foreign",
            "city": "Paris",
            "directory_opt_in": "on",
        },
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.trade_name, company.country, company.region) == ("Atlas", "FR", "foreign")


def test_admin_edit_is_logged_with_its_author(admin_client, company, company_admin):
    from wagtail.models import ModelLogEntry

    admin_client.post(
        reverse("members:organisation_edit", args=[company.slug]),
        {"legal_name": company.legal_name, "trade_name": "Atlas", "ice": company.ice, "country": "MA"},
    )

    entry = ModelLogEntry.objects.get(object_id=str(company.pk), action="wagtail.edit")
    assert entry.user == company_admin
    assert "trade_name" in entry.data["fields"]
