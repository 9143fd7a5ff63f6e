"""Announcements: who a segment reaches, writing and sending an announcement, delivering it in batches.

Sending writes one Delivery per address in one transaction (skipped addresses with their reason), then queues
batch tasks (send_announcement_batch, below). A batch claims its rows before sending, so that running it
twice, or two workers running it at once, never sends an address twice.
"""

from contextlib import suppress
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.log_actions import log

from core.branding import Branding, association_branding
from core.errors import DomainError
from core.mail import build_templated
from events.models import Registration
from members.communications.preferences import email_preferences_url, opted_out, suppressed_addresses, unsubscribe_url
from members.models import Announcement, Delivery, Membership, Organisation, OrganisationMember, Segment, User
from members.models.communications import OPT_OUT_TOPICS, normalise_email

BATCH_SIZE = 100
# A row "being sent" for longer than this was left by a worker that stopped; after MAX_ATTEMPTS it is failed.
DELIVERY_LEASE = timedelta(minutes=15)
MAX_ATTEMPTS = 3
SAMPLE_SIZE = 10
SEND_PERMISSION = "members.send_announcement"
# The site's palette (site/static/css/majlis.css): the association settings have a logo but no colours.


class CommunicationError(DomainError):
    default_message = _("The announcement cannot be sent.")
    status_code = 409


class NotPermitted(CommunicationError):
    message = _("You are not allowed to send announcements.")
    status_code = 403


class AlreadySent(CommunicationError):
    message = _("This announcement has already been sent.")


class Incomplete(CommunicationError):
    message = _("The announcement is incomplete (its plan, sector or event may have been deleted): edit it first.")


class NoRecipients(CommunicationError):
    message = _("Nobody is in this segment: there is no one to send it to.")


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    user_id: int | None = None


@dataclass(frozen=True)
class Preview:
    total: int
    to_send: int
    opted_out: int
    suppressed: int
    sample: list[Recipient]


# --- Segments ------------------------------------------------------------------------------------------------


def _current(**filters) -> Exists:
    return Exists(Membership.objects.current().filter(organisation=OuterRef("pk"), **filters))


def active_member_organisations() -> QuerySet[Organisation]:
    """Companies that are members today: marked active, or holding a current (paid or grace) membership."""
    return Organisation.objects.filter(Q(status=Organisation.Status.ACTIVE) | _current())


def lapsed_member_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.filter(status=Organisation.Status.LAPSED).exclude(_current())


def _people(organisations: QuerySet[Organisation], *, admins_only: bool = False) -> list[Recipient]:
    people = OrganisationMember.objects.filter(organisation__in=organisations, user__is_active=True)
    if admins_only:
        people = people.admins()
    rows = people.values_list(
        "user_id", "user__email", "user__first_name", "user__last_name", "user__preferred_language"
    ).order_by("user__email")
    return [
        Recipient(email=email, name=f"{first} {last}".strip(), language=language, user_id=user_id)
        for user_id, email, first, last, language in rows
    ]


def _attendees(event) -> list[Recipient]:
    rows = list(
        Registration.objects.confirmed()
        .filter(event=event)
        .order_by("attendee_email")
        .values_list("user_id", "attendee_email", "attendee_name", "language")
    )
    # A guest may have an account under the same address: their preferences are the account's.
    accounts = dict(
        User.objects.filter(email__in={normalise_email(row[1]) for row in rows if row[0] is None}).values_list(
            "email", "pk"
        )
    )
    return [
        Recipient(
            email=email,
            name=name,
            language=language or settings.LANGUAGE_CODE,
            user_id=user_id or accounts.get(normalise_email(email)),
        )
        for user_id, email, name, language in rows
    ]


def segment_recipients(*, segment: str, plan=None, sector=None, event=None) -> list[Recipient]:
    """Everyone a segment reaches, once per address (lower-cased), sorted by address."""
    if segment == Segment.ACTIVE_MEMBERS:
        recipients = _people(active_member_organisations())
    elif segment == Segment.COMPANY_ADMINS:
        recipients = _people(active_member_organisations(), admins_only=True)
    elif segment == Segment.PLAN:
        recipients = _people(Organisation.objects.filter(_current(plan=plan))) if plan else []
    elif segment == Segment.SECTOR:
        recipients = _people(active_member_organisations().filter(sectors=sector)) if sector else []
    elif segment == Segment.EVENT_ATTENDEES:
        recipients = _attendees(event) if event else []
    elif segment == Segment.LAPSED_MEMBERS:
        recipients = _people(lapsed_member_organisations())
    else:
        raise ValueError(f"Unknown segment {segment!r}")
    unique = {}
    for recipient in recipients:
        email = normalise_email(recipient.email)
        unique.setdefault(email, Recipient(email, recipient.name, recipient.language, recipient.user_id))
    return sorted(unique.values(), key=lambda recipient: recipient.email)


def announcement_recipients(announcement: Announcement) -> list[Recipient]:
    return segment_recipients(
        segment=announcement.segment, plan=announcement.plan, sector=announcement.sector, event=announcement.event
    )


