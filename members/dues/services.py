"""Every write about memberships: asking to join under a plan, renewing, paying, lapsing.

Dues are paid through payments: each membership period has an order whose "dues" line points at it
(`line.subject`). Paying that order activates the period (the handler registered in MembersConfig.ready());
refunding it cancels the period. A daily job (`manage.py update_memberships`) moves finished periods into
grace, then lapses them; the company's status, and so its directory listing and its people's Members group,
follows. Every status change is logged with who made it and why.

The base of members does not know about dues: an approved application opens the first period through the
members.signals.application_approved signal, whose receiver connect() wires in MembersConfig.ready().
"""

import logging
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.conf import settings
from django.core import checks
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks import task
from wagtail.log_actions import log

from core.site_url import absolute_url
from core.time import local_to_aware
from members.dues import periods
from members.dues.selectors import pending_renewal, period_rules, renewable_membership
from members.models import (
    Membership,
    MembershipPlan,
    MembershipReminder,
    Organisation,
    OrganisationMember,
    Role,
)
from members.recipients import recipients_for
from members.services.emails import queue_email
from members.services.errors import MembersError
from members.services.organisations import organisation_set_status
from members.signals import NextStep, application_approved
from payments import fulfilment
from payments.links import order_link_url
from payments.services import order_create
from payments.services.orders import LineSpec

logger = logging.getLogger(__name__)

Status = Membership.Status


class NotAdministrator(MembersError):
    message = _("Only the company's administrators can manage its membership.")


class AlreadyMemberForPeriod(MembersError):
    message = _("The company already has a current membership: renew it when renewal opens.")


class RenewalClosed(MembersError):
    message = _("Renewal is not open for this membership.")


class NothingToRenew(MembersError):
    message = _("The company has no membership to renew.")


class PlanUnavailable(MembersError):
    message = _("This membership plan is not offered.")


def _check_administrator(organisation: Organisation, by) -> None:
    if by is not None and getattr(by, "is_superuser", False):
        return
    administrators = OrganisationMember.objects.filter(organisation=organisation, role=Role.ADMIN)
    if by is None or not administrators.filter(user=by).exists():
        raise NotAdministrator()


def _set_status(membership: Membership, status: str, *, by, reason: str) -> None:
    previous = membership.status
    if previous == status:
        return
    membership.status = status
    membership.full_clean()
    membership.save(update_fields=["status", "updated_at"])
    log(
        instance=membership,
        action="members.membership_status",
        user=by,
        data={"from": previous, "to": status, "reason": reason},
    )


def _follow_organisation(organisation: Organisation, *, by) -> None:
    """A company is an active member while one of its memberships is current (paid, or in grace)."""
    if organisation.memberships.current().exists():
        status = Organisation.Status.ACTIVE
    elif organisation.status == Organisation.Status.ACTIVE:
        status = Organisation.Status.LAPSED
    else:
        return
    organisation_set_status(organisation=organisation, status=status, by=by)


def _period_label(period: periods.Period) -> str:
    return f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}"


def create_order(*, membership: Membership, dues: int, joining_fee: int, by, buyer=None):
    """The payments order of a membership period: its dues line (and the joining fee, if any), made out to buyer.

    A period with nothing to pay (a free plan) has no order: it is active at once, and None is returned."""
    if dues + joining_fee == 0:
        _activate(membership, by=by, reason="nothing to pay (free plan)")
        return None
    plan = membership.plan
    period = periods.Period(membership.period_start, membership.period_end)
    lines = [
        LineSpec(
            kind="dues",
            description=f"Cotisation {plan.name} — {_period_label(period)}",
            unit_amount=dues,
            subject=membership,
        )
    ]
    if joining_fee:
        lines.append(
            LineSpec(kind="joining_fee", description=f"Droit d'adhésion — {plan.name}", unit_amount=joining_fee)
        )
    buyer = buyer if buyer is not None else by
    order = order_create(
        lines=lines, organisation=membership.organisation, buyer_user=buyer, created_by=by, language=""
    )
    membership.order = order
    membership.save(update_fields=["order", "updated_at"])
    return order


