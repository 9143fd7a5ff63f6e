"""Reads about dues: a company's membership as My space shows it, renewals due, the treasurer's figures."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from core.time import day_bounds, month_bounds, within, year_bounds
from members.dues import periods
from members.models import Membership, MembershipPlan, Organisation
from payments.models import Order


@dataclass(frozen=True)
class DuesOverview:
    """What My space shows about a company's membership, and which buttons its administrators get."""

    shown: Membership | None
    awaiting_payment: Membership | None
    can_renew: bool
    can_join: bool
    plans: list[MembershipPlan]


def dues_overview(*, organisation: Organisation, today: date | None = None) -> DuesOverview:
    """The company's membership as My space presents it: the period that matters today and what can be done."""
    today = today or timezone.localdate()
    memberships = list(
        organisation.memberships.exclude(status=Membership.Status.CANCELLED).select_related("plan", "order")
    )
    current = [m for m in memberships if m.status in (Membership.Status.ACTIVE, Membership.Status.GRACE)]
    others = [m for m in memberships if m.status != Membership.Status.ENDED]
    shown = (current or others or [None])[0]
    awaiting = next((m for m in memberships if m.status == Membership.Status.AWAITING_PAYMENT), None)
    pending_review = any(m.status == Membership.Status.PENDING_APPLICATION for m in memberships)
    renewable = renewable_membership(organisation)
    can_renew = (
        awaiting is None and renewable is not None and periods.can_renew(today, renewable.period_end, period_rules())
    )
    can_join = not current and awaiting is None and not pending_review
    return DuesOverview(
        shown=shown,
        awaiting_payment=awaiting if awaiting and awaiting.order_id else None,
        can_renew=can_renew,
        can_join=can_join,
        plans=list(MembershipPlan.objects.active()) if can_join else [],
    )


@dataclass(frozen=True)
class JoinOffer:
    """What the join page shows a visitor before they create an account: the plans on offer, in their display
    order, and how the association's dues periods run (periods.CALENDAR or ANNIVERSARY, PRORATA or NEXT_YEAR)."""

    plans: list[MembershipPlan]
    period: str
    late_join: str

    @property
    def is_calendar(self) -> bool:
        return self.period == periods.CALENDAR

    @property
    def is_prorata(self) -> bool:
        return self.late_join == periods.PRORATA


def join_offer() -> JoinOffer:
    """The plans a company may apply for, with the period rules that say what the dues cover."""
    rules = period_rules()
    return JoinOffer(plans=list(MembershipPlan.objects.active()), period=rules.period, late_join=rules.late_join)


def renewals_due(*, within_days: int = 30, today: date | None = None) -> QuerySet[Membership]:
    """Current memberships ending within `within_days` (or in grace) whose next period is not paid yet."""
    today = today or timezone.localdate()
    renewed = Membership.objects.filter(
        organisation=OuterRef("organisation"), status=Membership.Status.ACTIVE, period_start__gt=OuterRef("period_end")
    )
    return (
        Membership.objects.current()
        .filter(period_end__lte=today + timedelta(days=within_days))
        .exclude(Exists(renewed))
    )


@dataclass(frozen=True)
class DuesSummary:
    """The treasurer's figures (Wagtail dashboard), amounts in centimes."""

    year: int
    collected: int
    collected_last_year: int
    collected_last_year_to_date: int
    outstanding: int
    outstanding_orders: int
    transfers_waiting: int
    renewals_due: int