def _skip_reasons(recipients: list[Recipient], topic: str) -> dict[str, str]:
    """The reason each skipped address is skipped (suppression first: it covers every topic)."""
    suppressed = suppressed_addresses()
    users, emails = opted_out(topic) if topic in OPT_OUT_TOPICS else (set(), set())
    reasons = {}
    for recipient in recipients:
        if recipient.email in suppressed:
            reasons[recipient.email] = Delivery.SkipReason.SUPPRESSED
        elif recipient.user_id in users or recipient.email in emails:
            reasons[recipient.email] = Delivery.SkipReason.OPTED_OUT
    return reasons


def announcement_preview(*, announcement: Announcement) -> Preview:
    """How many addresses the announcement would reach now, how many would be skipped and why, and a sample."""
    recipients = announcement_recipients(announcement)
    reasons = _skip_reasons(recipients, announcement.topic)
    skipped = list(reasons.values())
    return Preview(
        total=len(recipients),
        to_send=len(recipients) - len(skipped),
        opted_out=skipped.count(Delivery.SkipReason.OPTED_OUT),
        suppressed=skipped.count(Delivery.SkipReason.SUPPRESSED),
        sample=[recipient for recipient in recipients if recipient.email not in reasons][:SAMPLE_SIZE],
    )


# --- Writing and sending -------------------------------------------------------------------------------------


def can_send(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(SEND_PERMISSION))


def announcement_create(*, announcement: Announcement, by) -> Announcement:
    """Save a new draft written in the admin, and record who wrote it."""
    with transaction.atomic():
        announcement.status = Announcement.Status.DRAFT
        announcement.created_by = by
        announcement.full_clean()
        announcement.save()
        log(instance=announcement, action="members.announcement_create", user=by, data={"topic": announcement.topic})
    return announcement


def announcement_send(*, announcement: Announcement, by) -> Announcement:
    """Write one delivery per address of the segment and queue the batches that send them.

    Raises NotPermitted (no send permission), AlreadySent (not a draft any more), Incomplete or NoRecipients."""
    if not can_send(by):
        raise NotPermitted()
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
        if not announcement.is_draft:
            raise AlreadySent()
        try:
            announcement.full_clean()
        except ValidationError as error:
            raise Incomplete() from error
        recipients = announcement_recipients(announcement)
        if not recipients:
            raise NoRecipients()
        reasons = _skip_reasons(recipients, announcement.topic)
        Delivery.objects.bulk_create(
            [
                Delivery(
                    announcement=announcement,
                    email=recipient.email,
                    name=recipient.name[:200],
                    language=recipient.language,
                    user_id=recipient.user_id,
                    status=Delivery.Status.SKIPPED if recipient.email in reasons else Delivery.Status.PENDING,
                    skip_reason=reasons.get(recipient.email, ""),
                )
                for recipient in recipients
            ],
            batch_size=500,
        )
        announcement.status = Announcement.Status.QUEUED
        announcement.queued_by, announcement.queued_at = by, timezone.now()
        announcement.recipients_count, announcement.skipped_count = len(recipients), len(reasons)
        announcement.save()
        log(
            instance=announcement,
            action="members.announcement_send",
            user=by,
            data={"recipients": len(recipients), "skipped": len(reasons)},
        )
        pending = list(
            announcement.deliveries.filter(status=Delivery.Status.PENDING).order_by("pk").values_list("pk", flat=True)
        )
        if pending:
            transaction.on_commit(lambda: _enqueue(pending))
        else:
            _finish(announcement.pk)
    return announcement


def _enqueue(delivery_ids: list[int]) -> None:
    for start in range(0, len(delivery_ids), BATCH_SIZE):
        send_announcement_batch.enqueue(delivery_ids=delivery_ids[start : start + BATCH_SIZE])


def _finish(announcement_id: int) -> None:
    """Mark the announcement sent once none of its deliveries is waiting or being sent."""
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement_id)
        if announcement.status != Announcement.Status.QUEUED:
            return
        counts = dict(announcement.deliveries.order_by().values_list("status").annotate(Count("pk")))
        if counts.get(Delivery.Status.PENDING) or counts.get(Delivery.Status.SENDING):
            return
        announcement.sent_count = counts.get(Delivery.Status.SENT, 0)
        announcement.failed_count = counts.get(Delivery.Status.FAILED, 0)
        announcement.skipped_count = counts.get(Delivery.Status.SKIPPED, 0)
        nobody_reached = not announcement.sent_count and announcement.failed_count
        announcement.status = Announcement.Status.FAILED if nobody_reached else Announcement.Status.SENT
        announcement.sent_at = timezone.now()
        announcement.save()
        log(
            instance=announcement,
            action="members.announcement_sent",
            user=None,
            data={
                "sent": announcement.sent_count,
                "failed": announcement.failed_count,
                "skipped": announcement.skipped_count,
            },
        )


# --- Delivering ----------------------------------------------------------------------------------------------