def _has_been_member(organisation: Organisation) -> bool:
    return organisation.memberships.filter(
        status__in=[Status.ACTIVE, Status.GRACE, Status.LAPSED, Status.ENDED]
    ).exists()


@transaction.atomic
def membership_request(
    *, organisation: Organisation, plan: MembershipPlan, by, today: date | None = None
) -> Membership:
    """A company administrator asks to become (again) a member under a plan.

    A company not yet accepted, under a plan that needs approval, waits for the secretariat (no order yet).
    Otherwise the membership awaits payment of an order: the dues for the first period (pro-rata or for the
    next year, as the settings say) and, for a company that has never been a member, the plan's joining fee.
    Asking again while a request awaits payment returns that request rather than a second order."""
    _check_administrator(organisation, by)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not plan.is_active:
        raise PlanUnavailable()
    if organisation.memberships.current().exists():
        raise AlreadyMemberForPeriod()
    waiting = organisation.memberships.filter(status__in=[Status.PENDING_APPLICATION, Status.AWAITING_PAYMENT])
    if existing := waiting.filter(plan=plan).first():
        return existing
    for other in waiting:
        _set_status(other, Status.CANCELLED, by=by, reason="replaced by a request for another plan")
    today = today or timezone.localdate()
    quote = periods.joining_quote(today, plan.annual_fee, period_rules())
    needs_review = plan.requires_approval and organisation.status == Organisation.Status.APPLICANT
    membership = Membership(
        organisation=organisation,
        plan=plan,
        period_start=quote.period.start,
        period_end=quote.period.end,
        status=Status.PENDING_APPLICATION if needs_review else Status.AWAITING_PAYMENT,
    )
    membership.full_clean()
    membership.save()
    log(instance=membership, action="wagtail.create", user=by)
    if not needs_review:
        joining_fee = 0 if _has_been_member(organisation) else plan.joining_fee
        create_order(membership=membership, dues=quote.amount, joining_fee=joining_fee, by=by)
    return membership


@transaction.atomic
def membership_approve(*, membership: Membership, by, today: date | None = None) -> Membership:
    """The secretariat accepts a pending request: the dues order is created and the membership awaits payment."""
    membership = Membership.objects.select_for_update().select_related("plan", "organisation").get(pk=membership.pk)
    if membership.status != Status.PENDING_APPLICATION:
        raise MembersError(_("This membership is not awaiting approval."))
    today = today or timezone.localdate()
    # The period starts on approval, not on the day of the request.
    quote = periods.joining_quote(today, membership.plan.annual_fee, period_rules())
    membership.period_start, membership.period_end = quote.period.start, quote.period.end
    membership.save(update_fields=["period_start", "period_end", "updated_at"])
    _set_status(membership, Status.AWAITING_PAYMENT, by=by, reason="approved by the secretariat")
    joining_fee = 0 if _has_been_member(membership.organisation) else membership.plan.joining_fee
    create_order(membership=membership, dues=quote.amount, joining_fee=joining_fee, by=by)
    return membership


@transaction.atomic
def membership_open(
    *, organisation: Organisation, plan: MembershipPlan, by, buyer=None, today: date | None = None
) -> Membership:
    """The first period of a company the secretariat has just accepted: it awaits payment of its dues order
    (joining fee included), made out to `buyer` (the applicant). Called by the application approval."""
    today = today or timezone.localdate()
    quote = periods.joining_quote(today, plan.annual_fee, period_rules())
    membership = Membership(
        organisation=organisation,
        plan=plan,
        period_start=quote.period.start,
        period_end=quote.period.end,
        status=Status.AWAITING_PAYMENT,
    )
    membership.full_clean()
    membership.save()
    log(instance=membership, action="wagtail.create", user=by)
    joining_fee = 0 if _has_been_member(organisation) else plan.joining_fee
    create_order(membership=membership, dues=quote.amount, joining_fee=joining_fee, by=by, buyer=buyer)
    return membership


