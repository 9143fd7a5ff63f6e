"""Personal data (law 09-08): a person's profile and consents, their copy of everything Majlis stores about
them (right of access), and the erasure of their account."""

import io
import json
import zipfile

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from core.privacy import exports_for, when
from core.site_url import absolute_url
from members.models import Consent, Invitation, MembershipApplication, OrganisationMember, PrivacyNotice, Role
from members.services.emails import queue_email, secretariat_emails
from members.services.organisations import ORGANISATION_PROFILE_FIELDS
from members.services.people import last_admin_of

PROFILE_FIELDS = ("first_name", "last_name", "phone", "job_title", "preferred_language", "show_in_directory")

ORGANISATION_FIELDS = ("slug", "status", *ORGANISATION_PROFILE_FIELDS, "created_at", "updated_at")


def _organisation(organisation) -> dict:
    data = {field: getattr(organisation, field) for field in ORGANISATION_FIELDS}
    data["created_at"], data["updated_at"] = when(organisation.created_at), when(organisation.updated_at)
    data["sectors"] = [sector.name for sector in organisation.sectors.all()]
    data["logo"] = organisation.logo.file.name if organisation.logo_id else None
    return data


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
            "date_joined": when(user.date_joined),
            "last_login": when(user.last_login),
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
                "recorded_at": when(c.recorded_at),
                "ip_address": c.ip_address,
            }
            for c in Consent.objects.filter(user=user).select_related("notice").order_by("recorded_at")
        ],
        "organisation_memberships": [
            {"organisation": m.organisation.legal_name, "role": m.role, "joined_at": when(m.joined_at)}
            for m in memberships
        ],
        "invitations_sent": [
            {
                "organisation": i.organisation.legal_name,
                "email": i.email,
                "role": i.role,
                "sent_at": when(i.sent_at),
                "accepted_at": when(i.accepted_at),
                "revoked_at": when(i.revoked_at),
            }
            for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
        ],
        "membership_applications": [
            {
                "organisation": a.organisation.legal_name,
                "motivation": a.motivation,
                "status": a.status,
                "submitted_at": when(a.submitted_at),
                "decided_at": when(a.decided_at),
                "decision_message": a.decision_message,
            }
            for a in MembershipApplication.objects.filter(applicant=user).select_related("organisation")
        ],
        "administered_organisations": [_organisation(m.organisation) for m in memberships if m.role == Role.ADMIN],
        **exports_for(user),
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
