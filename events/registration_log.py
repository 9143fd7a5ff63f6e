"""How registration and waitlist actions read in the Wagtail admin history."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

ACTIONS = {
    "events.registration_create": (_("Register"), _("Registered")),
    "events.registration_confirm": (_("Confirm registration"), _("Registration confirmed")),
    "events.registration_cancelled": (_("Cancel registration"), _("Registration cancelled")),
    "events.registration_expired": (_("Expire reservation"), _("Reservation expired unpaid")),
    "events.registration_hold_extended": (
        _("Extend reservation"),
        _("Reservation held longer: the buyer pays by bank transfer"),
    ),
    "events.registration_refund_due": (
        _("Refund due"),
        _("Card refund due: make it from the Stripe dashboard"),
    ),
    "events.registration_paid_without_seat": (
        _("Paid without a seat"),
        _("Paid after the reservation ended and no seat was left: refund the attendee"),
    ),
    "events.registration_change_ticket": (_("Change ticket"), _("Ticket changed")),
    "events.registration_transfer": (_("Transfer registration"), _("Registration given to another person")),
    "events.waitlist_join": (_("Join waitlist"), _("Joined the waitlist")),
    "events.waitlist_leave": (_("Leave waitlist"), _("Left the waitlist")),
    "events.waitlist_offer": (_("Offer seat"), _("Seat offered")),
    "events.waitlist_claim": (_("Claim seat"), _("Seat claimed")),
    "events.waitlist_offer_expire": (_("Expire offer"), _("Seat offer expired")),
}


def _register(actions) -> None:
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def register_log_actions() -> None:
    """Called from EventsConfig.ready(): the admin screens then label these history entries."""
    hooks.register("register_log_actions", _register)
