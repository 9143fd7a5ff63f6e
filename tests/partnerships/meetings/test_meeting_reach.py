"""A meeting e-mail about a participant whose account has been closed since goes to their company: a person there,
else its contact address (which the e-mail says), without the participant's calendar invitation."""

import pytest
from django.core import mail

from core.branding import association_branding
from members.models import Role
from partnerships.meetings import services
from tests.i18n import fr

from ..conftest import person

pytestmark = pytest.mark.django_db


def close_account(profile):
    profile.user.is_active = False
    profile.user.save()


def test_a_request_to_a_participant_who_left_reaches_an_administrator_of_their_company(session, ana, ben, company_b):
    colleague = person(company_b, Role.ADMIN, email="badr@bouregreg.example.ma")
    close_account(ben)

    services.meeting_request_send(requester=ana, recipient=ben, message="Parlons moules.", by=ana.user)

    assert [message.to for message in mail.outbox] == [[colleague.email]]
    assert "Parlons moules." in mail.outbox[0].body
    assert "contact" not in mail.outbox[0].body.split("Parlons")[0]


def test_with_nobody_left_at_the_company_the_request_goes_to_its_contact_address(session, ana, ben, company_b):
    company_b.contact_email = "contact@bouregreg.example.ma"
    company_b.save()
    close_account(ben)

    services.meeting_request_send(requester=ana, recipient=ben, message="Parlons moules.", by=ana.user)

    assert [message.to for message in mail.outbox] == [["contact@bouregreg.example.ma"]]
    body = mail.outbox[0].body
    assert (
        fr(
            "You receive this e-mail as the contact address of %(company)s: nobody at %(company)s has an account on "
            "%(site_name)s yet.",
            company="Bouregreg Plastiques",
            site_name=association_branding().name,
        )
        in body
    )
    assert not mail.outbox[0].attachments


def test_with_neither_nothing_is_sent(session, ana, ben, company_b):
    company_b.contact_email = ""
    company_b.save()
    close_account(ben)

    services.meeting_request_send(requester=ana, recipient=ben, message="Parlons moules.", by=ana.user)

    assert mail.outbox == []
