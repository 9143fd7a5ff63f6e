"""Every write about members: companies, their people, invitations, applications and personal data.

Each service runs in one transaction, validates before saving, records who did it in Wagtail's log (shown in
the admin history), and raises a MembersError subclass that views turn into a message.
"""

import logging
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from members.constants import MEMBERS_GROUP
from members.models import (
    Consent,
    Invitation,
    MembershipApplication,
    Organisation,
    OrganisationMember,
    PrivacyNotice,
    Role,
)
from members.models.people import hash_token
from members.tasks import send_members_email

User = get_user_model()
logger = logging.getLogger(__name__)

INVITATION_VALIDITY = timedelta(days=7)
# The privacy notice promises that rejected applications are kept one year after the decision.
REJECTED_APPLICATION_RETENTION = timedelta(days=365)

ORGANISATION_PROFILE_FIELDS = (
    "legal_name",
    "trade_name",
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
    "directory_opt_in",
)
PROFILE_FIELDS = ("first_name", "last_name", "phone", "job_title", "preferred_language", "show_in_directory")


class MembersError(Exception):
    """A rule of the members domain was broken; str(error) is a message for the user."""

    message = _("This action is not possible.")

    def __init__(self, message=None):
        self.message = message or self.message
        super().__init__(str(self.message))


class LastAdministrator(MembersError):
    message = _("A company needs at least one administrator: appoint another administrator first.")


class AlreadyMember(MembersError):
    message = _("This person already belongs to the company.")


class AlreadyInvited(MembersError):
    message = _("This address already has a pending invitation: resend it from the list below.")


class InvitationInvalid(MembersError):
    message = _("This invitation link is not valid. Ask your company administrator for a new one.")


class InvitationExpired(MembersError):
    message = _("This invitation has expired. Ask your company administrator to send it again.")


class InvitationForAnotherAddress(MembersError):
    message = _("This invitation was sent to another e-mail address. Log in with that address to accept it.")


class AccountExists(MembersError):
    message = _("An account already exists for this address: log in to continue.")


class ApplicationAlreadyDecided(MembersError):
    message = _("This application has already been decided.")


class ApplicationPending(MembersError):
    message = _("You already have an application awaiting review.")


# --- The "Members" group -------------------------------------------------------------------------------------


def sync_members_group(*, user) -> bool:
    """Put the user in the Members group iff they belong to at least one active organisation. Returns membership."""
    group, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
    is_member = user.is_active and OrganisationMember.objects.filter(user=user).in_active_organisations().exists()
    if is_member:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return is_member


def _sync_people_of(organisation: Organisation) -> None:
    for user in User.objects.filter(organisation_memberships__organisation=organisation):
        sync_members_group(user=user)


# --- E-mails -------------------------------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _email(*, kind: str, to: list[str], language: str, context: dict) -> None:
    # Queued inside the caller's transaction: with the database task backend the job is committed (or rolled back)
    # with the change it announces.
    if to:
        send_members_email.enqueue(kind=kind, to=to, language=language, context=context)


def secretariat_emails() -> list[str]:
    """Addresses of the people who review applications: superusers and holders of the review permission."""
    reviewers = User.objects.filter(is_active=True).filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="change_membershipapplication")
        | Q(user_permissions__codename="change_membershipapplication")
    )
    return sorted(set(reviewers.values_list("email", flat=True)))


# --- Organisations -------------------------------------------------------------------------------------------


def unique_organisation_slug(name: str, *, exclude_pk=None) -> str:
    base = slugify(name)[:200] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, data: dict, sectors=None, logo_file=None) -> Organisation:
    """Change a company's profile (the fields of ORGANISATION_PROFILE_FIELDS present in data, and its sectors).

    An uploaded logo_file becomes a Wagtail image titled after the company, in the same transaction."""
    if logo_file:
        from wagtail.images import get_image_model

        logo = get_image_model()(title=organisation.display_name, file=logo_file)
        logo.save()
        data = {**data, "logo": logo}
    changed = []
    for field in ORGANISATION_PROFILE_FIELDS:
        if field in data and getattr(organisation, field) != data[field]:
            setattr(organisation, field, data[field])
            changed.append(field)
    if "logo" in data and organisation.logo != data["logo"]:
        organisation.logo = data["logo"]
        changed.append("logo")
    organisation.full_clean()
    organisation.save()
    if sectors is not None:
        new = {s.pk for s in sectors}
        if new != set(organisation.sectors.values_list("pk", flat=True)):
            organisation.sectors.set(sectors)
            changed.append("sectors")
    log(instance=organisation, action="wagtail.edit", user=by, data={"fields": changed})
    return organisation


