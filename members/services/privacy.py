"""Personal data (law 09-08): a person's profile and consents, their copy of everything Majlis stores about
them (right of access), and the erasure of their account."""

import io
import json
import zipfile

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from members.models import Consent, Invitation, MembershipApplication, OrganisationMember, PrivacyNotice, Role
from members.services.emails import absolute_url, queue_email, secretariat_emails
from members.services.people import last_admin_of

PROFILE_FIELDS = ("first_name", "last_name", "phone", "job_title", "preferred_language", "show_in_directory")

ORGANISATION_FIELDS = (
    "legal_name",
    "trade_name",
    "slug",
    "legal_form",
    "ice",
    "rc",
    "if_number",
    "size_band",
    "city",
    "region",
    "country",
    "website",
    "description",
    "description_en",
    "description_ar",
    "contact_email",
    "phone",
    "status",
    "directory_opt_in",
    "created_at",
    "updated_at",
)


def _when(value):
    return value.isoformat() if value else None


def _organisation(organisation) -> dict:
    data = {field: getattr(organisation, field) for field in ORGANISATION_FIELDS}
    data["created_at"], data["updated_at"] = _when(organisation.created_at), _when(organisation.updated_at)
    data["sectors"] = [sector.name for sector in organisation.sectors.all()]
    data["logo"] = organisation.logo.file.name if organisation.logo_id else None
    return data


def _registrations(user) -> list[dict]:
    """The person's places at events: under their account, or under their address before they had one."""
    from events.models import Registration

    registrations = (
        Registration.objects.filter(Q(user=user) | Q(attendee_email__iexact=user.email))
        .select_related("event", "ticket_type", "organisation")
        .prefetch_related("answers__question")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": r.event.title,
            "event_start": _when(r.event.start),
            "ticket": r.ticket_type.name,
            "attendee_name": r.attendee_name,
            "attendee_email": r.attendee_email,
            "company": r.organisation.legal_name if r.organisation else r.company_name,
            "language": r.language,
            "status": r.status,
            "price_centimes": r.price,
            "code": r.code,
            "registered_at": _when(r.created_at),
            "confirmed_at": _when(r.confirmed_at),
            "cancelled_at": _when(r.cancelled_at),
            "checked_in_at": _when(r.checked_in_at),
            "answers": [{"question": a.question.label, "answer": a.value} for a in r.answers.all()],
        }
        for r in registrations
    ]


def _waitlist_entries(user) -> list[dict]:
    from events.models import WaitlistEntry

    entries = (
        WaitlistEntry.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("event")
        .order_by("created_at", "pk")
    )
    return [
        {
            "event": e.event.title,
            "name": e.name,
            "email": e.email,
            "company_name": e.company_name,
            "status": e.status,
            "joined_at": _when(e.created_at),
            "offered_at": _when(e.offered_at),
        }
        for e in entries
    ]


def _board_posts(user) -> list[dict]:
    from partnerships.models import Post

    posts = Post.objects.filter(author=user).select_related("organisation").order_by("created_at", "pk")
    return [
        {
            "organisation": p.organisation.legal_name,
            "kind": p.kind,
            "category": p.category,
            "title": p.title,
            "description": p.description,
            "partner_profile": p.partner_profile,
            "language": p.language,
            "visibility": p.visibility,
            "status": p.status,
            "expires_on": _when(p.expires_on),
            "outcome": p.outcome,
            "created_at": _when(p.created_at),
            "published_at": _when(p.published_at),
            "closed_at": _when(p.closed_at),
        }
        for p in posts
    ]


def _board_messages(user) -> list[dict]:
    from partnerships.models import Message

    messages = Message.objects.filter(sender=user).select_related("conversation__post").order_by("created_at", "pk")
    return [{"post": m.conversation.post.title, "message": m.body, "sent_at": _when(m.created_at)} for m in messages]


def _meetings(user) -> dict:
    """The person's B2B meeting profiles and the requests they sent or received (with the other's name)."""
    from partnerships.models import MeetingProfile, MeetingRequest

    profiles = MeetingProfile.objects.filter(user=user).select_related("session__event").order_by("created_at", "pk")
    requests = (
        MeetingRequest.objects.filter(Q(requester__user=user) | Q(recipient__user=user))
        .select_related("session__event", "requester", "recipient")
        .order_by("created_at", "pk")
    )
    return {
        "profiles": [
            {
                "event": p.session.event.title,
                "name": p.name,
                "company_name": p.company_name,
                "description": p.description,
                "opted_in_at": _when(p.created_at),
            }
            for p in profiles
        ],
        "requests": [
            {
                "event": r.session.event.title,
                "direction": "sent" if r.requester.user_id == user.pk else "received",
                "with": str(r.recipient if r.requester.user_id == user.pk else r.requester),
                "message": r.message,
                "status": r.status,
                "sent_at": _when(r.created_at),
                "answered_at": _when(r.answered_at),
                "starts_at": _when(r.starts_at),
                "ends_at": _when(r.ends_at),
                "table": r.table,
            }
            for r in requests
        ],
    }


