"""Who an e-mail about a company goes to: its people with the right role, else its contact address, else nobody and
why (members.recipients)."""

import pytest

from members.models import EmailPreferences, Role, SuppressedAddress, Topic
from members.recipients import Unreachable, recipients_for
from tests.factories.members import AdminFactory, OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db


def test_the_administrators_are_written_to_in_their_language():
    company = OrganisationFactory(contact_email="contact@atlas.example.ma")
    admin = AdminFactory(organisation=company, user__email="salma@atlas.example.ma", user__preferred_language="ar")
    OrganisationMemberFactory(organisation=company, user__email="amine@atlas.example.ma")

    reach = recipients_for(company, role=Role.ADMIN)

    assert reach.addresses == [admin.user.email]
    assert reach.languages == ["ar"]
    assert reach.reachable and not reach.via_contact_address


def test_a_company_with_no_people_is_written_to_at_its_contact_address():
    company = OrganisationFactory(contact_email="contact@atlas.example.ma")

    reach = recipients_for(company, role=Role.ADMIN)

    assert reach.addresses == ["contact@atlas.example.ma"]
    assert reach.languages == ["fr"]
    assert reach.via_contact_address and reach.nobody_has_account and reach.reachable


def test_without_an_administrator_the_board_writes_to_anyone_there_but_dues_go_to_the_contact_address():
    company = OrganisationFactory(contact_email="contact@atlas.example.ma")
    member = OrganisationMemberFactory(organisation=company, user__email="amine@atlas.example.ma")

    dues = recipients_for(company, role=Role.ADMIN)
    board = recipients_for(company, role=None)

    assert dues.addresses == ["contact@atlas.example.ma"]
    assert dues.via_contact_address and not dues.nobody_has_account
    assert board.addresses == [member.user.email] and not board.via_contact_address


def test_the_people_concerned_come_first_while_they_are_still_at_the_company():
    company = OrganisationFactory()
    admin = AdminFactory(organisation=company)
    author = OrganisationMemberFactory(organisation=company).user

    assert recipients_for(company, role=None, people=[author]).addresses == [author.email]

    author.is_active = False
    author.save()

    assert recipients_for(company, role=None, people=[author]).addresses == [admin.user.email]


def test_a_company_with_neither_people_nor_contact_address_cannot_be_reached():
    company = OrganisationFactory(trade_name="Kasbah Games", contact_email="")
    OrganisationMemberFactory(organisation=company, user__is_active=False)

    reach = recipients_for(company, role=None)

    assert not reach.reachable and reach.addresses == []
    assert reach.reason == Unreachable.NO_PEOPLE
    assert reach.organisation == "Kasbah Games"


def test_a_contact_address_that_bounced_is_no_way_to_reach_the_company():
    company = OrganisationFactory(contact_email="Contact@Atlas.example.ma")
    SuppressedAddress.objects.create(email="contact@atlas.example.ma", reason=SuppressedAddress.Reason.BOUNCED)

    reach = recipients_for(company)

    assert not reach.reachable and reach.reason == Unreachable.CONTACT_REFUSED


def test_a_contact_address_that_only_unsubscribed_from_announcements_still_gets_what_is_written_to_the_company():
    company = OrganisationFactory(contact_email="contact@atlas.example.ma")
    SuppressedAddress.objects.create(email="contact@atlas.example.ma", reason=SuppressedAddress.Reason.UNSUBSCRIBED)

    assert recipients_for(company).addresses == ["contact@atlas.example.ma"]
    assert not recipients_for(company, topic=Topic.BOARD_MATCHES).reachable


def test_an_opt_out_topic_leaves_out_who_turned_it_off_and_never_falls_back_to_the_contact_address():
    company = OrganisationFactory(contact_email="contact@atlas.example.ma")
    keen = AdminFactory(organisation=company).user
    tired = AdminFactory(organisation=company).user
    EmailPreferences.objects.create(user=tired, board_matches=False)

    assert recipients_for(company, topic=Topic.BOARD_MATCHES).addresses == [keen.email]

    EmailPreferences.objects.create(user=keen, board_matches=False)
    reach = recipients_for(company, topic=Topic.BOARD_MATCHES)

    assert not reach.reachable and reach.reason == Unreachable.OPTED_OUT
    assert recipients_for(company).addresses == [keen.email, tired.email]  # what is written to them still goes
