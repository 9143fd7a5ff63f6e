"""Importing an existing member list: dry run line by line, then apply; nothing half-saved."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from members.imports import ImportFileError, import_members, member_import_apply, member_import_preview, read_rows
from members.models import MemberImport, Membership, Organisation, OrganisationMember, Role
from tests.factories.members import MemberUserFactory, OrganisationFactory, SectorFactory
from tests.factories.memberships import MembershipPlanFactory
from tests.i18n import fr
from tests.members.conftest import in_members_group
from tests.members.test_admin import secretary  # noqa: F401

pytestmark = pytest.mark.django_db

User = get_user_model()
TODAY = date(2026, 11, 23)

CSV = (
    "Raison sociale;ICE;Ville;Région;Secteurs;Formule;Payé jusqu'au;E-mail;Prénom;Nom;Rôle\n"
    "Atlas Logiciels SARL;001234567000062;Fès;Fès-Meknès;Informatique;Adhésion PME;31/12/2026;"
    "nadia@atlas.ma;Nadia;Benali;admin\n"
    "Atlas Logiciels SARL;001234567000062;Fès;Fès-Meknès;Informatique;Adhésion PME;31/12/2026;"
    "karim@atlas.ma;Karim;Tazi;membre\n"
    "Souss Data SA;;Agadir;Souss-Massa;;Adhésion PME;31/12/2025;youssef@soussdata.ma;Youssef;Amrani;\n"
)


@pytest.fixture
def reference_data():
    SectorFactory(name="Informatique")
    return MembershipPlanFactory(name="Adhésion PME")


def test_csv_and_xlsx_headers_are_understood_in_french():
    workbook = Workbook()
    workbook.active.append(["Raison sociale", "E-mail", "Prénom", "Colonne inconnue"])
    workbook.active.append(["Atlas", "nadia@atlas.ma", "Nadia", "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    from_xlsx = read_rows(filename="membres.xlsx", content=buffer.getvalue())
    from_csv = read_rows(filename="membres.csv", content=CSV.encode())

    assert from_xlsx == [{"line": 2, "legal_name": "Atlas", "email": "nadia@atlas.ma", "first_name": "Nadia"}]
    assert from_csv[0]["paid_until"] == "31/12/2026"
    assert from_csv[2]["region"] == "Souss-Massa"


def test_a_file_without_a_company_column_is_refused_with_a_clear_message():
    with pytest.raises(ImportFileError, match="Raison sociale"):
        read_rows(filename="membres.csv", content=b"Nom;Prenom\nBenali;Nadia\n")
    with pytest.raises(ImportFileError):
        read_rows(filename="membres.pdf", content=b"%PDF-1.4")


def test_dry_run_reports_every_line_and_saves_nothing(reference_data):
    report = import_members(rows=read_rows(filename="m.csv", content=CSV.encode()), by=None, dry_run=True, today=TODAY)

    assert [line["errors"] for line in report] == [[], [], []]
    # Line 2: company, membership, account, administrator; line 3: the colleague's account and membership.
    assert (len(report[0]["actions"]), len(report[1]["actions"])) == (4, 2)
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


def test_applying_creates_companies_people_and_memberships(reference_data):
    import_members(rows=read_rows(filename="m.csv", content=CSV.encode()), by=None, dry_run=False, today=TODAY)

    atlas = Organisation.objects.get(ice="001234567000062")
    assert atlas.status == Organisation.Status.ACTIVE
    assert atlas.region == "fes-meknes"
    assert [s.name for s in atlas.sectors.all()] == ["Informatique"]
    membership = atlas.memberships.get()
    assert (membership.status, membership.period_start, membership.period_end) == (
        Membership.Status.ACTIVE,
        date(2026, 1, 1),
        date(2026, 12, 31),
    )
    roles = dict(OrganisationMember.objects.filter(organisation=atlas).values_list("user__email", "role"))
    assert roles == {"nadia@atlas.ma": Role.ADMIN, "karim@atlas.ma": Role.MEMBER}
    assert in_members_group(User.objects.get(email="karim@atlas.ma"))
    assert not User.objects.get(email="karim@atlas.ma").has_usable_password()
    souss = Organisation.objects.get(legal_name="Souss Data SA")
    assert souss.status == Organisation.Status.LAPSED
    assert souss.memberships.get().status == Membership.Status.LAPSED
    # The only person of a company without an administrator manages it.
    assert souss.people.get().role == Role.ADMIN
    assert not in_members_group(User.objects.get(email="youssef@soussdata.ma"))


def test_a_bad_line_is_reported_with_its_number_and_the_others_still_check(reference_data):
    bad = CSV + "Casa Cloud;;Casablanca;Atlantide;;Adhésion Or;2026-31-12;pas-un-email;;;chef\n"
    report = import_members(rows=read_rows(filename="m.csv", content=bad.encode()), by=None, dry_run=True, today=TODAY)

    assert [line["line"] for line in report if line["errors"]] == [5]
    assert "Atlantide" in report[-1]["errors"][0]


def test_a_line_whose_ice_fails_the_check_digits_is_reported(reference_data):
    bad = CSV + "Casa Cloud;001 234 567 000 089;Casablanca;;;;;;;;\n"
    report = import_members(rows=read_rows(filename="m.csv", content=bad.encode()), by=None, dry_run=True, today=TODAY)

    assert [line["line"] for line in report if line["errors"]] == [5]
    assert fr("The ICE's check digits are wrong: check for a typing mistake.") in report[-1]["errors"][0]


def test_importing_the_same_file_twice_adds_nothing(reference_data):
    rows = read_rows(filename="m.csv", content=CSV.encode())
    import_members(rows=rows, by=None, dry_run=False, today=TODAY)

    report = import_members(rows=rows, by=None, dry_run=False, today=TODAY)

    assert all(line["actions"] == [] and line["errors"] == [] for line in report)
    assert Organisation.objects.count() == 2
    assert Membership.objects.count() == 2


def test_existing_company_is_matched_by_ice_and_completed(reference_data):
    existing = OrganisationFactory(legal_name="ATLAS LOGICIELS", ice="001234567000062")
    import_members(rows=read_rows(filename="m.csv", content=CSV.encode()), by=None, dry_run=False, today=TODAY)

    assert Organisation.objects.filter(ice="001234567000062").get() == existing
    assert existing.people.count() == 2


def test_a_file_with_errors_cannot_be_applied(reference_data):
    bad = CSV + "Casa Cloud;;;;;Adhésion Or;31/12/2026;;;;\n"
    member_import = member_import_preview(filename="m.csv", content=bad.encode(), by=None)

    assert member_import.error_count == 1
    with pytest.raises(ImportFileError):
        member_import_apply(member_import=member_import, by=None)
    assert not Organisation.objects.exists()


def test_the_secretariat_uploads_reads_the_dry_run_and_applies(client, secretary, reference_data):  # noqa: F811
    url = reverse("members_import:index")
    response = client.post(url, {"members_file": SimpleUploadedFile("membres.csv", CSV.encode())})
    assert response.status_code == 302
    preview = client.get(response.url)
    page = preview.content.decode()
    assert "Atlas Logiciels SARL" in page and "karim@atlas.ma" in page
    assert not Organisation.objects.exists()

    client.post(response.url)

    member_import = MemberImport.objects.get()
    assert member_import.applied_at is not None
    assert Organisation.objects.count() == 2
    client.post(response.url)  # a second click imports nothing more
    assert OrganisationMember.objects.count() == 3


def test_an_unreadable_upload_gets_a_message_not_an_error_page(client, secretary):  # noqa: F811
    response = client.post(
        reverse("members_import:index"), {"members_file": SimpleUploadedFile("membres.xlsx", b"not a workbook")}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["members_file"]
    assert not MemberImport.objects.exists()


def test_people_without_the_permission_cannot_import(client):
    client.force_login(MemberUserFactory(is_staff=True))

    response = client.get(reverse("members_import:index"))

    assert response.status_code in (302, 403)
