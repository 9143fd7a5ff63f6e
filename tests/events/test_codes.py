"""Ticket codes people can read aloud and type: their shape, their strength, and how the door finds them."""

import math
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from events import codes
from events.badges import qr_content
from events.checkin import UnknownCode, checkin_lookup, code_candidates
from events.models import Registration
from tests.events.staff import REGISTRATION_PERMISSIONS, log_in, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

CANONICAL = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")
OLD_CODE = "Ab3_-xYz9KLm"  # secrets.token_urlsafe(9), as tickets were made before


# --- Making codes ---------------------------------------------------------------------------------------------


def test_a_new_code_is_four_groups_of_four_unambiguous_capitals_and_digits():
    code = codes.new_code()

    assert CANONICAL.match(code), code
    assert not set(code) & set("ILOU")


def test_the_alphabet_is_crockford_base32():
    assert codes.ALPHABET == "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    assert len(set(codes.ALPHABET)) == 32


def test_a_code_carries_at_least_72_random_bits():
    assert codes.SYMBOLS * math.log2(len(codes.ALPHABET)) >= 72


def test_codes_drawn_use_every_symbol_and_do_not_repeat():
    drawn = [codes.new_code() for _ in range(2000)]

    assert len(set(drawn)) == len(drawn)
    assert set("".join(drawn).replace("-", "")) == set(codes.ALPHABET)


@pytest.mark.django_db
def test_a_registration_gets_a_new_style_code(events_index):
    registration = RegistrationFactory(ticket_type=TicketTypeFactory(event=EventPageFactory(parent=events_index)))

    assert CANONICAL.match(registration.code)
    assert Registration._meta.get_field("code").max_length >= len(registration.code)


@pytest.mark.django_db
def test_two_registrations_cannot_share_a_code(events_index):
    ticket = TicketTypeFactory(event=EventPageFactory(parent=events_index))
    first = RegistrationFactory(ticket_type=ticket)

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(ticket_type=ticket, code=first.code)


# --- Reading what was typed -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "K7QF-9MZT-4HXA-W2RD",
        "k7qf-9mzt-4hxa-w2rd",
        "K7QF 9MZT 4HXA W2RD",
        "  k7qf9mzt4hxaw2rd ",
        "K7QF–9MZT–4HXA–W2RD",  # en dashes, as some keyboards correct the hyphen
        "K7QF-9MZT-4HXA-W2RD\n",
    ],
)
def test_a_typed_code_reads_as_its_canonical_form(typed):
    assert codes.canonical_code(typed) == "K7QF-9MZT-4HXA-W2RD"


def test_letters_that_look_like_digits_read_as_those_digits():
    assert codes.canonical_code("OO1I-L0o1-ilOO-1111") == "0011-1001-1100-1111"


@pytest.mark.parametrize(
    "typed",
    ["", "K7QF-9MZT-4HXA", "K7QF-9MZT-4HXA-W2RDX", "K7QF-9MZT-4HXA-W2RU", "K7QF_9MZT_4HXA_W2RD", OLD_CODE],
)
def test_what_cannot_be_a_new_code_has_no_canonical_form(typed):
    assert codes.canonical_code(typed) is None


def test_an_old_code_is_looked_up_exactly_as_it_is():
    assert code_candidates(f"  {OLD_CODE} ") == [OLD_CODE]
    assert code_candidates(f"https://majlis.ma/registrations/{OLD_CODE}/") == [OLD_CODE]


# --- Finding the ticket ---------------------------------------------------------------------------------------


@pytest.fixture
def event(events_index):
    return EventPageFactory(parent=events_index)


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        "K7QF-9MZT-4HXA-W2R0",
        "k7qf-9mzt-4hxa-w2r0",
        "k7qf 9mzt 4hxa w2r0",
        "K7QF9MZT4HXAW2R0",
        "k7qf-9mzt-4hxa-w2ro",  # the letter o for the digit 0
        "https://majlis.example.ma/registrations/K7QF-9MZT-4HXA-W2R0/",
        "https://majlis.example.ma/registrations/k7qf9mzt4hxaw2r0?utm=qr",
    ],
)
def test_the_door_finds_a_new_code_however_it_is_typed(event, ticket, typed):
    registration = RegistrationFactory(ticket_type=ticket, code="K7QF-9MZT-4HXA-W2R0")

    assert checkin_lookup(event=event, code=typed) == registration


@pytest.mark.django_db
def test_the_door_still_finds_an_old_code_exactly(event, ticket):
    registration = RegistrationFactory(ticket_type=ticket, code=OLD_CODE)

    assert checkin_lookup(event=event, code=OLD_CODE) == registration
    assert checkin_lookup(event=event, code=f"https://majlis.example.ma/registrations/{OLD_CODE}/") == registration


@pytest.mark.django_db
@pytest.mark.parametrize("typed", [OLD_CODE.upper(), OLD_CODE.lower(), OLD_CODE.replace("-", ""), "Ab3_-xYz9KLn"])
def test_an_old_code_is_not_found_from_an_approximation(event, ticket, typed):
    # Old codes are mixed case and hold _ and -: folding them would let one ticket's code match another's.
    RegistrationFactory(ticket_type=ticket, code=OLD_CODE)

    with pytest.raises(UnknownCode):
        checkin_lookup(event=event, code=typed)


@pytest.mark.django_db
def test_the_qr_code_holds_the_canonical_code(ticket):
    registration = RegistrationFactory(ticket_type=ticket)

    assert qr_content(registration) == registration.code
    assert CANONICAL.match(qr_content(registration))


@pytest.mark.django_db
def test_door_staff_check_in_a_code_typed_in_lower_case_without_dashes(client, event, ticket):
    registration = RegistrationFactory(ticket_type=ticket)
    log_in(client, staff_user(*REGISTRATION_PERMISSIONS))
    typed = registration.code.replace("-", " ").lower().replace("0", "o")

    response = client.post(reverse("events:check_in", args=[event.pk]), {"code": typed, "step": "check_in"})

    assert response.status_code == 200
    assert 'data-checkin-status="checked-in"' in response.text
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
