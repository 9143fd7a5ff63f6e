"""Right to left done properly: what an Arabic reader sees of Latin names, codes, questions, amounts, dates and the
B2B agenda PDF (and the French reader's one date format per page)."""

import datetime as dt
import io
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from wagtail.models import Site

from core.money import format_money
from members.models import Role
from partnerships.meetings import services as meeting_services
from partnerships.meetings.agenda_pdf import render_agenda_pdf
from partnerships.meetings.selectors import local
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory, MeetingRequestFactory
from tests.factories.members import OrganisationFactory, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory
from tests.factories.partnerships import PostFactory
from tests.factories.payments import make_order
from tests.factories.registrations import QuestionFactory, RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

NARROW_NO_BREAK_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"


def arabic_url(name, *args):
    with translation.override("ar"):
        return reverse(name, args=args)


def page_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Latin text in Arabic pages --------------------------------------------------------------------------------


def test_a_latin_company_name_and_its_size_band_are_isolated_in_the_arabic_directory(client):
    company = OrganisationFactory(legal_name="Atlas Digital", size_band="medium", directory_opt_in=True)

    page = page_of(client, arabic_url("members:directory"))

    assert "<bdi>Atlas Digital</bdi>" in page
    with translation.override("ar"):
        assert f"<bdi>{company.get_size_band_display()}</bdi>" in page


def test_a_board_post_title_with_a_hashtag_is_isolated_on_the_arabic_board(client):
    PostFactory(title="#digital now", visibility="public")

    page = page_of(client, arabic_url("partnerships:board"))

    assert "<bdi>#digital now</bdi>" in page


def test_a_question_written_in_french_keeps_its_question_mark_at_its_end_on_the_arabic_form(client):
    event = EventPageFactory(parent=EventIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page))
    RegistrationSettingsFactory(event=event)
    TicketTypeFactory(event=event, member_price=0, non_member_price=0)
    question = QuestionFactory(event=event, label="Souhaitez-vous déjeuner ?")

    page = page_of(client, arabic_url("events:register", event.pk))

    label = re.search(rf'<label class="field__label" for="id_q_{question.pk}">(.*?)</label>', page, re.S).group(1)
    assert label.startswith("<bdi>Souhaitez-vous déjeuner ?</bdi>")


def test_an_order_reference_and_the_buyer_are_isolated_on_the_arabic_order_page(client):
    order = make_order(billing_name="Atlas Digital SARL")
    client.force_login(order.buyer_user)

    page = page_of(client, arabic_url("payments:order_detail", order.public_id))

    assert f"<bdi>{order.reference}</bdi>" in page
    assert "<bdi>Atlas Digital SARL</bdi>" in page


def test_the_company_card_in_arabic_isolates_a_latin_company_name(client):
    membership = OrganisationMemberFactory(organisation__legal_name="Atlas Logiciels SARL", role=Role.ADMIN)
    MembershipFactory(organisation=membership.organisation)
    client.force_login(membership.user)

    page = page_of(client, arabic_url("members:dashboard"))

    assert "<bdi>Atlas Logiciels SARL</bdi>" in page


# --- Amounts, numbers, dates and times -------------------------------------------------------------------------


def test_an_amount_keeps_its_currency_on_its_line_in_every_language():
    for language in ("fr", "en", "ar"):
        with translation.override(language):
            amount = format_money(150_050)
        assert amount.endswith(f"{NO_BREAK_SPACE}MAD"), language
        assert " " not in amount, language


def test_arabic_amounts_and_numbers_are_grouped_and_marked_as_in_french():
    with translation.override("ar"):
        assert format_money(150_050) == f"1{NARROW_NO_BREAK_SPACE}500,50{NO_BREAK_SPACE}MAD"
        assert number_format(1234567, force_grouping=True) == f"1{NARROW_NO_BREAK_SPACE}234{NARROW_NO_BREAK_SPACE}567"


def test_arabic_times_are_on_the_24_hour_clock():
    moment = dt.datetime(2027, 5, 12, 14, 30)
    with translation.override("ar"):
        assert date_format(moment, "TIME_FORMAT") == "14:30"
        written = date_format(moment, "DATETIME_FORMAT")
    assert written.startswith("12 ") and written.endswith(" 2027 14:30")
    assert "م" not in written.split()[-1] and "ص" not in written.split()[-1]


def test_an_arabic_date_uses_the_moroccan_name_of_may(client):
    # Django's own Arabic says "مايو"; Morocco says "ماي" (the project's catalogue translates the month msgids).
    PostFactory(title="Offre de mai", visibility="public", expires_on=dt.date(timezone.localdate().year + 1, 5, 12))

    page = page_of(client, arabic_url("partnerships:board"))

    assert "12 ماي " in page
    assert "مايو" not in page


def test_my_space_shows_every_date_in_one_format(client):
    membership = OrganisationMemberFactory(organisation__legal_name="Atlas Logiciels SARL", role=Role.ADMIN)
    MembershipFactory(organisation=membership.organisation)
    client.force_login(membership.user)

    page = page_of(client, reverse("members:dashboard"))

    assert not re.search(r"\b\d{2}/\d{2}/\d{4}\b", page)


# --- The B2B agenda PDF ----------------------------------------------------------------------------------------


def _words_with_x(pdf_bytes: bytes) -> list[tuple[str, float]]:
    """Each piece of text the PDF draws, with the x where it starts (points from the left edge)."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((text.strip(), tm[4] * cm[0] + cm[4]))

    pypdf.PdfReader(io.BytesIO(pdf_bytes)).pages[0].extract_text(visitor_text=visit)
    return pieces


def _x_of(pieces, needle: str) -> float:
    return next(x for text, x in pieces if needle in text)


@pytest.fixture
def agenda():
    session = BrokerageSessionFactory(event__venue_name="Technopark", event__city="Casablanca")
    ana = MeetingProfileFactory(session=session, name="Amina Alaoui", company_name="Atlas Digital")
    other = MeetingProfileFactory(session=session, name="Omar Berrada", company_name="Dar Data")
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=other)
    meeting_services.meeting_request_accept(request=meeting, by=other.user)
    meeting_services.meetings_schedule(session=session, by=other.user)
    meeting.refresh_from_db()
    assert meeting.starts_at, "the meeting has a time"
    return ana, [meeting]


def test_the_arabic_agenda_pdf_runs_from_the_right_like_the_arabic_invoice(agenda):
    profile, meetings = agenda
    page_width = 595.28  # A4, in points
    with translation.override("ar"):
        arabic = _words_with_x(render_agenda_pdf(profile, meetings))
    with translation.override("fr"):
        french = _words_with_x(render_agenda_pdf(profile, meetings))

    # A Latin line (the place) starts at the left margin in French and ends at the right one in Arabic.
    assert _x_of(french, "Technopark") < 60
    assert _x_of(arabic, "Technopark") > page_width / 2
    # The columns run from the right in Arabic: the time first (rightmost), the other person last (leftmost).
    time = f"{local(meetings[0].starts_at, profile.session):%H:%M}"
    assert _x_of(french, time) < _x_of(french, "Omar Berrada")
    assert _x_of(arabic, time) > _x_of(arabic, "Omar Berrada")
