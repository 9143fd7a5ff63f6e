"""The secretariat's report of companies nobody can be written to at, in the admin's Reports menu."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from members.models import Organisation, SuppressedAddress
from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.members import AdminFactory, OrganisationFactory, OrganisationMemberFactory
from tests.i18n import fr, fr_html
from tests.spreadsheets import csv_rows

pytestmark = pytest.mark.django_db

URL = "members_unreachable"


@pytest.fixture
def companies():
    reachable = {
        "admin": AdminFactory(organisation__legal_name="Atlas Cloud SARL", organisation__contact_email="").organisation,
        "contact": OrganisationFactory(legal_name="Dar Data SARL", contact_email="contact@dardata.example.ma"),
    }
    nobody = OrganisationFactory(legal_name="Kasbah Games SARL", trade_name="Kasbah Games", contact_email="")
    no_admin = OrganisationFactory(legal_name="Menara Naturals SARL", contact_email="")
    OrganisationMemberFactory(organisation=no_admin)
    bounced = OrganisationFactory(legal_name="Souss Logiciels SARL", contact_email="contact@souss.example.ma")
    SuppressedAddress.objects.create(email="contact@souss.example.ma", reason=SuppressedAddress.Reason.BOUNCED)
    OrganisationFactory(legal_name="Refusée SARL", contact_email="", status=Organisation.Status.REJECTED)
    return {"reachable": reachable, "nobody": nobody, "no_admin": no_admin, "bounced": bounced}


def as_role(client, name):
    user = StaffUserFactory(is_superuser=False)
    user.groups.add(Group.objects.get(name=name))
    login_with_mfa(client, user)
    return user


def test_the_secretariat_sees_exactly_the_companies_that_cannot_be_reached_and_why(client, companies):
    as_role(client, "Secrétariat")

    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    page = client.get(reverse(URL)).content.decode()

    assert reverse(URL) in menu
    assert fr_html("Companies that cannot be reached") in page
    assert "Kasbah Games" in page
    assert "Menara Naturals" in page and "Souss Logiciels" in page
    assert "Atlas Cloud" not in page and "Dar Data" not in page and "Refusée" not in page
    assert reverse("members_organisations:edit", args=[companies["nobody"].pk]) in page


def test_the_report_exports_each_company_with_its_reason(client, companies):
    as_role(client, "Trésorier")

    rows = csv_rows(client.get(reverse(URL) + "?export=csv"))

    assert rows[0][:4] == [fr("Legal name"), fr("Trade name"), fr("Status"), fr("Why")]
    by_name = {row[0]: row for row in rows[1:]}
    assert sorted(by_name) == ["Kasbah Games SARL", "Menara Naturals SARL", "Souss Logiciels SARL"]
    assert by_name["Kasbah Games SARL"][3] == fr("Nobody at the company has an account, and it has no contact address")
    assert by_name["Souss Logiciels SARL"][3] == fr(
        "Nobody at the company has an account, and its contact address bounced or refused our e-mails"
    )
    assert by_name["Menara Naturals SARL"][4] == "1"


def test_a_filter_narrows_the_report_to_one_reason(client, companies):
    as_role(client, "Secrétariat")

    page = client.get(reverse(URL), {"unreachable_reason": "no_administrator"}).content.decode()

    assert "Menara Naturals" in page and "Kasbah Games" not in page


def test_once_a_contact_address_is_added_the_company_leaves_the_report(client, companies):
    as_role(client, "Secrétariat")
    nobody = companies["nobody"]
    nobody.contact_email = "bonjour@kasbah-games.example.ma"
    nobody.save()

    assert "Kasbah Games" not in client.get(reverse(URL)).content.decode()


def test_the_event_manager_who_sees_companies_sees_the_report_too(client, companies):
    as_role(client, "Responsable des événements")

    assert "Kasbah Games" in client.get(reverse(URL)).content.decode()


@pytest.mark.parametrize("role", ["Rédacteur", "Modérateur"])
def test_an_officer_whose_role_does_not_see_companies_is_refused(client, companies, role):
    """Refused as the rest of the admin refuses (Wagtail's answer to PermissionDenied): back to the admin's home
    with its message, nothing of the report shown or downloaded."""
    as_role(client, role)

    response = client.get(reverse(URL), follow=True)
    export = client.get(reverse(URL) + "?export=csv")

    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    page = response.content.decode()
    assert "Kasbah Games" not in page
    assert export.status_code == 302 and "Kasbah" not in export.content.decode()
    assert reverse(URL) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_member_without_a_back_office_role_is_refused(client, companies):
    client.force_login(AdminFactory().user)

    response = client.get(reverse(URL))

    assert response.status_code in (302, 403)
    assert "Kasbah Games" not in response.content.decode()