@transaction.atomic
def organisation_set_status(*, organisation: Organisation, status: str, by) -> Organisation:
    """Change a company's membership status and bring its people's Members group in line."""
    if organisation.status != status:
        previous = organisation.status
        organisation.status = status
        organisation.full_clean()
        organisation.save(update_fields=["status", "updated_at"])
        log(
            instance=organisation,
            action="members.status_change",
            user=by,
            data={"from": previous, "to": status},
        )
    _sync_people_of(organisation)
    return organisation


# --- People --------------------------------------------------------------------------------------------------


def _other_admins(membership: OrganisationMember):
    return membership.organisation.people.admins().exclude(pk=membership.pk)


@transaction.atomic
def member_add(*, organisation: Organisation, user, role: str = Role.MEMBER, by) -> OrganisationMember:
    """Attach a person to a company with a role."""
    if organisation.people.filter(user=user).exists():
        raise AlreadyMember()
    membership = OrganisationMember(organisation=organisation, user=user, role=role)
    membership.full_clean()
    membership.save()
    log(
        instance=organisation,
        action="members.person_add",
        user=by,
        data={"person": user.email, "role": role},
    )
    sync_members_group(user=user)
    return membership


@transaction.atomic
def member_change_role(*, membership: OrganisationMember, role: str, by) -> OrganisationMember:
    """Make a person administrator or member. The last administrator cannot be demoted."""
    membership = (
        OrganisationMember.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    )
    if membership.role == role:
        return membership
    if membership.role == Role.ADMIN and not _other_admins(membership).exists():
        raise LastAdministrator()
    previous = membership.role
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    log(
        instance=membership.organisation,
        action="members.role_change",
        user=by,
        data={"person": membership.user.email, "from": previous, "to": role},
    )
    return membership


@transaction.atomic
def member_remove(*, membership: OrganisationMember, by) -> None:
    """Take a person out of a company. The last administrator cannot be removed (nor remove themselves)."""
    membership = (
        OrganisationMember.objects.select_for_update().select_related("organisation", "user").get(pk=membership.pk)
    )
    if membership.role == Role.ADMIN and not _other_admins(membership).exists():
        raise LastAdministrator()
    organisation, user = membership.organisation, membership.user
    membership.delete()
    log(instance=organisation, action="members.person_remove", user=by, data={"person": user.email})
    sync_members_group(user=user)


# --- Invitations ---------------------------------------------------------------------------------------------


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + INVITATION_VALIDITY
    return token


