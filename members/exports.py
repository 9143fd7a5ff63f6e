"""A person's copy of everything Majlis stores about them (law 09-08 right of access)."""

import io
import json
import zipfile

from allauth.account.models import EmailAddress
from django.utils import timezone

from members.models import Consent, Invitation, MembershipApplication, OrganisationMember, Role

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
    }


def personal_data_zip(*, user) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("my-data.json", json.dumps(personal_data(user=user), ensure_ascii=False, indent=2))
    return buffer.getvalue()
