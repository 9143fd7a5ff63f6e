"""Reads about registrations: what the event page offers the viewer, "My registrations", and who may see what."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from events.access import can_manage, cancellation_deadline
from events.models import EventPage, RefundRule, Registration, RegistrationSettings, TicketType, WaitlistEntry
from members.models import Membership, Organisation, OrganisationMember, Role
from payments.models import PaymentMethod
from payments.selectors import refundable_amount


@dataclass(frozen=True)
class Affiliation:
    """A company the viewer works for, whether it is a current member, and whether they administer it."""

    organisation: Organisation
    is_current_member: bool
    is_admin: bool


def affiliations_of(user) -> list[Affiliation]:
    """The viewer's companies, with their membership status, in one query."""
    if not user.is_authenticated:
        return []
    current = Membership.objects.current().filter(organisation=OuterRef("organisation_id"))
    rows = (
        OrganisationMember.objects.filter(user=user)
        .select_related("organisation")
        .annotate(is_current=Exists(current))
        .order_by("-is_current", "organisation__legal_name")
    )
    return [Affiliation(row.organisation, row.is_current, row.role == Role.ADMIN) for row in rows]


@dataclass
class TicketOffer:
    """A ticket type as one viewer sees it: their price (None: not offered to them) and the seats left."""

    ticket: TicketType
    price: int | None
    free: int | None
    on_sale: bool

    @property
    def sold_out(self) -> bool:
        return self.free is not None and self.free <= 0

    @property
    def available(self) -> bool:
        return self.price is not None and self.on_sale and not self.sold_out


@dataclass
class RegistrationPanel:
    """What the event page's registration box shows."""

    settings: RegistrationSettings | None
    event: EventPage | None = None
    is_open: bool = False
    is_member: bool = False
    members_only_refused: bool = False
    tickets: list[TicketOffer] = field(default_factory=list)
    registration: Registration | None = None
    waitlist_entry: WaitlistEntry | None = None
    full: bool = False
    can_register_colleagues: bool = False

    @property
    def waitlist_open(self) -> bool:
        return bool(self.settings and self.settings.waitlist_enabled and self.is_open and self.full)

    @property
    def member_prices(self) -> "PriceRange | None":
        """The cheapest and dearest member price of the tickets, None when no ticket is offered to members."""
        return PriceRange.of(offer.ticket.member_price for offer in self.tickets)

    @property
    def non_member_prices(self) -> "PriceRange | None":
        return PriceRange.of(offer.ticket.non_member_price for offer in self.tickets)

    @property
    def next_step(self) -> str:
        """What the event's summary offers the viewer, in the order the registration box decides it:
        "" (no registration on the site), "registered", "waitlisted", "closed", "members_only", "waitlist",
        "sold_out" or "register"."""
        if self.settings is None:
            return ""
        if self.registration:
            return "registered"
        if self.waitlist_entry:
            return "waitlisted"
        if not self.is_open:
            return "closed"
        if self.members_only_refused:
            return "members_only"
        if self.full:
            return "waitlist" if self.settings.waitlist_enabled else "sold_out"
        return "register"


@dataclass(frozen=True)
class PriceRange:
    """The prices, in centimes, one group (members or non-members) pays across an event's tickets."""

    lowest: int
    highest: int

    @classmethod
    def of(cls, prices) -> "PriceRange | None":
        offered = [price for price in prices if price is not None]
        return cls(min(offered), max(offered)) if offered else None

    @property
    def is_single(self) -> bool:
        return self.lowest == self.highest


def _held_by_ticket(event: EventPage, now) -> tuple[int, dict[int, int]]:
    rows = (
        Registration.objects.filter(event=event, status__in=Registration.HOLDING_SEAT)
        .values("ticket_type_id")
        .annotate(n=Count("pk"))
    )
    offers = WaitlistEntry.objects.live_offers(now).filter(event=event).values("ticket_type_id").annotate(n=Count("pk"))
    by_ticket: dict[int, int] = {}
    for row in [*rows, *offers]:
        by_ticket[row["ticket_type_id"]] = by_ticket.get(row["ticket_type_id"], 0) + row["n"]
    return sum(by_ticket.values()), by_ticket


