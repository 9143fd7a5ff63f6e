"""Reads about members that views and other apps use."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone
from wagtail.images import get_image_model

from members import periods
from members.models import (
    Invitation,
    Membership,
    MembershipApplication,
    MembershipPlan,
    Organisation,
    OrganisationMember,
    Role,
    Sector,
)

# The logo rendition the directory and profile pages use; prefetched so that a page of logos costs one query.
LOGO_FILTER = "max-160x80"


def featured_organisations(*, limit: int = 6) -> QuerySet[Organisation]:
    """Member companies shown on the home page: in the public directory and marked as featured."""
    return (
        Organisation.objects.in_directory()
        .filter(is_featured=True)
        .select_related("logo")
        .order_by("legal_name")[:limit]
    )


def _with_logo_and_sectors(queryset: QuerySet[Organisation]) -> QuerySet[Organisation]:
    Rendition = get_image_model().get_rendition_model()
    return queryset.select_related("logo").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("name")),
        Prefetch("logo__renditions", queryset=Rendition.objects.filter(filter_spec=LOGO_FILTER)),
    )


def directory_organisations(
    *, search: str = "", sector: Sector | None = None, region: str = "", size_band: str = ""
) -> QuerySet[Organisation]:
    """The public member directory: active, opted-in companies, filtered as the visitor asked."""
    queryset = Organisation.objects.in_directory()
    if search:
        for word in search.split()[:8]:
            queryset = queryset.filter(
                Q(legal_name__icontains=word)
                | Q(trade_name__icontains=word)
                | Q(description__icontains=word)
                | Q(description_en__icontains=word)
                | Q(description_ar__icontains=word)
                | Q(city__icontains=word)
            )
    if sector is not None:
        queryset = queryset.filter(sectors=sector)
    if region:
        queryset = queryset.filter(region=region)
    if size_band:
        queryset = queryset.filter(size_band=size_band)
    return _with_logo_and_sectors(queryset.order_by("legal_name", "pk"))


def directory_organisation(*, slug: str) -> Organisation | None:
    return _with_logo_and_sectors(Organisation.objects.in_directory().filter(slug=slug)).first()


def is_member(user) -> bool:
    """Logged-in members (people of an active company) and the secretariat may see contact details."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return OrganisationMember.objects.filter(user=user).in_active_organisations().exists()


def directory_contacts(*, organisation: Organisation) -> QuerySet[OrganisationMember]:
    """People of a company who chose to show their contact details to other members."""
    return (
        organisation.people.filter(user__show_in_directory=True, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )


def memberships_of(*, user) -> QuerySet[OrganisationMember]:
    return (
        OrganisationMember.objects.filter(user=user).select_related("organisation").order_by("organisation__legal_name")
    )


def administered_organisation(*, user, slug: str) -> Organisation | None:
    """The company with this slug if the user is one of its administrators, else None."""
    if not user.is_authenticated:
        return None
    return Organisation.objects.filter(slug=slug, people__user=user, people__role=Role.ADMIN).first()


def people_of(*, organisation: Organisation) -> QuerySet[OrganisationMember]:
    return organisation.people.select_related("user").order_by("user__last_name", "user__first_name", "user__email")


def pending_invitations_of(*, organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.pending().select_related("invited_by").order_by("-sent_at")


def applications_of(*, user) -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.filter(applicant=user).select_related("organisation")


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
    from members.membership_services import period_rules, renewable_membership

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
    from payments.models import Order

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
        collected=collected(paid_at__year=today.year),
        collected_last_year=collected(paid_at__year=today.year - 1),
        collected_last_year_to_date=collected(paid_at__year=today.year - 1, paid_at__date__lte=last_year_to_date),
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


def members_by_status() -> dict[str, int]:
    """Companies by membership status, for the dashboard (one query)."""
    counts = dict(Organisation.objects.values_list("status").annotate(count=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in Organisation.Status.values}


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
    from django.db.models.functions import ExtractMonth

    from payments.models import Order

    dues_orders = Order.objects.filter(lines__kind="dues").values("pk")
    totals = dict(
        Order.objects.filter(status=Order.Status.PAID, paid_at__year=year, pk__in=dues_orders)
        .annotate(month=ExtractMonth("paid_at"))
        .values_list("month")
        .annotate(total=Sum("total"))
        .order_by()
    )
    return _bars([(f"{month:02d}", (totals.get(month) or 0) // 100) for month in range(1, 13)])