def open_membership_on_approval(*, application, by, buyer, **kwargs) -> NextStep | None:
    """Receiver of members.signals.application_approved: an application under a plan opens the company's first
    membership period, and the acceptance e-mail sends the applicant to the page paying its dues order."""
    if not application.plan_id:
        return None
    dues = membership_open(organisation=application.organisation, plan=application.plan, by=by, buyer=buyer)
    if dues.order is None:
        return None  # a free plan: active at once, nothing to pay
    return NextStep(
        url=absolute_url(reverse("payments:order_detail", args=[dues.order.public_id])), amount=dues.order.total
    )


@transaction.atomic
def membership_renew(*, organisation: Organisation, by, today: date | None = None) -> Membership:
    """A company administrator renews for the next period: a new membership awaiting payment of its dues order.

    Only while renewal is open: from MEMBERSHIP_RENEWAL_WINDOW_DAYS before the end of the current period until
    the end of the grace period. Renewing again while the renewal awaits payment returns that renewal."""
    _check_administrator(organisation, by)
    return _renew(organisation=organisation, by=by, today=today)


def _renew(*, organisation: Organisation, by, today: date | None = None) -> Membership:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if waiting := pending_renewal(organisation):
        return waiting
    current = renewable_membership(organisation)
    if current is None:
        raise NothingToRenew()
    rules = period_rules()
    today = today or timezone.localdate()
    if not periods.can_renew(today, current.period_end, rules):
        raise RenewalClosed()
    plan = current.plan
    period = periods.next_period(periods.Period(current.period_start, current.period_end), rules)
    membership = Membership(
        organisation=organisation,
        plan=plan,
        period_start=period.start,
        period_end=period.end,
        status=Status.AWAITING_PAYMENT,
    )
    membership.full_clean()
    membership.save()
    log(instance=membership, action="wagtail.create", user=by, data={"renews": current.pk})
    create_order(membership=membership, dues=plan.annual_fee, joining_fee=0, by=by)
    return membership


def _membership_of(line) -> Membership | None:
    subject = line.subject
    if isinstance(subject, Membership):
        return Membership.objects.select_for_update().select_related("organisation").get(pk=subject.pk)
    logger.warning("Dues line %s of order %s points at no membership.", line.pk, line.order_id)
    return None


def membership_paid(line) -> None:
    """Fulfilment of a paid "dues" line: its membership becomes active and its company an active member.

    Runs inside the transaction that marks the order paid. A finished period that this renewal follows ends."""
    membership = _membership_of(line)
    if membership is None or membership.status not in (Status.AWAITING_PAYMENT, Status.PENDING_APPLICATION):
        return
    _activate(membership, by=line.order.created_by, reason=f"dues paid (order {line.order.reference})")


def _activate(membership: Membership, *, by, reason: str) -> None:
    """The period is paid for (or free): the membership is active, a finished period it follows ends, and the
    company is an active member."""
    _set_status(membership, Status.ACTIVE, by=by, reason=reason)
    for previous in membership.organisation.memberships.filter(
        status=Status.GRACE, period_start__lt=membership.period_start
    ):
        _set_status(previous, Status.ENDED, by=by, reason=reason)
    _follow_organisation(membership.organisation, by=by)


def membership_refunded(line) -> None:
    """Fulfilment of a refunded "dues" line: the membership is cancelled; the company lapses if nothing else is
    current."""
    membership = _membership_of(line)
    if membership is None or membership.status == Status.CANCELLED:
        return
    _set_status(membership, Status.CANCELLED, by=None, reason=f"dues refunded (order {line.order.reference})")
    _follow_organisation(membership.organisation, by=None)


