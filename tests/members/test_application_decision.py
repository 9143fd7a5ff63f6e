"""The secretariat's decision page for a membership application: the company, its contact and the plan it
chose, what approving does (and did), the message after approving and the acceptance e-mail, which all say
the same thing; and counts of companies on the dashboard that agree with their number."""

import re
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import ngettext, override
from wagtail.users.models import UserProfile

from members import services
from members.models import Membership, Organisation
from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.members import MembershipApplicationFactory, MemberUserFactory, OrganisationFactory, SectorFactory
from tests.factories.memberships import MembershipPlanFactory
from tests.i18n import fr

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(client):
    user = StaffUserFactory()
    login_with_mfa(client, user)
    return user


@pytest.fixture
def pme_plan():
    return MembershipPlanFactory(
        name="Adhésion PME",
        name_en="SME membership",
        annual_fee=1_200_000,
        joining_fee=200_000,
        requires_approval=True,
    )


@pytest.fixture
def application(pme_plan):
    informatique = SectorFactory(name="Informatique et numérique")
    application = MembershipApplicationFactory(
        plan=pme_plan,
        organisation__legal_name="Atlas Logiciels SARL",
        organisation__trade_name="Atlas",
        organisation__ice="001234567000062",
        organisation__region="fes-meknes",
        organisation__city="Fès",
        applicant__first_name="Nadia",
        applicant__last_name="Benali",
        applicant__email="nadia@atlas.example.ma",
        motivation="Rejoindre l'écosystème du numérique à Fès.",
    )
    application.organisation.sectors.add(informatique)
    return application


def text_of(html: str) -> str:
    """A page as a reader sees it: no tags, entities decoded, spaces collapsed (no-break spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def block(page: str, name: str) -> str:
    """The text of the page's `data-application="<name>"` element."""
    match = re.search(rf'data-application="{name}"[^>]*>(.*?)</(dl|div)>', page, re.S)
    assert match, f"No {name} block on the page."
    return text_of(match.group(1))


def decide_url(application) -> str:
    return reverse("members_applications:edit", args=[application.pk])


def approve(client, application, message=""):
    return client.post(decide_url(application), {"decision": "approve", "message": message}, follow=True)


def test_decision_page_shows_the_company_its_contact_and_the_chosen_plan(client, secretary, application):
    page = client.get(decide_url(application)).content.decode()

    company = block(page, "company")
    assert "Atlas Logiciels SARL (Atlas)" in company
    assert "001234567000062" in company
    assert "Informatique et numérique" in company
    assert "Fès-Meknès" in company and "fes-meknes" not in company
    contact = block(page, "contact")
    assert "Nadia Benali" in contact and "nadia@atlas.example.ma" in contact
    assert "Rejoindre l'écosystème du numérique à Fès." in block(page, "application")
    plan = block(page, "plan")
    assert "Adhésion PME" in plan
    assert f"12\xa0000,00\xa0MAD {fr('per year')}" in plan
    assert "2\xa0000,00\xa0MAD" in plan
    assert fr("The calendar year (1 January to 31 December)") in plan


def test_decision_page_says_approval_issues_the_first_dues_and_the_company_waits_for_them(
    client, secretary, application, settings
):
    settings.MEMBERSHIP_PERIOD = "anniversary"  # a full year of dues, whatever the day

    next_step = block(client.get(decide_url(application)).content.decode(), "next-step")

    assert "12\xa0000,00\xa0MAD" in next_step  # the dues
    assert "2\xa0000,00\xa0MAD" in next_step  # the joining fee
    assert "14\xa0000,00\xa0MAD" in next_step  # the order's total
    assert fr("Approved, first dues unpaid") in next_step
    assert "now an active member" not in next_step and fr("Active member") not in next_step


def test_the_total_the_page_announces_is_the_order_approval_issues(client, secretary, application):
    # Calendar periods (the default): the first dues are pro rata of the months left, whatever today is.
    next_step = block(client.get(decide_url(application)).content.decode(), "next-step")
    total = fr("total: %(amount)s", amount="@@")
    announced = re.search(re.escape(total).replace("@@", r"(\S+_MAD)"), next_step.replace("\xa0", "_")).group(1)

    approve(client, application)

    outcome = block(client.get(decide_url(application)).content.decode(), "outcome")
    assert f"· {announced.replace('_', chr(0xA0))} ·" in outcome
    assert Membership.objects.get().order.reference in outcome


