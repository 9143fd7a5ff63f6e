"""One world for the security sweeps, built once per module: two companies and their people, the secretariat's
roles, an event with registrations, board posts, orders, invoices, B2B meetings, and one logged-in client per
persona (staff with a session that passed two-factor authentication, as the admin requires)."""

import io
import time
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation
from wagtail.models import Collection, Page

from tests.factories.accounts import StaffUserFactory, add_totp

# Who makes the requests, in the order of the expectation tables' columns.
PERSONAS = [
    "anon",
    "member_a",
    "admin_a",
    "admin_b",
    "editor",
    "treasurer",
    "event_manager",
    "moderator",
    "secretariat",
]
ROLE_OF = {
    "editor": "Rédacteur",
    "treasurer": "Trésorier",
    "event_manager": "Responsable des événements",
    "moderator": "Modérateur",
    "secretariat": "Secrétariat",
}


def png_bytes(size=(1, 1)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, "PNG")
    return out.getvalue()


PNG = png_bytes()


@dataclass
class World:
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)

    def __getitem__(self, name):
        return self.objects[name]


def staff_client(user) -> Client:
    client = Client(raise_request_exception=False)
    add_totp(user)
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def member_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def security_media(tmp_path_factory):
    return tmp_path_factory.mktemp("security-media")


@pytest.fixture(autouse=True)
def _media_root(settings, security_media):
    """Files made by the module's world stay readable by every test of the module."""
    settings.MEDIA_ROOT = security_media