def membership_order_cancelled(line) -> None:
    """Fulfilment of a cancelled, unpaid "dues" order: the period it would have paid for is cancelled too, so
    that the company can ask again (another plan, another way to pay)."""
    membership = _membership_of(line)
    if membership is None or membership.status not in (Status.AWAITING_PAYMENT, Status.PENDING_APPLICATION):
        return
    _set_status(membership, Status.CANCELLED, by=None, reason=f"order {line.order.reference} cancelled")


@transaction.atomic
def membership_update_statuses(*, today: date | None = None) -> dict[str, int]:
    """The daily job: a period past its end goes into grace, then lapses after MEMBERSHIP_GRACE_DAYS (or simply
    ends when a paid renewal follows it). Companies left with no current membership lapse: they leave the
    directory and their people the Members group. Returns how many memberships moved, by new status."""
    rules = period_rules()
    today = today or timezone.localdate()
    moved = {Status.GRACE: 0, Status.LAPSED: 0, Status.ENDED: 0}
    touched = set()
    finished = (
        Membership.objects.select_for_update()
        .filter(status__in=[Status.ACTIVE, Status.GRACE], period_end__lt=today)
        .select_related("organisation")
        .order_by("pk")
    )
    for membership in finished:
        renewed = membership.organisation.memberships.filter(
            status=Status.ACTIVE, period_start__gt=membership.period_end
        ).exists()
        if renewed:
            new_status, reason = Status.ENDED, "period over, renewal paid"
        elif periods.is_lapsed(today, membership.period_end, rules):
            new_status, reason = Status.LAPSED, f"dues unpaid {rules.grace_days} days after the end of the period"
        else:
            new_status, reason = Status.GRACE, "period over, dues for the next one unpaid"
        if new_status != membership.status:
            _set_status(membership, new_status, by=None, reason=reason)
            moved[new_status] += 1
            touched.add(membership.organisation)
    for organisation in touched:
        _follow_organisation(organisation, by=None)
    logger.info("Memberships moved: %s.", {str(status): count for status, count in moved.items()})
    return {str(status): count for status, count in moved.items()}


def _renewal_paid(membership: Membership) -> bool:
    return membership.organisation.memberships.filter(
        status=Status.ACTIVE, period_start__gt=membership.period_end
    ).exists()


@dataclass(frozen=True)
class ReminderRun:
    """What a run of the renewal reminders did: the reminders that went out, and the companies due one that nobody
    can be written to at (no administrator, no contact address), by name. Those are not recorded as reminded: the
    next run tries again, and the secretariat sees them in the report of unreachable companies."""

    sent: int = 0
    unreachable: tuple[str, ...] = ()

    def summary(self) -> str:
        sent = ngettext("%(count)s reminder sent", "%(count)s reminders sent", self.sent) % {"count": self.sent}
        if not self.unreachable:
            return f"{sent}."
        count = len(self.unreachable)
        cannot = ngettext(
            "%(count)s company cannot be reached (no administrator, no contact address): %(names)s",
            "%(count)s companies cannot be reached (no administrator, no contact address): %(names)s",
            count,
        ) % {"count": count, "names": ", ".join(self.unreachable)}
        return f"{sent}, {cannot}."


