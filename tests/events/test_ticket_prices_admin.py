"""Ticket prices in the admin are typed and shown in MAD; the database keeps centimes."""

import pytest
from django.urls import reverse

from events.models import TicketType
from tests.events.staff import log_in, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory
from tests.i18n import fr, fr_html
from tests.spreadsheets import csv_dicts, xlsx_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, title="Forum inter-clusters")
    RegistrationSettingsFactory(event=event)
    return event


@pytest.fixture
def admin(client):
    return log_in(client, staff_user("add_tickettype", "change_tickettype", "view_tickettype"))


def post_ticket(admin, event, **prices):
    return admin.post(
        reverse("events_ticket_types:add"), {"event": event.pk, "name": "Pass", "sort_order": "0", **prices}
    )


def test_prices_typed_in_mad_with_french_decimals_and_spaces_are_stored_in_centimes(admin, event):
    response = post_ticket(admin, event, member_price="500", non_member_price="1 500,50")

    assert response.status_code == 302
    ticket = TicketType.objects.get(name="Pass")
    assert (ticket.member_price, ticket.non_member_price) == (50_000, 150_050)


def test_the_form_labels_the_prices_in_mad_and_shows_them_back_as_typed(admin, event):
    ticket = TicketTypeFactory(event=event, member_price=50_000, non_member_price=150_050)

    form = admin.get(reverse("events_ticket_types:edit", args=[ticket.pk])).text

    assert fr_html("Member price (MAD)") in form
    assert 'value="500,00"' in form
    assert 'value="1\u00a0500,50"' in form
    assert 'value="150050"' not in form


def test_saving_the_edit_form_unchanged_keeps_the_prices(admin, event):
    ticket = TicketTypeFactory(event=event, name="Pass", member_price=50_000, non_member_price=150_050, quota=None)

    response = admin.post(
        reverse("events_ticket_types:edit", args=[ticket.pk]),
        {
            "event": event.pk,
            "name": "Pass",
            "member_price": "500,00",
            "non_member_price": "1\u00a0500,50",
            "sort_order": "0",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.member_price, ticket.non_member_price) == (50_000, 150_050)


def test_an_empty_price_still_means_not_offered_to_that_group(admin, event):
    post_ticket(admin, event, member_price="", non_member_price="0")

    ticket = TicketType.objects.get(name="Pass")
    assert (ticket.member_price, ticket.non_member_price) == (None, 0)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-500", "The amount cannot be negative."),
        ("12,345", "An amount in MAD has at most two decimals (centimes)."),
        ("cinq cents", "Enter an amount in MAD, such as 1 500,00."),
    ],
)
def test_a_negative_price_or_a_fraction_of_a_centime_is_refused_with_the_form_kept(admin, event, typed, message):
    response = post_ticket(admin, event, member_price="0", non_member_price=typed)

    assert response.status_code == 200
    assert fr_html(message) in response.text
    assert f'value="{typed}"' in response.text
    assert not TicketType.objects.exists()


def test_the_listing_shows_prices_in_mad(admin, event):
    TicketTypeFactory(event=event, name="VIP", member_price=150_000, non_member_price=None)

    page = admin.get(reverse("events_ticket_types:index")).text

    assert "1\u00a0500,00\xa0MAD" in page
    assert "150000" not in page


def test_the_exports_give_prices_as_numbers_of_mad(admin, event):
    TicketTypeFactory(event=event, name="VIP", member_price=150_050, non_member_price=None)
    url = reverse("events_ticket_types:index")

    [row] = csv_dicts(admin.get(url, {"export": "csv"}))
    headings, values = (
        [cell.value for cell in line] for line in xlsx_sheet(admin.get(url, {"export": "xlsx"})).iter_rows()
    )

    assert row[fr("Member price (MAD)")] == "1500,50"
    assert row[fr("Non-member price (MAD)")] == ""
    assert float(values[headings.index(fr("Member price (MAD)"))]) == 1500.5