def dues_summary(*, today: date | None = None) -> DuesSummary:
    """Dues (and joining fees) collected this year and last, what is still owed, renewals due in 30 days.

    A constant handful of aggregate queries, whatever the number of members."""
    today = today or timezone.localdate()
    dues_orders = Order.objects.filter(lines__kind="dues").distinct()
    paid = Order.objects.filter(pk__in=dues_orders.values("pk"), status=Order.Status.PAID)

    def collected(**filters) -> int:
        return paid.filter(**filters).aggregate(total=Sum("total"))["total"] or 0

    last_year_to_date = date(today.year - 1, today.month, min(today.day, 28 if today.month == 2 else today.day))
    pending = Order.objects.filter(pk__in=dues_orders.values("pk"), status=Order.Status.PENDING)
    owed = pending.aggregate(total=Sum("total"), count=Count("pk"))
    return DuesSummary(
        year=today.year,
        collected=collected(**within("paid_at", year_bounds(today.year))),
        collected_last_year=collected(**within("paid_at", year_bounds(today.year - 1))),
        collected_last_year_to_date=collected(
            **within("paid_at", day_bounds(date(today.year - 1, 1, 1), last_year_to_date))
        ),
        outstanding=owed["total"] or 0,
        outstanding_orders=owed["count"] or 0,
        transfers_waiting=Order.objects.filter(status=Order.Status.PENDING, payment_method="bank_transfer").count(),
        renewals_due=renewals_due(within_days=30, today=today).count(),
    )


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: int
    height: int  # percent of the tallest bar


def _bars(points: list[tuple[str, int]]) -> list[ChartBar]:
    tallest = max((value for _, value in points), default=0) or 1
    return [ChartBar(label, value, round(value * 100 / tallest)) for label, value in points]


def _month_ends(months: int, today: date) -> list[date]:
    """The last day of each of the last `months` months, oldest first; today for the current month."""
    ends = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        previous_end = first - timedelta(days=1)
        ends.append(previous_end)
        first = previous_end.replace(day=1)
    return list(reversed(ends))


def members_over_time(*, months: int = 12, today: date | None = None) -> list[ChartBar]:
    """Member companies at the end of each of the last `months` months (today for the current one): companies
    with a paid period covering that day. One query for the whole chart."""
    today = today or timezone.localdate()
    days = _month_ends(months, today)
    paid = Membership.objects.filter(
        status__in=[Membership.Status.ACTIVE, Membership.Status.GRACE, Membership.Status.ENDED],
        period_end__gte=days[0],
        period_start__lte=days[-1],
    ).values_list("organisation_id", "period_start", "period_end")
    periods_by_company: dict[int, list[tuple[date, date]]] = {}
    for organisation_id, start, end in paid:
        periods_by_company.setdefault(organisation_id, []).append((start, end))
    points = []
    for day in days:
        count = sum(1 for spans in periods_by_company.values() if any(s <= day <= e for s, e in spans))
        points.append((day.strftime("%m/%y"), count))
    return _bars(points)


def dues_by_month(*, year: int) -> list[ChartBar]:
    """Dues (with joining fees) received each month of `year`, in whole MAD. One query."""
    dues_orders = Order.objects.filter(lines__kind="dues").values("pk")
    # One sum per local month, its bounds computed here: the database's own zone data may be stale.
    totals = Order.objects.filter(status=Order.Status.PAID, pk__in=dues_orders).aggregate(
        **{
            f"m{month}": Sum("total", filter=Q(**within("paid_at", month_bounds(year, month))))
            for month in range(1, 13)
        }
    )
    return _bars([(f"{month:02d}", (totals[f"m{month}"] or 0) // 100) for month in range(1, 13)])


def period_rules() -> periods.PeriodRules:
    """The association's period settings."""
    return periods.PeriodRules(
        period=settings.MEMBERSHIP_PERIOD,
        late_join=settings.MEMBERSHIP_LATE_JOIN,
        late_join_from_month=settings.MEMBERSHIP_LATE_JOIN_FROM_MONTH,
        renewal_window_days=settings.MEMBERSHIP_RENEWAL_WINDOW_DAYS,
        grace_days=settings.MEMBERSHIP_GRACE_DAYS,
        reminder_days=tuple(settings.MEMBERSHIP_REMINDER_DAYS),
    )


def renewable_membership(organisation: Organisation) -> Membership | None:
    """The company's latest paid period, if it is not already followed by another one."""
    latest = organisation.memberships.exclude(
        status__in=[Membership.Status.CANCELLED, Membership.Status.PENDING_APPLICATION]
    ).first()
    if latest is None or latest.status not in (Membership.Status.ACTIVE, Membership.Status.GRACE):
        return None
    return latest


def pending_renewal(organisation: Organisation) -> Membership | None:
    return organisation.memberships.filter(status=Membership.Status.AWAITING_PAYMENT).first()