def _send_invitation(invitation: Invitation, token: str, by) -> None:
    # Someone who already has an account reads it in their own language; a newcomer in the one the inviter chose.
    existing = User.objects.filter(email__iexact=invitation.email).first()
    language = existing.preferred_language if existing else invitation.language
    _email(
        kind="invitation",
        to=[invitation.email],
        language=language,
        context={
            "organisation": invitation.organisation.display_name,
            "inviter": str(by) if by else "",
            # The code, not the label: the task translates it in the e-mail's language.
            "role": invitation.role,
            "url": _absolute(reverse("members:invitation_accept", kwargs={"token": token})),
            "expires_at": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M"),
        },
    )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str = Role.MEMBER, language: str = "", by
) -> Invitation:
    """Invite someone by e-mail to join a company; the link is valid for seven days.

    `language` is the e-mail's language for a person without an account (default: the inviter's, else French)."""
    email = email.strip().lower()
    if organisation.people.filter(user__email__iexact=email).exists():
        raise AlreadyMember()
    pending = organisation.invitations.pending().filter(email__iexact=email)
    if pending.filter(expires_at__gt=timezone.now()).exists():
        raise AlreadyInvited()
    # An expired invitation to the same address is replaced rather than left lying around.
    pending.update(revoked_at=timezone.now())
    language = language or getattr(by, "preferred_language", "") or settings.LANGUAGE_CODE
    invitation = Invitation(organisation=organisation, email=email, role=role, language=language, invited_by=by)
    token = _new_token(invitation)
    invitation.full_clean()
    invitation.save()
    log(instance=organisation, action="members.invite", user=by, data={"email": email, "role": role})
    _send_invitation(invitation, token, by)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by) -> Invitation:
    """Send a fresh link (the old one stops working) valid for another seven days."""
    if not invitation.is_pending:
        raise InvitationInvalid(_("This invitation is no longer pending."))
    token = _new_token(invitation)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    log(instance=invitation.organisation, action="members.invite_resend", user=by, data={"email": invitation.email})
    _send_invitation(invitation, token, by)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    """Cancel a pending invitation: its link stops working."""
    if not invitation.is_pending:
        raise InvitationInvalid(_("This invitation is no longer pending."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log(instance=invitation.organisation, action="members.invite_revoke", user=by, data={"email": invitation.email})
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """The pending, unexpired invitation for a link's token, or an InvitationInvalid/InvitationExpired error."""
    invitation = (
        Invitation.objects.pending().select_related("organisation").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise InvitationInvalid()
    if invitation.is_expired:
        raise InvitationExpired()
    return invitation


def user_owns_address(user, email: str) -> bool:
    return user.email.lower() == email.lower() or EmailAddress.objects.filter(user=user, email__iexact=email).exists()


def _mark_address_verified(user, email: str) -> None:
    # Following the e-mailed link proves the person controls the address.
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        EmailAddress.objects.create(
            user=user, email=email, verified=True, primary=not EmailAddress.objects.filter(user=user).exists()
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> OrganisationMember:
    """The invited person (logged in with the invited address) joins the company with the role offered."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if not invitation.is_pending:
        raise InvitationInvalid()
    if invitation.is_expired:
        raise InvitationExpired()
    if not user_owns_address(user, invitation.email):
        raise InvitationForAnotherAddress()
    _mark_address_verified(user, invitation.email)
    membership = member_add(organisation=invitation.organisation, user=user, role=invitation.role, by=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log(instance=invitation.organisation, action="members.invite_accept", user=user, data={"email": user.email})
    return membership


@transaction.atomic
def invitation_accept_with_new_account(
    *, invitation: Invitation, first_name: str, last_name: str, password: str, ip_address: str | None = None
):
    """Create the invited person's account (address already verified by the link) and accept the invitation."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise AccountExists()
    user = User(email=invitation.email.lower(), first_name=first_name, last_name=last_name)
    user.set_password(password)
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    consent_record(user=user, purpose=Consent.Purpose.PRIVACY_NOTICE, granted=True, ip_address=ip_address)
    invitation_accept(invitation=invitation, user=user)
    return user


# --- Applications --------------------------------------------------------------------------------------------


@transaction.atomic
def application_submit(*, applicant, data: dict, sectors=(), motivation: str = "", plan=None) -> MembershipApplication:
    """A company applies to join under a plan; the secretariat is told and reviews it.

    Under a plan that needs no approval the application is accepted at once and the applicant, now the company's
    administrator, can pay the first dues straight away."""
    if MembershipApplication.objects.pending().filter(applicant=applicant).exists():
        raise ApplicationPending()
    if plan is not None and not plan.is_active:
        raise MembersError(_("This membership plan is not offered."))
    organisation = Organisation(status=Organisation.Status.APPLICANT)
    for field in ORGANISATION_PROFILE_FIELDS:
        if field in data:
            setattr(organisation, field, data[field])
    organisation.slug = unique_organisation_slug(organisation.display_name)
    organisation.full_clean()
    organisation.save()
    organisation.sectors.set(sectors)
    application = MembershipApplication(
        organisation=organisation, applicant=applicant, motivation=motivation, plan=plan
    )
    application.full_clean()
    application.save()
    log(instance=organisation, action="wagtail.create", user=applicant)
    log(instance=application, action="members.application_submit", user=applicant)
    if plan is not None and not plan.requires_approval:
        return application_approve(application=application, by=None)
    _email(
        kind="application_received",
        to=secretariat_emails(),
        language=settings.LANGUAGE_CODE,
        context={
            "organisation": organisation.display_name,
            "applicant": f"{applicant} <{applicant.email}>",
            "motivation": motivation,
            "url": _absolute(reverse("members_applications:edit", args=[application.pk])),
        },
    )
    return application


def _lock_pending(application: MembershipApplication) -> MembershipApplication:
    # PostgreSQL cannot lock the nullable side of an outer join: lock the application row only.
    application = (
        MembershipApplication.objects.select_for_update(of=("self",))
        .select_related("organisation", "applicant")
        .get(pk=application.pk)
    )
    if not application.is_pending:
        raise ApplicationAlreadyDecided()
    return application


@transaction.atomic
def application_approve(*, application: MembershipApplication, by, message: str = "") -> MembershipApplication:
    """Accept a company and make the applicant its company administrator.

    With a plan chosen, the company is "approved" and its first membership period awaits payment of the dues
    order (joining fee included); paying it makes the company an active member. Without plans (an association
    that does not collect dues here) the company becomes an active member at once."""
    # Imported here: membership_services builds on this module.
    from members.membership_services import membership_open

    application = _lock_pending(application)
    application.status = MembershipApplication.Status.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_message = message
    application.save()
    organisation = application.organisation
    new_status = Organisation.Status.APPROVED if application.plan_id else Organisation.Status.ACTIVE
    organisation_set_status(organisation=organisation, status=new_status, by=by)
    applicant = application.applicant
    if applicant is not None:
        membership = organisation.people.filter(user=applicant).first()
        if membership is None:
            member_add(organisation=organisation, user=applicant, role=Role.ADMIN, by=by)
        elif not membership.is_admin:
            member_change_role(membership=membership, role=Role.ADMIN, by=by)
    log(instance=application, action="members.application_approve", user=by, data={"message": message})
    url = _absolute(reverse("members:dashboard"))
    amount = None
    if application.plan_id:
        dues = membership_open(organisation=organisation, plan=application.plan, by=by, buyer=applicant)
        url = _absolute(reverse("payments:order_detail", args=[dues.order.public_id]))
        amount = dues.order.total
    if applicant is not None:
        _email(
            kind="application_approved",
            to=[applicant.email],
            language=applicant.preferred_language,
            context={
                "organisation": organisation.display_name,
                "message": message,
                "url": url,
                "amount": amount,
            },
        )
    return application


@transaction.atomic
def application_reject(*, application: MembershipApplication, by, message: str) -> MembershipApplication:
    """Turn an application down, with a message to the applicant explaining why."""
    if not message.strip():
        raise MembersError(_("Tell the applicant why the application is rejected."))
    application = _lock_pending(application)
    application.status = MembershipApplication.Status.REJECTED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_message = message
    application.save()
    organisation_set_status(organisation=application.organisation, status=Organisation.Status.REJECTED, by=by)
    log(instance=application, action="members.application_reject", user=by, data={"message": message})
    if application.applicant is not None:
        _email(
            kind="application_rejected",
            to=[application.applicant.email],
            language=application.applicant.preferred_language,
            context={"organisation": application.organisation.display_name, "message": message},
        )
    return application


def _organisation_purgeable(organisation: Organisation) -> bool:
    # Still "rejected": it never became a member, and nobody works for it nor applies with it any more.
    return (
        organisation.status == Organisation.Status.REJECTED
        and not organisation.applications.exists()
        and not organisation.people.exists()
    )


def _organisation_purge(organisation: Organisation) -> None:
    organisation_pk = organisation.pk
    try:
        with transaction.atomic():
            _forget_history(organisation)
            organisation.delete()
    except ProtectedError:
        logger.warning("Kept organisation %s of a purged application: other records refer to it.", organisation_pk)
    else:
        logger.info("Purged organisation %s of a purged application.", organisation_pk)


def _forget_history(instance) -> None:
    # The admin history of a purged object repeats its personal data (the decision message, the applicant's name).
    ModelLogEntry.objects.for_instance(instance).delete()


@transaction.atomic
def applications_purge_expired(*, now=None) -> int:
    """Delete rejected applications decided more than a year ago, as the privacy notice promises; returns how many.

    The company record the application created goes too when nothing else holds on to it: it is still
    "rejected", has no other application and no people. One that another app protects (an order) is kept."""
    now = now or timezone.now()
    expired = (
        MembershipApplication.objects.filter(status=MembershipApplication.Status.REJECTED)
        .annotate(decided=Coalesce("decided_at", "submitted_at"))
        .filter(decided__lt=now - REJECTED_APPLICATION_RETENTION)
        .select_related("organisation")
        .select_for_update(of=("self",))
    )
    count = 0
    for application in expired:
        organisation, application_pk = application.organisation, application.pk
        _forget_history(application)
        application.delete()
        count += 1
        logger.info("Purged rejected application %s.", application_pk)
        if _organisation_purgeable(organisation):
            _organisation_purge(organisation)
    logger.info("Purged %d rejected application(s) older than %d days.", count, REJECTED_APPLICATION_RETENTION.days)
    return count


# --- Profile, consent and personal data ---------------------------------------------------------------------


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


def last_admin_of(user) -> list[Organisation]:
    """Companies where this person is the only administrator."""
    organisations = []
    for membership in OrganisationMember.objects.filter(user=user, role=Role.ADMIN).select_related("organisation"):
        if not _other_admins(membership).exists():
            organisations.append(membership.organisation)
    return organisations


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase a person's account at their request (law 09-08).

    The user row stays, anonymised, so that invoices and consents keep a (pseudonymous) owner. Where the person
    was a company's last administrator the deletion goes ahead and the secretariat is told, so that it can
    appoint a new one: the right to erasure is not held hostage by the company."""
    orphaned = last_admin_of(user)
    for organisation in orphaned:
        log(instance=organisation, action="members.last_admin_left", user=None, data={"person": f"user #{user.pk}"})
        _email(
            kind="last_admin_left",
            to=secretariat_emails(),
            language=settings.LANGUAGE_CODE,
            context={
                "organisation": organisation.display_name,
                "url": _absolute(reverse("members_organisations:edit", args=[organisation.pk])),
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