def render_delivery(delivery: Delivery, *, branding: Branding, connection=None) -> EmailMultiAlternatives:
    """The e-mail of one delivery: in its language (French if the announcement has no version in it), with the
    association's branding and a one-click unsubscribe link for the announcement's topic."""
    announcement = delivery.announcement
    language, subject, body = announcement.content_for(delivery.language)
    with translation.override(language):
        link = unsubscribe_url(email=delivery.email, user_id=delivery.user_id, topic=announcement.topic)
        preferences = email_preferences_url() if delivery.user_id else ""
    return build_templated(
        "emails/announcements/announcement",
        to=[delivery.email],
        language=language,
        subject=subject,
        context=lambda: {
            "subject": subject,
            "body": body,
            "branding": branding,
            "topic": announcement.get_topic_display(),
            "is_general": announcement.topic not in OPT_OUT_TOPICS,
            "unsubscribe_url": link,
            "preferences_url": preferences,
            "site_name": branding.name,
        },
        reply_to=[branding.email] if branding.email else None,
        # RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" button that posts to the link.
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        connection=connection,
    )


def _claim(delivery_ids: list[int]) -> list[int]:
    """Take the batch's waiting rows for this run: rows another run took, or already sent, are left alone."""
    with transaction.atomic():
        claimed = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(pk__in=delivery_ids, status=Delivery.Status.PENDING)
            .values_list("pk", flat=True)
        )
        Delivery.objects.filter(pk__in=claimed, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    return claimed


def announcement_deliver_batch(*, delivery_ids: list[int]) -> int:
    """Send the waiting deliveries among `delivery_ids` and mark each sent or failed; returns how many were sent.

    A row is sent only by the run that moved it from waiting to being sent, so a batch re-run sends nothing twice."""
    claimed = _claim(delivery_ids)
    if not claimed:
        return 0
    branding = association_branding()
    deliveries = Delivery.objects.filter(pk__in=claimed).select_related("announcement").order_by("pk")
    announcement_ids, sent = set(), 0
    connection = get_connection()
    # One connection for the batch. If the server cannot be reached, each message below fails and records why.
    with suppress(OSError):
        connection.open()
    try:
        for delivery in deliveries:
            announcement_ids.add(delivery.announcement_id)
            rows = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING)
            try:
                render_delivery(delivery, branding=branding, connection=connection).send()
            except (OSError, ValueError) as error:  # smtplib's errors are OSErrors; a bad header is a ValueError
                rows.update(status=Delivery.Status.FAILED, error=str(error)[:500])
            else:
                rows.update(status=Delivery.Status.SENT, sent_at=timezone.now(), error="")
                sent += 1
    finally:
        connection.close()
    for announcement_id in announcement_ids:
        _finish(announcement_id)
    return sent


@task()
def send_announcement_batch(*, delivery_ids: list[int]) -> int:
    """Send one batch of an announcement's deliveries (announcement_deliver_batch), for the tasks worker."""
    return announcement_deliver_batch(delivery_ids=delivery_ids)


# --- Recovering from a stopped worker ------------------------------------------------------------------------


@dataclass(frozen=True)
class Recovery:
    requeued: int
    failed: int
    finished: int


def deliveries_recover(*, now=None) -> Recovery:
    """Take back what a stopped worker left: rows "being sent" past their lease go back to the queue (or fail
    after MAX_ATTEMPTS), rows still waiting past the lease are queued again (claiming makes a second batch
    harmless), and every announcement with nothing left to send is closed with its counts. Run every few
    minutes (manage.py resume_announcements).

    A row is sent at least once: a worker that stopped between the provider's answer and the row's update
    sends that one address again when it is taken back."""
    now = now or timezone.now()
    stale = now - DELIVERY_LEASE
    with transaction.atomic():
        abandoned = Delivery.objects.select_for_update(skip_locked=True).filter(
            Q(claimed_at__lt=stale) | Q(claimed_at__isnull=True), status=Delivery.Status.SENDING
        )
        abandoned = list(abandoned.values_list("pk", "attempts"))
        given_up = [pk for pk, attempts in abandoned if attempts >= MAX_ATTEMPTS]
        Delivery.objects.filter(pk__in=given_up, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.FAILED,
            error=f"The sending was interrupted {MAX_ATTEMPTS} times; not tried again.",
        )
        returned = [pk for pk, attempts in abandoned if attempts < MAX_ATTEMPTS]
        Delivery.objects.filter(pk__in=returned, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.PENDING, claimed_at=None
        )
        waiting = list(
            Delivery.objects.filter(
                status=Delivery.Status.PENDING,
                announcement__status=Announcement.Status.QUEUED,
                created_at__lt=stale,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        requeue = sorted(set(waiting) | set(returned))
    open_announcements = list(
        Announcement.objects.filter(status=Announcement.Status.QUEUED).values_list("pk", flat=True)
    )
    _enqueue(requeue)
    for announcement_id in open_announcements:
        _finish(announcement_id)
    finished = Announcement.objects.filter(pk__in=open_announcements).exclude(status=Announcement.Status.QUEUED)
    return Recovery(requeued=len(requeue), failed=len(given_up), finished=finished.count())
