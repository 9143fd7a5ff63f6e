"""Reads for the secretariat's event screens: every event with its counts (the "Events" home), one event's
figures, and the dashboard's upcoming events."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.checkin import event_registrations
from events.models import EventPage, Registration, RegistrationSettings, TicketType, WaitlistEntry

Status = Registration.Status
WAITING = (WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED)


def _rate(part: int, whole: int | None) -> int | None:
    return round(100 * part / whole) if whole else None


@dataclass(frozen=True)
class EventSummary:
    event: EventPage
    settings: RegistrationSettings | None
    tickets: list[TicketType]  # annotated with confirmed, reserved and checked_in
    confirmed: int
    reserved: int
    checked_in: int
    cancelled: int
    waiting: int
    offered: int

    @property
    def capacity(self) -> int | None:
        return self.settings.capacity if self.settings else None

    @property
    def fill_rate(self) -> int | None:
        return _rate(self.confirmed, self.capacity)

    @property
    def listing_event_id(self) -> int:
        """The page the registrations hang on (the language version holding the registration settings)."""
        return self.settings.event_id if self.settings else self.event.pk


def event_summary(*, event: EventPage) -> EventSummary:
    """Seats by ticket, arrivals and the waitlist of one event, in any of its languages (four queries)."""
    key = event.translation_key
    registrations = Q(registrations__status=Status.CONFIRMED)
    tickets = list(
        TicketType.objects.filter(event__translation_key=key).annotate(
            confirmed=Count("registrations", filter=registrations),
            reserved=Count("registrations", filter=Q(registrations__status=Status.RESERVED)),
            checked_in=Count("registrations", filter=registrations & Q(registrations__checked_in_at__isnull=False)),
        )
    )
    totals = event_registrations(event).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        reserved=Count("pk", filter=Q(status=Status.RESERVED)),
        checked_in=Count("pk", filter=Q(status=Status.CONFIRMED, checked_in_at__isnull=False)),
        cancelled=Count("pk", filter=Q(status__in=[Status.CANCELLED, Status.EXPIRED])),
    )
    waitlist = WaitlistEntry.objects.filter(event__translation_key=key).aggregate(
        waiting=Count("pk", filter=Q(status=WaitlistEntry.Status.WAITING)),
        offered=Count("pk", filter=Q(status=WaitlistEntry.Status.OFFERED, offer_expires_at__gt=timezone.now())),
    )
    settings = RegistrationSettings.objects.filter(event__translation_key=key).order_by("pk").first()
    return EventSummary(event=event, settings=settings, tickets=tickets, **totals, **waitlist)


@dataclass(frozen=True)
class FillRate:
    event: EventPage
    confirmed: int
    capacity: int | None
    waiting: int
    is_open: bool

    @property
    def rate(self) -> int | None:
        return _rate(self.confirmed, self.capacity)


def _count(queryset) -> Subquery:
    return Coalesce(
        Subquery(queryset.order_by().values("event").annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
        Value(0),
    )


def upcoming_fill_rates(*, limit: int = 8) -> list[FillRate]:
    """The next events that take registrations: confirmed seats against capacity, and people waiting (one query)."""
    events = (
        EventPage.objects.upcoming()
        .filter(registration_settings__isnull=False)
        .annotate(
            confirmed_count=_count(Registration.objects.filter(event=OuterRef("pk"), status=Status.CONFIRMED)),
            waiting_count=_count(WaitlistEntry.objects.filter(event=OuterRef("pk"), status__in=WAITING)),
            capacity=F("registration_settings__capacity"),
            registration_open=F("registration_settings__is_open"),
        )[:limit]
    )
    return [
        FillRate(
            event=event,
            confirmed=event.confirmed_count,
            capacity=event.capacity,
            waiting=event.waiting_count,
            is_open=event.registration_open,
        )
        for event in events
    ]


def _count_over_translations(queryset) -> Subquery:
    # Registrations made from any language version of the event's page.
    counted = queryset.filter(event__translation_key=OuterRef("translation_key")).order_by()
    return Coalesce(
        Subquery(
            counted.values("event__translation_key").annotate(n=Count("pk")).values("n"), output_field=IntegerField()
        ),
        Value(0),
    )


def events_listing(*, search: str = "", now: dt.datetime | None = None):
    """Every event once, upcoming first (soonest first), then past ones (latest first), annotated with
    `confirmed_count` and `checked_in_count` over all its language versions, and `ended` (one query per slice).

    An event stands for all its translations by the first version made of it (the one its copies were made from);
    `search` matches the title of any version.
    """
    now = now or timezone.now()
    versions = EventPage.objects.filter(translation_key=OuterRef("translation_key"))
    events = EventPage.objects.filter(~Exists(versions.filter(pk__lt=OuterRef("pk"))))
    if search:
        events = events.filter(Exists(versions.filter(title__icontains=search)))
    confirmed = Registration.objects.filter(status=Status.CONFIRMED)
    return events.annotate(
        confirmed_count=_count_over_translations(confirmed),
        checked_in_count=_count_over_translations(confirmed.filter(checked_in_at__isnull=False)),
        ended=Case(When(end__lte=now, then=Value(True)), default=Value(False), output_field=BooleanField()),
        upcoming_start=Case(When(end__gt=now, then=F("start"))),
    ).order_by("ended", "upcoming_start", "-start", "-pk")
