"""Membership applications: a company applies, the secretariat decides; rejected ones are purged after a year.

Approving an application sends members.signals.application_approved inside the same transaction: the dues
package opens the company's first membership period from there (members.dues.services)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core.site_url import absolute_url
from members.models import MembershipApplication, Organisation, Role
from members.services.emails import queue_email, secretariat_emails
from members.services.errors import ApplicationAlreadyDecided, ApplicationPending, MembersError
from members.services.organisations import (
    ORGANISATION_PROFILE_FIELDS,
    organisation_set_status,
    unique_organisation_slug,
)
from members.services.people import member_add, member_change_role
from members.signals import application_approved, next_step_of

logger = logging.getLogger(__name__)

# The privacy notice promises that rejected applications are kept one year after the decision.
REJECTED_APPLICATION_RETENTION = timedelta(days=365)


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
    queue_email(
        kind="application_received",
        to=secretariat_emails(),
        language=settings.LANGUAGE_CODE,
        context={
            "organisation": organisation.display_name,
            "applicant": f"{applicant} <{applicant.email}>",
            "motivation": motivation,
            "url": absolute_url(reverse("members_applications:edit", args=[application.pk])),
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
    # The dues package opens the first membership period (under the chosen plan) and says where to pay it.
    responses = application_approved.send(sender=MembershipApplication, application=application, by=by, buyer=applicant)
    next_step = next_step_of(responses)
    url = next_step.url if next_step else absolute_url(reverse("members:dashboard"))
    amount = next_step.amount if next_step else None
    # The e-mail says what the approval did, as the records now stand (a receiver may have changed the status).
    active = Organisation.objects.filter(pk=organisation.pk, status=Organisation.Status.ACTIVE).exists()
    if applicant is not None:
        queue_email(
            kind="application_approved",
            to=[applicant.email],
            language=applicant.preferred_language,
            context={
                "organisation": organisation.display_name,
                "message": message,
                "url": url,
                "amount": amount,
                "active": active,
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
        queue_email(
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


@task()
def purge_expired_applications() -> int:
    """Delete rejected applications more than a year old (applications_purge_expired)."""
    return applications_purge_expired()
