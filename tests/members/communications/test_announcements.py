"""Announcements: who each segment reaches, languages, skipped addresses, batches, no double send, history."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django_tasks.signals import task_enqueued
from wagtail.models import ModelLogEntry, Site

from cms.models import AssociationSettings
from core.branding import BRAND_PRIMARY
from members.communications import services as communications
from members.communications.services import (
    AlreadySent,
    NoRecipients,
    announcement_deliver_batch,
    announcement_send,
    segment_recipients,
)
from members.models import (
    Announcement,
    Delivery,
    Membership,
    Organisation,
    Role,
    Segment,
    SuppressedAddress,
    Topic,
)
from tests.factories.accounts import StaffUserFactory
from tests.factories.communications import AnnouncementFactory, EmailPreferencesFactory, SuppressedAddressFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.members import MemberUserFactory, OrganisationFactory, OrganisationMemberFactory, SectorFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db


def company(*, status=Organisation.Status.ACTIVE, membership=Membership.Status.ACTIVE, **membership_fields):
    organisation = OrganisationFactory(status=status)
    if membership:
        MembershipFactory(organisation=organisation, status=membership, **membership_fields)
    return organisation


def person(organisation, *, role=Role.MEMBER, **user_fields) -> str:
    user_fields = {f"user__{key}": value for key, value in user_fields.items()}
    return OrganisationMemberFactory(organisation=organisation, role=role, **user_fields).user.email


def emails(segment, **targets) -> list[str]:
    return [recipient.email for recipient in segment_recipients(segment=segment, **targets)]


def send(announcement, by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return announcement_send(announcement=announcement, by=by)


@pytest.fixture
def sender(db):
    return StaffUserFactory(is_superuser=True)


@pytest.fixture
def send_now(sender, django_capture_on_commit_callbacks):
    return lambda announcement: send(announcement, sender, django_capture_on_commit_callbacks)


# --- Segments ------------------------------------------------------------------------------------------------


def test_active_members_segment_reaches_paid_and_grace_companies_not_lapsed_or_applicants():
    paid = person(company())
    grace = person(company(membership=Membership.Status.GRACE))
    lapsed = person(company(status=Organisation.Status.LAPSED, membership=Membership.Status.LAPSED))
    applicant = person(company(status=Organisation.Status.APPLICANT, membership=None))
    gone = person(company(), is_active=False)

    reached = emails(Segment.ACTIVE_MEMBERS)

    assert paid in reached and grace in reached
    assert lapsed not in reached and applicant not in reached and gone not in reached


def test_company_admins_segment_reaches_administrators_of_active_members_only():
    active = company()
    admin, colleague = person(active, role=Role.ADMIN), person(active)
    lapsed_admin = person(
        company(status=Organisation.Status.LAPSED, membership=Membership.Status.LAPSED), role=Role.ADMIN
    )

    assert emails(Segment.COMPANY_ADMINS) == [admin]
    assert colleague not in emails(Segment.COMPANY_ADMINS) and lapsed_admin not in emails(Segment.COMPANY_ADMINS)


def test_plan_segment_reaches_companies_with_a_current_membership_under_that_plan():
    startup, sme = MembershipPlanFactory(name="Startup"), MembershipPlanFactory(name="PME")
    on_plan = person(company(plan=startup))
    in_grace = person(company(plan=startup, membership=Membership.Status.GRACE))
    other_plan = person(company(plan=sme))
    lapsed_on_plan = person(
        company(plan=startup, status=Organisation.Status.LAPSED, membership=Membership.Status.LAPSED)
    )

    assert emails(Segment.PLAN, plan=startup) == sorted([on_plan, in_grace])
    assert other_plan not in emails(Segment.PLAN, plan=startup) and lapsed_on_plan not in emails(
        Segment.PLAN, plan=startup
    )


def test_sector_segment_reaches_active_members_of_that_sector():
    it, textile = SectorFactory(name="Informatique"), SectorFactory(name="Textile")
    active_it = company()
    active_it.sectors.add(it)
    lapsed_it = company(status=Organisation.Status.LAPSED, membership=Membership.Status.LAPSED)
    lapsed_it.sectors.add(it)
    active_textile = company()
    active_textile.sectors.add(textile)
    reached, lapsed, other = person(active_it), person(lapsed_it), person(active_textile)

    assert emails(Segment.SECTOR, sector=it) == [reached]
    assert lapsed not in emails(Segment.SECTOR, sector=it) and other not in emails(Segment.SECTOR, sector=it)


def test_event_segment_reaches_confirmed_attendees_with_or_without_an_account():
    index = EventIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page)
    event, other_event = EventPageFactory(parent=index), EventPageFactory(parent=index)
    member = MemberUserFactory(preferred_language="en")
    RegistrationFactory(ticket_type__event=event, user=member, attendee_email=member.email, language="en")
    RegistrationFactory(
        ticket_type__event=event, attendee_email="Invite@Exemple.MA", attendee_name="Invité", language="ar"
    )
    RegistrationFactory(ticket_type__event=event, attendee_email="annule@exemple.ma", status="cancelled")
    RegistrationFactory(ticket_type__event=event, attendee_email="attend@exemple.ma", status="reserved")
    RegistrationFactory(ticket_type__event=other_event, attendee_email="ailleurs@exemple.ma")

    recipients = {r.email: r for r in segment_recipients(segment=Segment.EVENT_ATTENDEES, event=event)}

    assert set(recipients) == {member.email, "invite@exemple.ma"}
    assert recipients["invite@exemple.ma"].language == "ar" and recipients["invite@exemple.ma"].user_id is None
    assert recipients[member.email].user_id == member.pk


def test_lapsed_segment_reaches_lapsed_members_not_those_who_renewed():
    lapsed = person(company(status=Organisation.Status.LAPSED, membership=Membership.Status.LAPSED))
    renewed = company(status=Organisation.Status.ACTIVE, membership=Membership.Status.ENDED)
    MembershipFactory(organisation=renewed, status=Membership.Status.ACTIVE)
    renewed_person = person(renewed)
    active = person(company())

    assert emails(Segment.LAPSED_MEMBERS) == [lapsed]
    assert renewed_person not in emails(Segment.LAPSED_MEMBERS) and active not in emails(Segment.LAPSED_MEMBERS)


def test_a_person_in_two_member_companies_is_written_to_once():
    membership = OrganisationMemberFactory(organisation=company())
    OrganisationMemberFactory(organisation=company(), user=membership.user)

    assert emails(Segment.ACTIVE_MEMBERS) == [membership.user.email]


def test_a_segment_that_needs_a_plan_sector_or_event_refuses_to_be_saved_without_it():
    announcement = AnnouncementFactory.build(segment=Segment.PLAN)

    with pytest.raises(ValidationError) as error:
        announcement.full_clean()

    assert "plan" in error.value.message_dict


# --- Sending -------------------------------------------------------------------------------------------------


def test_each_recipient_gets_their_language_and_french_when_it_is_not_written(send_now):
    organisation = company()
    french = person(organisation, preferred_language="fr")
    english = person(organisation, preferred_language="en")
    arabic = person(organisation, preferred_language="ar")
    announcement = AnnouncementFactory(subject="Assemblée générale", subject_en="General assembly", body_en="Hello.")

    send_now(announcement)

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {french: "Assemblée générale", english: "General assembly", arabic: "Assemblée générale"}
    english_mail = next(message for message in mail.outbox if message.to == [english])
    assert "Hello." in english_mail.body and "/en/unsubscribe/" in english_mail.body
    assert english_mail.alternatives[0].mimetype == "text/html"


def test_the_email_carries_the_association_branding_and_unsubscribe_headers(send_now):
    site = Site.objects.get(is_default_site=True)
    AssociationSettings.objects.update_or_create(site=site, defaults={"name": "ASTEC", "email": "contact@astec.ma"})
    person(company())

    send_now(AnnouncementFactory(topic=Topic.NEWS_DIGEST))

    message = mail.outbox[0]
    html = message.alternatives[0].content
    assert "ASTEC" in html and BRAND_PRIMARY in html
    assert message.reply_to == ["contact@astec.ma"]
    assert re.fullmatch(r"<http://testserver/unsubscribe/[^>]+/>", message.extra_headers["List-Unsubscribe"])
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"][1:-1] in html


def test_opted_out_and_suppressed_addresses_are_skipped_and_recorded(send_now):
    organisation = company()
    reader = person(organisation)
    opted_out = OrganisationMemberFactory(organisation=organisation).user
    EmailPreferencesFactory(user=opted_out, event_announcements=False)
    bounced = person(organisation)
    SuppressedAddressFactory(email=bounced.upper())
    announcement = AnnouncementFactory(topic=Topic.EVENTS)

    send_now(announcement)

    assert [message.to for message in mail.outbox] == [[reader]]
    reasons = dict(announcement.deliveries.values_list("email", "skip_reason"))
    assert reasons == {reader: "", opted_out.email: "opted_out", bounced: "suppressed"}
    announcement.refresh_from_db()
    assert (announcement.recipients_count, announcement.sent_count, announcement.skipped_count) == (3, 1, 2)


def test_general_announcements_ignore_topic_opt_outs_but_respect_the_suppression_list(send_now):
    organisation = company()
    opted_out = OrganisationMemberFactory(organisation=organisation).user
    EmailPreferencesFactory(user=opted_out, news_digest=False, event_announcements=False, board_matches=False)
    SuppressedAddressFactory(email=person(organisation), reason=SuppressedAddress.Reason.COMPLAINED)

    send_now(AnnouncementFactory(topic=Topic.GENERAL))

    assert [message.to for message in mail.outbox] == [[opted_out.email]]


def test_sending_goes_out_in_batches_and_marks_the_announcement_sent(send_now, monkeypatch, sender):
    monkeypatch.setattr(communications, "BATCH_SIZE", 2)
    organisation = company()
    for _ in range(5):
        person(organisation)
    batches = []

    def record(sender, task_result, **kwargs):
        if task_result.task.name == "send_announcement_batch":
            batches.append(len(task_result.kwargs["delivery_ids"]))

    task_enqueued.connect(record)
    try:
        announcement = send_now(AnnouncementFactory())
    finally:
        task_enqueued.disconnect(record)

    assert batches == [2, 2, 1]
    assert len(mail.outbox) == 5
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT and announcement.sent_at is not None
    assert announcement.sent_count == 5 and announcement.queued_by == sender
    assert set(announcement.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_running_a_batch_again_never_sends_twice(send_now):
    organisation = company()
    person(organisation)
    person(organisation)
    announcement = send_now(AnnouncementFactory())
    ids = list(announcement.deliveries.values_list("pk", flat=True))

    assert announcement_deliver_batch(delivery_ids=ids) == 0
    assert len(mail.outbox) == 2


def test_a_draft_is_sent_once_only(send_now, sender):
    person(company())
    announcement = send_now(AnnouncementFactory())

    with pytest.raises(AlreadySent):
        announcement_send(announcement=announcement, by=sender)
    assert len(mail.outbox) == 1


def test_an_empty_segment_is_refused_before_anything_is_queued(sender):
    announcement = AnnouncementFactory(segment=Segment.LAPSED_MEMBERS)

    with pytest.raises(NoRecipients):
        announcement_send(announcement=announcement, by=sender)
    announcement.refresh_from_db()
    assert announcement.is_draft and not announcement.deliveries.exists()


def test_a_refused_address_is_marked_failed_and_the_others_still_go(send_now, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    organisation = company()
    person(organisation, email="refus@exemple.ma")
    good = person(organisation)
    announcement = send_now(AnnouncementFactory())

    assert [message.to for message in mail.outbox] == [[good]]
    failed = announcement.deliveries.get(email="refus@exemple.ma")
    assert failed.status == Delivery.Status.FAILED and "No such user" in failed.error
    announcement.refresh_from_db()
    assert (announcement.status, announcement.failed_count) == (Announcement.Status.SENT, 1)


def test_sending_is_recorded_in_the_announcement_history(send_now, sender):
    person(company())
    announcement = send_now(AnnouncementFactory())

    entries = ModelLogEntry.objects.filter(object_id=str(announcement.pk)).values_list("action", "user_id")
    assert set(entries) == {("members.announcement_send", sender.pk), ("members.announcement_sent", None)}


def test_an_event_announcement_whose_event_was_deleted_is_refused_with_a_message(sender):
    announcement = AnnouncementFactory(segment=Segment.EVENT_ATTENDEES, event=None)

    with pytest.raises(communications.Incomplete):
        announcement_send(announcement=announcement, by=sender)
    assert not announcement.deliveries.exists()