def membership_send_renewal_reminders(*, today: date | None = None) -> ReminderRun:
    """The daily job: remind the administrators of companies whose period ends soon (or has ended, in grace)
    to renew, on the days MEMBERSHIP_REMINDER_DAYS lists — each reminder once, none once the renewal is paid.

    A company without administrators gets it at its contact address (the e-mail says why); one without either is
    skipped and not recorded, so that the reminder goes out once it can be reached. The first reminder prepares the
    renewal (a membership awaiting payment and its order) so that every e-mail carries a link straight to the
    payment page."""
    rules = period_rules()
    today = today or timezone.localdate()
    horizon = today + timedelta(days=max(rules.reminder_days, default=0))
    candidates = (
        Membership.objects.current()
        .filter(period_end__lte=horizon)
        .select_related("organisation", "plan")
        .prefetch_related("reminders")
        .order_by("pk")
    )
    sent = 0
    unreachable = []
    for membership in candidates:
        already = {reminder.days_before_end for reminder in membership.reminders.all()}
        days = periods.reminder_due(today, membership.period_end, rules, already_sent=already)
        if days is None or _renewal_paid(membership):
            continue
        with transaction.atomic():
            locked = Membership.objects.select_for_update().get(pk=membership.pk)
            if locked.reminders.filter(days_before_end__lte=days).exists():
                continue  # another run got there first
            recipients = recipients_for(membership.organisation, role=Role.ADMIN)
            if membership.plan.annual_fee and not recipients.reachable:
                unreachable.append(membership.organisation.display_name)
                continue
            renewal = _renew(organisation=membership.organisation, by=None, today=today)
            if renewal.order_id is None:
                continue  # a free plan renews itself: nothing to pay, nothing to remind
            MembershipReminder.objects.create(
                membership=locked, days_before_end=days, recipients=", ".join(recipients.addresses)
            )
            log(instance=locked, action="members.renewal_reminder", user=None, data={"days_before_end": days})
            marked = (
                {"contact_of": recipients.organisation, "nobody_has_account": recipients.nobody_has_account}
                if recipients.via_contact_address
                else {}
            )
            grace_end = periods.grace_ends(membership.period_end, rules)
            if recipients.via_contact_address:
                # A contact address has no account to log in with: a signed link opens that one order, payable
                # (transfer details, receipt, pro-forma) until the grace period ends.
                until = local_to_aware(grace_end + timedelta(days=1), time(0), settings.TIME_ZONE, strict=False)
                pay_url = order_link_url(order=renewal.order, payable_until=until)
            else:
                pay_url = absolute_url(reverse("payments:order_detail", args=[renewal.order.public_id]))
            for recipient in recipients.to:
                queue_email(
                    kind="renewal_reminder" if days >= 0 else "renewal_overdue",
                    to=[recipient.email],
                    language=recipient.language,
                    context={
                        **marked,
                        "organisation": membership.organisation.display_name,
                        "plan": renewal.plan.name_for(recipient.language),
                        "period_end_on": membership.period_end.isoformat(),
                        "grace_end_on": grace_end.isoformat(),
                        "next_start_on": renewal.period_start.isoformat(),
                        "next_end_on": renewal.period_end.isoformat(),
                        "amount": renewal.order.total,
                        "url": pay_url,
                    },
                )
            sent += 1
    run = ReminderRun(sent=sent, unreachable=tuple(unreachable))
    if unreachable:
        logger.warning("Renewal reminders: %s companies cannot be reached: %s.", len(unreachable), unreachable)
    logger.info("Renewal reminders sent: %s.", sent)
    return run


@task()
def send_membership_reminders() -> dict:
    """The daily renewal reminders (membership_send_renewal_reminders), for the tasks worker."""
    run = membership_send_renewal_reminders()
    return {"sent": run.sent, "unreachable": list(run.unreachable)}


def check_period_settings(app_configs=None, **kwargs):
    """System check: the membership period settings make sense (a typo would otherwise surface on first payment)."""
    try:
        rules = period_rules()
    except ValueError as error:
        return [checks.Error(str(error), id="members.E001")]
    unusable = sorted(set(rules.reminder_days) - set(periods.usable_reminder_days(rules)))
    if unusable:
        return [
            checks.Warning(
                f"MEMBERSHIP_REMINDER_DAYS {unusable} fall outside the renewal window "
                f"(-{rules.grace_days} to {rules.renewal_window_days} days): those reminders are never sent.",
                id="members.W001",
            )
        ]
    return []


def connect() -> None:
    """Wire dues into members and payments (called by MembersConfig.ready())."""
    checks.register(check_period_settings)
    application_approved.connect(open_membership_on_approval, dispatch_uid="members.dues.open_membership")
    register_fulfilment()


def register_fulfilment() -> None:
    fulfilment.register(
        "dues", on_paid=membership_paid, on_refunded=membership_refunded, on_cancelled=membership_order_cancelled
    )
