"""Renewal reminders reach the administrators, else the company's contact address (which the e-mail says); a company
with neither is not reminded, not recorded as reminded, counted apart, and reminded once it can be reached."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from core.branding import association_branding
from members.dues.services import membership_send_renewal_reminders
from members.models import Membership, MembershipReminder
from payments.models import Order, PaymentMethod
from payments.services import order_mark_paid
from tests.factories.members import AdminFactory, OrganisationFactory, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.i18n import fr

pytestmark = pytest.mark.django_db

END = date(2026, 12, 31)
DAY_30 = date(2026, 12, 1)


@pytest.fixture
def plan():
    return MembershipPlanFactory(name="Adhésion PME", annual_fee=1_200_000)


def member(plan, organisation):
    return MembershipFactory(organisation=organisation, plan=plan, period_start=date(2026, 1, 1), period_end=END)


@pytest.fixture
def companies(plan):
    admin = AdminFactory(user__email="admin@atlas.example.ma", organisation__legal_name="Atlas SARL")
    imported = OrganisationFactory(legal_name="Dar Data SARL", trade_name="Dar Data", contact_email="dues@dardata.ma")
    silent = OrganisationFactory(legal_name="Kasbah Games SARL", trade_name="Kasbah Games", contact_email="")
    OrganisationMemberFactory(organisation=silent)  # a plain member decides nothing about dues
    for organisation in (admin.organisation, imported, silent):
        member(plan, organisation)
    return {"admin": admin, "imported": imported, "silent": silent}


def test_the_run_counts_only_what_went_out_and_names_who_cannot_be_reached(companies):
    run = membership_send_renewal_reminders(today=DAY_30)

    assert run.sent == 2
    assert run.unreachable == ("Kasbah Games",)
    assert sorted(message.to[0] for message in mail.outbox) == ["admin@atlas.example.ma", "dues@dardata.ma"]
    reminded = set(MembershipReminder.objects.values_list("membership__organisation__trade_name", flat=True))
    assert "Kasbah Games" not in reminded and len(reminded) == 2
    # Nothing was prepared for the company nobody was told about: no renewal, no order.
    assert not companies["silent"].memberships.filter(status=Membership.Status.AWAITING_PAYMENT).exists()


def test_the_reminder_at_the_contact_address_says_why_it_came_there(companies):
    membership_send_renewal_reminders(today=DAY_30)

    message = next(message for message in mail.outbox if message.to == ["dues@dardata.ma"])
    assert (
        fr(
            "You receive this e-mail as the contact address of %(company)s: nobody at %(company)s has an account on "
            "%(site_name)s yet.",
            company="Dar Data",
            site_name=association_branding().name,
        )
        in message.body
    )
    assert "12\xa0000,00\xa0MAD" in message.body
    assert MembershipReminder.objects.get(membership__organisation=companies["imported"]).recipients == (
        "dues@dardata.ma"
    )


def test_an_unreachable_company_is_reminded_on_the_next_run_once_it_has_a_contact_address(companies):
    membership_send_renewal_reminders(today=DAY_30)
    mail.outbox.clear()

    again = membership_send_renewal_reminders(today=date(2026, 12, 2))
    assert again.sent == 0 and again.unreachable == ("Kasbah Games",) and mail.outbox == []

    silent = companies["silent"]
    silent.contact_email = "bonjour@kasbah.example.ma"
    silent.save()
    later = membership_send_renewal_reminders(today=date(2026, 12, 3))

    assert later.sent == 1 and later.unreachable == ()
    assert [message.to for message in mail.outbox] == [["bonjour@kasbah.example.ma"]]
    assert MembershipReminder.objects.get(membership__organisation=silent).days_before_end == 30


def test_a_company_without_administrator_but_with_a_contact_address_says_so(plan):
    company = OrganisationFactory(trade_name="Menara Naturals", contact_email="contact@menara.ma")
    OrganisationMemberFactory(organisation=company)
    member(plan, company)

    membership_send_renewal_reminders(today=DAY_30)

    assert [message.to for message in mail.outbox] == [["contact@menara.ma"]]
    assert (
        fr(
            "You receive this e-mail as the contact address of %(company)s: %(company)s has no company administrator "
            "on %(site_name)s yet.",
            company="Menara Naturals",
            site_name=association_branding().name,
        )
        in mail.outbox[0].body
    )


def test_the_command_says_how_many_went_out_and_which_companies_cannot_be_reached(companies, settings):
    settings.MEMBERSHIP_REMINDER_DAYS = [400, 0]
    settings.MEMBERSHIP_RENEWAL_WINDOW_DAYS = 400
    out = StringIO()

    call_command("send_membership_reminders", stdout=out)

    assert out.getvalue().strip() == (
        "Renewal reminders: 2 reminders sent, 1 company cannot be reached (no administrator, no contact address): "
        "Kasbah Games."
    )
    assert len(mail.outbox) == 2


def test_the_invoice_of_a_renewal_made_out_to_no_address_goes_to_the_administrators(
    plan, django_capture_on_commit_callbacks
):
    admin = AdminFactory(user__email="admin@atlas.example.ma", organisation__contact_email="")
    member(plan, admin.organisation)
    membership_send_renewal_reminders(today=DAY_30)
    order = Order.objects.get()
    assert order.buyer_email == ""  # prepared by the reminder, for a company without contact address
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_mark_paid(order=order, provider="manual", method=PaymentMethod.BANK_TRANSFER, amount=order.total)

    (message,) = mail.outbox
    assert message.to == ["admin@atlas.example.ma"]
    assert message.attachments[0][0] == f"{order.invoices.get().number}.pdf"


def test_the_contact_address_pays_through_its_link_without_an_account(companies, client):
    membership_send_renewal_reminders(today=DAY_30)
    message = next(message for message in mail.outbox if message.to == ["dues@dardata.ma"])
    link = next(word for word in message.body.split() if "/payments/" in word)
    order = Order.objects.get(organisation=companies["imported"])

    page = client.get(link.removeprefix("http://testserver"), follow=True)

    assert page.status_code == 200
    assert page.redirect_chain and page.redirect_chain[-1][0].endswith(f"/payments/orders/{order.public_id}/")
    assert order.reference in page.text and "12\xa0000,00\xa0MAD" in page.text
    # The administrators' reminder keeps the plain order address: they log in.
    admin_message = next(message for message in mail.outbox if message.to == ["admin@atlas.example.ma"])
    assert "/payments/orders/" in admin_message.body