def personal_data(*, user) -> dict:
    """Everything stored about the user, as JSON-ready data."""
    memberships = OrganisationMember.objects.filter(user=user).select_related("organisation")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "phone": user.phone,
            "job_title": user.job_title,
            "preferred_language": user.preferred_language,
            "show_in_directory": user.show_in_directory,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "is_active": user.is_active,
            "two_factor_methods": list(user.authenticator_set.values_list("type", flat=True)),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "granted": c.granted,
                "notice_version": c.notice.version if c.notice else None,
                "recorded_at": _when(c.recorded_at),
                "ip_address": c.ip_address,
            }
            for c in Consent.objects.filter(user=user).select_related("notice").order_by("recorded_at")
        ],
        "organisation_memberships": [
            {"organisation": m.organisation.legal_name, "role": m.role, "joined_at": _when(m.joined_at)}
            for m in memberships
        ],
        "invitations_sent": [
            {
                "organisation": i.organisation.legal_name,
                "email": i.email,
                "role": i.role,
                "sent_at": _when(i.sent_at),
                "accepted_at": _when(i.accepted_at),
                "revoked_at": _when(i.revoked_at),
            }
            for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
        ],
        "membership_applications": [
            {
                "organisation": a.organisation.legal_name,
                "motivation": a.motivation,
                "status": a.status,
                "submitted_at": _when(a.submitted_at),
                "decided_at": _when(a.decided_at),
                "decision_message": a.decision_message,
            }
            for a in MembershipApplication.objects.filter(applicant=user).select_related("organisation")
        ],
        "administered_organisations": [_organisation(m.organisation) for m in memberships if m.role == Role.ADMIN],
        "event_registrations": _registrations(user),
        "event_waitlist": _waitlist_entries(user),
        "board_posts": _board_posts(user),
        "board_messages": _board_messages(user),
        "b2b_meetings": _meetings(user),
    }


def personal_data_zip(*, user) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("my-data.json", json.dumps(personal_data(user=user), ensure_ascii=False, indent=2))
    return buffer.getvalue()


# --- Profile and consent ------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(*, user, purpose: str, granted: bool, ip_address: str | None = None) -> Consent:
    """Keep the proof of what a person agreed to (or withdrew), against the notice in force."""
    consent = Consent(
        user=user, purpose=purpose, granted=granted, notice=PrivacyNotice.objects.current(), ip_address=ip_address
    )
    consent.full_clean()
    consent.save()
    return consent


@transaction.atomic
def profile_update(*, user, data: dict, ip_address: str | None = None):
    """A person edits their own profile; showing their contact details to members is recorded as a consent."""
    before = user.show_in_directory
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    user.full_clean()
    user.save()
    if user.show_in_directory != before:
        consent_record(
            user=user, purpose=Consent.Purpose.DIRECTORY, granted=user.show_in_directory, ip_address=ip_address
        )
    log(instance=user, action="wagtail.edit", user=user, data={"fields": [f for f in PROFILE_FIELDS if f in data]})
    return user


# --- Erasure ------------------------------------------------------------------------------------------------


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase a person's account at their request (law 09-08).

    The user row stays, anonymised, so that invoices and consents keep a (pseudonymous) owner. Where the person
    was a company's last administrator the deletion goes ahead and the secretariat is told, so that it can
    appoint a new one: the right to erasure is not held hostage by the company."""
    orphaned = last_admin_of(user)
    for organisation in orphaned:
        log(instance=organisation, action="members.last_admin_left", user=None, data={"person": f"user #{user.pk}"})
        queue_email(
            kind="last_admin_left",
            to=secretariat_emails(),
            language=settings.LANGUAGE_CODE,
            context={
                "organisation": organisation.display_name,
                "url": absolute_url(reverse("members_organisations:edit", args=[organisation.pk])),
            },
        )
    for membership in OrganisationMember.objects.filter(user=user).select_related("organisation"):
        log(
            instance=membership.organisation,
            action="members.person_remove",
            user=None,
            data={"person": f"user #{user.pk}", "reason": "account deleted"},
        )
        membership.delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    Invitation.objects.pending().filter(email__iexact=user.email).update(revoked_at=timezone.now())
    EmailAddress.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    # allauth's MFA authenticators (TOTP secrets, recovery codes, passkeys) are personal data too.
    user.authenticator_set.all().delete()
    user.email = f"deleted-{user.pk}@invalid"
    user.first_name = user.last_name = user.phone = user.job_title = ""
    user.show_in_directory = False
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    Consent.objects.filter(user=user).update(ip_address=None)
    log(instance=user, action="members.account_delete", user=None, data={"user": user.pk})