def ticket_offers(*, event: EventPage, settings: RegistrationSettings, is_member: bool, now=None) -> list[TicketOffer]:
    """The event's active tickets with the price for this group and the seats left (three queries)."""
    now = now or timezone.now()
    total, by_ticket = _held_by_ticket(event, now)
    event_free = None if settings.capacity is None else settings.capacity - total
    offers = []
    for ticket in TicketType.objects.active().filter(event=event):
        limits = [
            value
            for value in (event_free, None if ticket.quota is None else ticket.quota - by_ticket.get(ticket.pk, 0))
            if value is not None
        ]
        offers.append(
            TicketOffer(
                ticket=ticket,
                price=ticket.price_for(is_member=is_member),
                free=max(0, min(limits)) if limits else None,
                on_sale=ticket.is_on_sale(now),
            )
        )
    return offers


def registration_panel(*, event: EventPage, user, affiliations: list[Affiliation] | None = None) -> RegistrationPanel:
    """The registration box of an event page: tickets at the viewer's price, their own registration or place
    on the waitlist. A constant number of queries whatever the number of tickets."""
    # Registrations belong to one page; its translations and aliases (same translation key) share them.
    settings = (
        RegistrationSettings.objects.filter(event__translation_key=event.translation_key)
        .select_related("event")
        .order_by("event__alias_of_id", "pk")
        .first()
    )
    panel = RegistrationPanel(settings=settings, event=event)
    if settings is None:
        return panel
    event = panel.event = settings.event
    now = timezone.now()
    affiliations = affiliations_of(user) if affiliations is None else affiliations
    panel.is_member = any(a.is_current_member for a in affiliations)
    panel.can_register_colleagues = any(a.is_admin for a in affiliations)
    panel.is_open = settings.is_open and not (event.end and event.end <= now)
    panel.members_only_refused = event.members_only and not panel.is_member
    panel.tickets = ticket_offers(event=event, settings=settings, is_member=panel.is_member, now=now)
    offered = [offer for offer in panel.tickets if offer.price is not None and offer.on_sale]
    panel.full = bool(offered) and all(offer.sold_out for offer in offered)
    if user.is_authenticated:
        panel.registration = (
            Registration.objects.holding_seat()
            .filter(event=event)
            .filter(Q(user=user) | Q(attendee_email=user.email.lower()))
            .select_related("ticket_type", "order")
            .first()
        )
        panel.waitlist_entry = (
            WaitlistEntry.objects.filter(
                event=event, status__in=[WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED]
            )
            .filter(Q(user=user) | Q(email=user.email.lower()))
            .first()
        )
    return panel


def is_registrant(*, event: EventPage, user) -> bool:
    """A confirmed attendee of the event (they see its online link)."""
    if not user.is_authenticated:
        return False
    return Registration.objects.confirmed().filter(event=event, user=user).exists()


def registrations_visible_to(user) -> QuerySet[Registration]:
    """Registrations a person may see and manage: their own, those they made, and, for a company
    administrator, every registration of their company."""
    if not user.is_authenticated:
        return Registration.objects.none()
    administered = OrganisationMember.objects.filter(user=user, role=Role.ADMIN).values("organisation_id")
    return Registration.objects.filter(
        Q(user=user) | Q(registered_by=user) | Q(organisation_id__in=administered)
    ).distinct()


def my_registrations(*, user) -> list[Registration]:
    """The "My registrations" page: upcoming and recent registrations first, with what each row needs."""
    registrations = list(
        registrations_visible_to(user)
        .select_related("event", "ticket_type", "order", "organisation", "event__registration_settings")
        .order_by("-event__start", "attendee_name", "pk")[:500]
    )
    now = timezone.now()
    for registration in registrations:
        deadline = cancellation_deadline(registration, settings=_settings_of(registration))
        registration.can_cancel = registration.holds_seat and (deadline is None or now < deadline)
        registration.pay_url_available = (
            registration.status == Registration.Status.RESERVED
            and registration.order_id is not None
            and registration.order.is_payable
        )
    return registrations


def upcoming_registrations_of(*, user, limit: int = 5) -> list[Registration]:
    """The person's own registrations that hold a seat at an event not over yet, the next event first (one
    query). Registrations they made for colleagues are on "My registrations", not here."""
    if not user.is_authenticated:
        return []
    return list(
        Registration.objects.holding_seat()
        .filter(Q(user=user) | Q(attendee_email=user.email.lower()), event__end__gt=timezone.now())
        .select_related("event", "ticket_type", "order")
        .order_by("event__start", "pk")[:limit]
    )