def build_world() -> World:
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from events.models import CalendarFeedToken, EventIndexPage
    from members.communications.preferences import unsubscribe_token
    from members.models import Role
    from members.services.invitations import invitation_create
    from payments.services.orders import order_mark_paid
    from payments.services.receipts import transfer_receipt_upload
    from tests.factories.cms import NewsCategoryFactory, NewsPageFactory
    from tests.factories.communications import AnnouncementFactory, SuppressedAddressFactory
    from tests.factories.events import EventPageFactory, SpeakerFactory
    from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory, MeetingRequestFactory
    from tests.factories.members import MembershipApplicationFactory, OrganisationFactory, OrganisationMemberFactory
    from tests.factories.memberships import MembershipFactory
    from tests.factories.partnerships import ConversationFactory, MessageFactory, PostFactory
    from tests.factories.payments import make_order
    from tests.factories.registrations import (
        QuestionFactory,
        RegistrationFactory,
        RegistrationSettingsFactory,
        TicketTypeFactory,
        WaitlistEntryFactory,
    )

    world = World()
    o = world.objects

    company_a = o["company_a"] = OrganisationFactory(legal_name="Atlas Composants SARL", trade_name="Atlas Composants")
    company_b = o["company_b"] = OrganisationFactory(legal_name="Bouregreg Plastiques SARL")
    company_c = o["company_c"] = OrganisationFactory(legal_name="Chaouia Conseil SARL")
    o["membership_a"] = MembershipFactory(organisation=company_a)
    MembershipFactory(organisation=company_b)
    MembershipFactory(organisation=company_c)
    member_a = o["person_member_a"] = OrganisationMemberFactory(organisation=company_a, role=Role.MEMBER)
    admin_a = o["person_admin_a"] = OrganisationMemberFactory(organisation=company_a, role=Role.ADMIN)
    admin_b = OrganisationMemberFactory(organisation=company_b, role=Role.ADMIN)
    admin_c = OrganisationMemberFactory(organisation=company_c, role=Role.ADMIN)
    world.users.update(member_a=member_a.user, admin_a=admin_a.user, admin_b=admin_b.user)
    for persona, group in ROLE_OF.items():
        # As the accounts are set up (demo/accounts.py): only the secretariat is `is_staff`.
        user = StaffUserFactory(
            is_superuser=False, is_staff=persona == "secretariat", email=f"{persona}@secretariat.example.ma"
        )
        user.groups.add(Group.objects.get(name=group))
        world.users[persona] = user

    # Pages: the migration's home page, an event index with an event, a news article.
    home = o["home"] = Page.objects.get(depth=2)
    index = home.add_child(instance=EventIndexPage(title="Événements", slug="evenements"))
    event = o["event"] = EventPageFactory(parent=index)
    o["event_index"] = index
    o["news"] = NewsPageFactory(parent=home)
    RegistrationSettingsFactory(event=event)
    ticket = TicketTypeFactory(event=event)
    QuestionFactory(event=event)
    RegistrationFactory(ticket_type=ticket, organisation=company_c)
    o["waitlist"] = WaitlistEntryFactory(event=event, email=member_a.user.email)
    SpeakerFactory()
    NewsCategoryFactory()

    # The board: company A's post, a conversation with company C about it.
    post = o["post"] = PostFactory(organisation=company_a, author=admin_a.user)
    o["conversation"] = ConversationFactory(post=post, organisation=company_c, started_by=admin_c.user)
    MessageFactory(conversation=o["conversation"])

    # Money: company A's pending order with a receipt, and a paid one with its invoice.
    order = o["order"] = make_order(organisation=company_a, buyer_user=admin_a.user)
    o["receipt"] = transfer_receipt_upload(
        order=order, uploaded=SimpleUploadedFile("virement.png", PNG, content_type="image/png"), by=admin_a.user
    )
    paid = o["paid_order"] = make_order(organisation=company_a, buyer_user=admin_a.user)
    order_mark_paid(order=paid, provider="manual", method="bank_transfer", amount=paid.total)
    paid.refresh_from_db()
    o["invoice"] = paid.invoices.first()

    # B2B meetings: a session at the event, company A's and company C's profiles, a request from C to A.
    session = o["brokerage"] = BrokerageSessionFactory(event=event)
    profile_a = o["profile_a"] = MeetingProfileFactory(session=session, user=member_a.user, organisation=company_a)
    profile_c = o["profile_c"] = MeetingProfileFactory(session=session, user=admin_c.user, organisation=company_c)
    o["registration"] = profile_a.registration  # member A's, for company A
    o["meeting_request"] = MeetingRequestFactory(session=session, requester=profile_c, recipient=profile_a)

    # Members' admin data.
    mail.outbox = []
    o["invitation"] = invitation_create(organisation=company_a, email="karim@atlas.example.ma", by=admin_a.user)
    o["invitation_token"] = (
        next(word for word in mail.outbox[-1].body.split() if "/invitations/" in word).rstrip("/").rsplit("/", 1)[-1]
    )
    o["application"] = MembershipApplicationFactory()
    o["announcement"] = AnnouncementFactory()
    SuppressedAddressFactory()
    o["unsubscribe_token"] = unsubscribe_token(
        email=member_a.user.email, user_id=member_a.user.pk, topic="event_announcements"
    )
    o["feed_token"] = CalendarFeedToken.objects.create(user=member_a.user).token

    # Wagtail media.
    o["collection"] = Collection.get_first_root_node().add_child(name="Photos")
    o["image"] = Image.objects.create(title="Logo", file=SimpleUploadedFile("logo.png", PNG))
    o["document"] = Document.objects.create(title="Statuts", file=SimpleUploadedFile("statuts.txt", b"Statuts"))

    # Clients: one per persona.
    world.clients["anon"] = Client(raise_request_exception=False)
    for persona in ("member_a", "admin_a", "admin_b"):
        world.clients[persona] = member_client(world.users[persona])
    for persona in ROLE_OF:
        world.clients[persona] = staff_client(world.users[persona])
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, security_media):
    """Built inside a transaction rolled back when the module ends: nothing leaks into other tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(MEDIA_ROOT=security_media):
            translation.activate(settings.LANGUAGE_CODE)
            built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def addresses(world, django_db_blocker):
    """A concrete address for every URL pattern, keyed by route."""
    from tests.security.urls import fill, unique_patterns

    with django_db_blocker.unblock():
        return {pattern.route: fill(pattern, world) for pattern in unique_patterns()}
