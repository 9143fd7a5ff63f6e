"""Badges as PDF: what they say, the QR code the door scans, and who may download them."""

import io

import pypdf
import pytest
import segno
from django.urls import reverse

from events.badges import render_badge_pdf, render_badges_pdf
from events.models import Registration
from members.models import Role
from tests.events.staff import REGISTRATION_PERMISSIONS, log_in, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.members import MemberUserFactory, OrganisationFactory, OrganisationMemberFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def event(events_index):
    return EventPageFactory(parent=events_index, title="Digital Now 2027", city="Casablanca")


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, name="Pass conférence")


@pytest.fixture
def company_a():
    return OrganisationFactory(legal_name="Atlas Logiciels SARL")


@pytest.fixture
def attendee(company_a):
    return OrganisationMemberFactory(organisation=company_a, user__first_name="Salma", user__last_name="Bennani").user


@pytest.fixture
def registration(ticket, attendee, company_a):
    return RegistrationFactory(
        ticket_type=ticket,
        user=attendee,
        attendee_name="Salma Bennani",
        attendee_email=attendee.email,
        organisation=company_a,
    )


def pages(pdf: bytes) -> list:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages


def qr_modules(image, code: str) -> tuple[list[list[bool]], list[list[bool]]]:
    """The dark modules read from the badge's QR image, and those of the QR code segno makes for `code`."""
    expected = [[bool(module) for module in row] for row in segno.make_qr(code, error="m").matrix_iter(border=4)]
    size = len(expected)
    grey = image.convert("L")
    step = grey.width / size
    read = [
        [grey.getpixel((int((column + 0.5) * step), int((row + 0.5) * step))) < 128 for column in range(size)]
        for row in range(size)
    ]
    return read, expected


def test_a_badge_shows_the_name_company_ticket_event_and_code(registration, event):
    text = pages(render_badge_pdf(registration))[0].extract_text()

    for expected in ("Salma Bennani", "Atlas Logiciels SARL", "Pass conférence", "Digital Now 2027", registration.code):
        assert expected in text
    assert event.local_start.strftime("%d/%m/%Y") in text


def test_the_qr_code_on_a_badge_holds_the_registration_code(registration):
    images = pages(render_badge_pdf(registration))[0].images

    assert len(images) == 1
    read, expected = qr_modules(images[0].image, registration.code)
    assert read == expected


def test_a_ticket_made_before_today_s_codes_keeps_its_code_on_the_badge_and_its_download(client, registration):
    Registration.objects.filter(pk=registration.pk).update(code="Ab3_-xYz9KLm")
    registration.refresh_from_db()
    client.force_login(registration.user)

    response = client.get(badge_url(registration))

    assert response.status_code == 200
    page = pages(response.content)[0]
    assert "Ab3_-xYz9KLm" in page.extract_text()
    read, expected = qr_modules(page.images[0].image, "Ab3_-xYz9KLm")
    assert read == expected


def test_an_arabic_name_is_set_in_the_arabic_font(ticket):
    registration = RegistrationFactory(ticket_type=ticket, attendee_name="سلمى بناني", company_name="الأطلس")

    page = pages(render_badge_pdf(registration))[0]

    fonts = {font["/BaseFont"] for font in page["/Resources"]["/Font"].values()}
    assert any("IBMPlexSansArabic" in name for name in fonts)
    assert set("سلمىبناني") <= set(page.extract_text())


def test_a_sheet_holds_eight_badges_a_page(ticket):
    registrations = [RegistrationFactory(ticket_type=ticket) for _ in range(9)]

    sheet = pages(render_badges_pdf(registrations))

    assert len(sheet) == 2
    assert len(sheet[0].images) == 8
    assert len(sheet[1].images) == 1
    assert registrations[8].attendee_name in sheet[1].extract_text()


# --- Downloads ------------------------------------------------------------------------------------------------


def badge_url(registration):
    return reverse("events:registration_badge", args=[registration.code])


def test_the_attendee_downloads_their_own_badge(client, registration, attendee):
    client.force_login(attendee)

    response = client.get(badge_url(registration))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Salma Bennani" in pages(response.content)[0].extract_text()


def test_the_company_administrator_downloads_a_colleague_s_badge(client, registration, company_a):
    administrator = OrganisationMemberFactory(organisation=company_a, role=Role.ADMIN).user
    client.force_login(administrator)

    assert client.get(badge_url(registration)).status_code == 200


def test_someone_of_another_company_cannot_download_the_badge(client, registration):
    company_b_admin = OrganisationMemberFactory(organisation=OrganisationFactory(), role=Role.ADMIN).user
    client.force_login(company_b_admin)

    response = client.get(badge_url(registration))

    assert response.status_code == 404
    assert response["Content-Type"] != "application/pdf"


def test_a_visitor_is_asked_to_log_in_for_a_badge(client, registration):
    response = client.get(badge_url(registration))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_registration_awaiting_payment_has_no_badge(client, ticket, attendee):
    reserved = RegistrationFactory(ticket_type=ticket, user=attendee, status=Status.RESERVED)
    client.force_login(attendee)

    assert client.get(badge_url(reserved)).status_code == 404


def test_the_secretariat_prints_the_badges_of_confirmed_attendees_only(client, event, ticket):
    confirmed = [RegistrationFactory(ticket_type=ticket, attendee_name=f"Présent {n}") for n in range(3)]
    RegistrationFactory(ticket_type=ticket, attendee_name="Annulé", status=Status.CANCELLED)
    log_in(client, staff_user(*REGISTRATION_PERMISSIONS))

    response = client.get(reverse("events_registrations:badges", args=[event.pk]))

    assert response.status_code == 200
    text = pages(response.content)[0].extract_text()
    assert all(registration.attendee_name in text for registration in confirmed)
    assert "Annulé" not in text


def test_staff_without_the_registration_permissions_cannot_print_badges(client, event, registration):
    log_in(client, staff_user())

    response = client.get(reverse("events_registrations:badges", args=[event.pk]))

    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"


def test_a_member_cannot_print_an_event_s_badges(client, event, registration):
    client.force_login(MemberUserFactory())

    response = client.get(reverse("events_registrations:badges", args=[event.pk]))

    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"


def test_the_registration_page_shows_the_ticket_qr_code_and_badge_link(client, registration, attendee):
    client.force_login(attendee)

    response = client.get(reverse("events:registration_detail", args=[registration.code]))

    assert response.status_code == 200
    assert 'src="data:image/svg+xml' in response.text
    assert badge_url(registration) in response.text