def _count_of(entries: QuerySet[WaitlistEntry]):
    count = entries.order_by().values("event").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(count), Value(0), output_field=IntegerField())


def waitlist_position(entry: WaitlistEntry) -> tuple[int, int]:
    """A waiting entry's place in its event's queue and how many are waiting (two queries)."""
    waiting = WaitlistEntry.objects.waiting().filter(event_id=entry.event_id)
    earlier = Q(created_at__lt=entry.created_at) | Q(created_at=entry.created_at, pk__lt=entry.pk)
    return waiting.filter(earlier).count() + 1, waiting.count()


def waitlist_entries_of(*, user) -> list[WaitlistEntry]:
    """The person's places on waitlists of events not over yet, soonest event first, in one query. A waiting
    entry carries `position` (1 for the next person offered a seat) and `waiting_total`; an offer carries
    `offer_live` (False once its time has run out, before the job marks it expired)."""
    if not user.is_authenticated:
        return []
    waiting = WaitlistEntry.objects.filter(event=OuterRef("event"), status=WaitlistEntry.Status.WAITING)
    # Offered in the order they joined (events.services.waitlist): those who joined earlier are ahead.
    earlier = Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
    entries = list(
        WaitlistEntry.objects.filter(Q(user=user) | Q(email=user.email.lower()), event__end__gt=timezone.now())
        .filter(status__in=[WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED])
        .select_related("event", "ticket_type")
        .annotate(position=_count_of(waiting.filter(earlier)) + 1, waiting_total=_count_of(waiting))
        .order_by("event__start", "created_at", "pk")
    )
    now = timezone.now()
    for entry in entries:
        entry.offer_live = entry.status == WaitlistEntry.Status.OFFERED and entry.offer_expires_at > now
    return entries


@dataclass(frozen=True)
class CancellationOutcome:
    """What cancelling a registration does, as events.services.lifecycle.registration_cancel will do it: the seat
    goes to the first person waiting (`to_waitlist`) or back on sale; `money` says what happens to what was paid:
    "free" (nothing to pay), "unpaid" (the unpaid order is cancelled), "refund" (refunded at once, a credit note
    issued, the treasurer pays it back), "card_refund" (the secretariat refunds the card payment), "no_refund"
    (the event's rule keeps it); `amount` is what was paid and not given back yet, in centimes."""

    to_waitlist: bool
    money: str
    amount: int = 0


def cancellation_outcome(registration: Registration) -> CancellationOutcome:
    to_waitlist = WaitlistEntry.objects.waiting().filter(event_id=registration.event_id).exists()
    order = registration.order
    if order is None or order.total == 0:
        return CancellationOutcome(to_waitlist, "free")
    if order.is_payable:
        return CancellationOutcome(to_waitlist, "unpaid", order.total)
    amount = refundable_amount(order) if order.status == order.Status.PAID else 0
    if amount <= 0:
        return CancellationOutcome(to_waitlist, "free")
    settings = _settings_of(registration)
    if settings is None or settings.refund_rule != RefundRule.FULL:
        return CancellationOutcome(to_waitlist, "no_refund", amount)
    if order.payment_method == PaymentMethod.CARD:
        return CancellationOutcome(to_waitlist, "card_refund", amount)
    return CancellationOutcome(to_waitlist, "refund", amount)


def _settings_of(registration: Registration) -> RegistrationSettings | None:
    try:
        return registration.event.registration_settings
    except RegistrationSettings.DoesNotExist:
        return None


def registration_for_manager(*, code: str, user) -> Registration:
    """The registration with this code if the user may manage it; 404 otherwise (strangers learn nothing)."""
    if "\x00" in code:  # PostgreSQL refuses a NUL byte in a query; no code has one (a mangled link)
        raise Http404
    registration = (
        Registration.objects.select_related("event", "ticket_type", "order", "organisation").filter(code=code).first()
    )
    if registration is None or not can_manage(user, registration):
        raise Http404
    return registration


def waitlist_entry_by_token(*, token: str) -> WaitlistEntry:
    if "\x00" in token:  # PostgreSQL refuses a NUL byte in a query; no token has one (a mangled link)
        raise Http404
    entry = WaitlistEntry.objects.select_related("event", "ticket_type", "organisation").filter(token=token).first()
    if entry is None:
        raise Http404
    return entry
