"""The secretariat's "Members" menu in the Wagtail admin."""

import io
import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from members.models import MembershipApplication, Organisation, Role
from tests.factories.members import MembershipApplicationFactory, MemberUserFactory, OrganisationFactory, SectorFactory
from tests.members.conftest import in_members_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(client):
    """A staff member whose session passed two-factor authentication, as the admin requires."""
    user = MemberUserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return user


def listed(response) -> list[str]:
    return [str(o) for o in response.context["object_list"]]


def test_organisations_filter_by_sector_region_and_status(client, secretary):
    it = SectorFactory(name="Informatique")
    OrganisationFactory(legal_name="Atlas", region="fes-meknes").sectors.add(it)
    OrganisationFactory(legal_name="Denim", region="tanger-tetouan-al-hoceima")
    OrganisationFactory(legal_name="Candidat", status=Organisation.Status.APPLICANT, region="fes-meknes")
    url = reverse("members_organisations:index")

    assert listed(client.get(url, {"sectors": it.pk})) == ["Atlas"]
    assert listed(client.get(url, {"region": "fes-meknes", "status": "active"})) == ["Atlas"]
    assert listed(client.get(url, {"status": "applicant"})) == ["Candidat"]
    assert listed(client.get(url, {"q": "denim"})) == ["Denim"]


def test_organisations_export_to_csv_and_xlsx(client, secretary):
    OrganisationFactory(legal_name="Atlas Logiciels", ice="001234567000062").sectors.add(SectorFactory(name="Cloud"))
    url = reverse("members_organisations:index")

    csv = client.get(url, {"export": "csv"})
    xlsx = client.get(url, {"export": "xlsx"})

    assert "organisations.csv" in csv["Content-Disposition"]
    text = b"".join(csv.streaming_content).decode()
    assert "Atlas Logiciels" in text and "001234567000062" in text and "Cloud" in text
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert "Atlas Logiciels" in [cell.value for cell in sheet[2]]


def test_people_listing_filters_by_role_and_exports(client, secretary, company_admin, colleague_membership):
    url = reverse("members_people:index")

    assert [m.user for m in client.get(url, {"role": "admin"}).context["object_list"]] == [company_admin]
    text = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode()
    assert company_admin.email in text and colleague_membership.user.email in text


def test_approval_queue_lists_pending_applications_only(client, secretary):
    MembershipApplicationFactory(organisation__legal_name="En attente")
    MembershipApplicationFactory(organisation__legal_name="Déjà vue", status=MembershipApplication.Status.REJECTED)

    response = client.get(reverse("members_applications:index"))

    assert listed(response) == ["En attente"]


def test_secretary_approves_from_the_admin(client, secretary):
    application = MembershipApplicationFactory()

    response = client.post(
        reverse("members_applications:edit", args=[application.pk]), {"decision": "approve", "message": "Bienvenue"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert application.organisation.people.get().role == Role.ADMIN
    assert in_members_group(application.applicant)
    entry = ModelLogEntry.objects.get(action="members.application_approve")
    assert entry.user == secretary


def test_secretary_rejects_from_the_admin_with_a_message(client, secretary):
    application = MembershipApplicationFactory(applicant__email="nadia@atlas.ma")

    client.post(
        reverse("members_applications:edit", args=[application.pk]), {"decision": "reject", "message": "Hors zone"}
    )

    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.REJECTED
    assert mail.outbox[-1].to == ["nadia@atlas.ma"] and "Hors zone" in mail.outbox[-1].body


def test_rejecting_without_a_message_is_refused(client, secretary):
    application = MembershipApplicationFactory()

    response = client.post(reverse("members_applications:edit", args=[application.pk]), {"decision": "reject"})

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.is_pending


def test_status_change_in_the_admin_updates_the_members_group_and_history(client, secretary, company, company_admin):
    url = reverse("members_organisations:edit", args=[company.pk])
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "sectors"}
    data.update(status="lapsed", logo="", sectors=[])

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    assert not in_members_group(company_admin)
    history = client.get(reverse("members_organisations:history", args=[company.pk]))
    assert history.status_code == 200
    assert ModelLogEntry.objects.filter(object_id=str(company.pk), action="members.status_change").exists()


def test_sectors_are_editable_in_the_admin(client, secretary):
    client.post(reverse("members_sectors:add"), {"name": "Hydrogène vert", "name_en": "Green hydrogen", "slug": "h2"})

    assert client.get(reverse("members:directory")).context["form"].fields["sector"].queryset.filter(slug="h2").exists()


def test_company_administrator_without_staff_rights_cannot_open_the_admin(client, company_admin):
    client.force_login(company_admin)

    response = client.get(reverse("members_organisations:index"))

    assert response.status_code in (302, 403)