def test_approving_a_paid_plan_says_the_first_dues_await_payment_and_e_mails_it(
    client, secretary, application, settings
):
    settings.MEMBERSHIP_PERIOD = "anniversary"
    mail.outbox.clear()

    response = approve(client, application, message="Bienvenue !")

    organisation = Organisation.objects.get(pk=application.organisation_id)
    assert organisation.status == Organisation.Status.APPROVED
    membership = organisation.memberships.get()
    assert membership.status == Membership.Status.AWAITING_PAYMENT
    assert membership.order.total == 1_400_000
    page = text_of(response.content.decode())
    said = fr(
        "%(organisation)s is approved; its first dues of %(amount)s are awaiting payment. "
        "It becomes an active member once they are paid.",
        organisation="Atlas",
        amount="14\xa0000,00\xa0MAD",
    )
    assert said in page
    assert fr("%(organisation)s is approved and is now an active member.", organisation="Atlas") not in page
    email = mail.outbox[-1]
    assert email.to == ["nadia@atlas.example.ma"]
    body = re.sub(r"[ \t\r\n]+", " ", email.body)
    # Card payment is off in the tests: the e-mail offers the bank transfer only.
    assert (
        fr(
            "Its first dues of %(amount)s are awaiting payment: %(organisation)s becomes an active member once "
            "they are paid, by bank transfer.",
            amount="14\xa0000,00\xa0MAD",
            organisation="Atlas",
        )
        in body
    )
    assert str(membership.order.public_id) in email.body
    assert "Bienvenue !" in email.body


def test_after_approval_the_page_shows_what_approval_did(client, secretary, application):
    approve(client, application)

    page = client.get(decide_url(application)).content.decode()

    outcome = block(page, "outcome")
    order = Membership.objects.get().order
    assert fr("Approved, first dues unpaid") in outcome
    assert fr("Awaiting payment") in outcome
    assert order.reference in outcome
    assert 'data-application="next-step"' not in page
    assert 'value="approve"' not in page


def test_approving_without_a_plan_says_the_company_is_an_active_member(client, secretary):
    application = MembershipApplicationFactory(organisation__trade_name="Denim", applicant__preferred_language="en")
    page = client.get(decide_url(application)).content.decode()
    assert fr(
        "The applicant becomes the company's administrator and the company is an active member at once: "
        "there are no dues to pay."
    ) in text_of(page)
    mail.outbox.clear()

    response = approve(client, application)

    assert Organisation.objects.get(pk=application.organisation_id).status == Organisation.Status.ACTIVE
    assert not Membership.objects.exists()
    page = text_of(response.content.decode())
    assert fr("%(organisation)s is approved and is now an active member.", organisation="Denim") in page
    body = mail.outbox[-1].body
    assert "Denim is now a member of" in body
    assert "dues" not in body


def test_approval_e_mail_in_english_says_the_first_dues_await_payment(client, secretary, pme_plan):
    # The company is approved, not yet a member: the e-mail does not say it is one.
    applicant = MemberUserFactory(preferred_language="en")
    application = MembershipApplicationFactory(applicant=applicant, plan=pme_plan)
    mail.outbox.clear()

    services.application_approve(application=application, by=secretary)

    body = re.sub(r"[ \t\r\n]+", " ", mail.outbox[-1].body)
    assert "is now a member of" not in body
    assert "are awaiting payment" in body and "becomes an active member once they are paid" in body


def test_the_applications_listing_shows_the_plan_and_status_labels(client, secretary, application):
    page = text_of(client.get(reverse("members_applications:index")).content.decode())

    assert "Atlas" in page and "Adhésion PME" in page
    assert fr("Awaiting review") in page
    assert " pending " not in page


def test_the_applications_export_has_the_plan(client, secretary, application):
    csv = b"".join(client.get(reverse("members_applications:index"), {"export": "csv"}).streaming_content).decode()

    assert "Adhésion PME" in csv and fr("Awaiting review") in csv


# --- Counts on the dashboard ---------------------------------------------------------------------------------


def members_panel(client) -> str:
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    start = page.index('id="members-panel-title"')
    return text_of(page[start : page.index("</ul>", start)])


@pytest.mark.parametrize("count", [1, 40])
def test_dashboard_counts_active_members_in_french_with_the_plural_of_their_number(client, secretary, count):
    OrganisationFactory.create_batch(count)

    panel = members_panel(client)

    with override("fr"):
        label = ngettext("active member", "active members", count)
    assert f"{count} {label}" in panel
    if count > 1:
        assert f"{count} {fr('Active member')}" not in panel  # "40 Membre actif"


@pytest.mark.parametrize(("count", "expected"), [(1, "1 active member"), (40, "40 active members")])
def test_dashboard_counts_active_members_in_english_with_the_plural_of_their_number(client, secretary, count, expected):
    profile = UserProfile.get_for_user(secretary)
    profile.preferred_language = "en"
    profile.save()
    OrganisationFactory.create_batch(count)
    OrganisationFactory(status=Organisation.Status.APPROVED)

    panel = members_panel(client)

    assert expected in panel
    assert "1 approved company, first dues unpaid" in panel
    assert "0 lapsed members" in panel
    assert "Active member" not in panel
