from django.core.management.base import BaseCommand

from events.services import registrations_expire, registrations_remind, waitlist_expire_offers, waitlist_offer_all


class Command(BaseCommand):
    help = (
        "Remind buyers whose reservation ends soon (once), expire unpaid event reservations past their payment "
        "deadline (their orders are cancelled) and waitlist offers past their time, then offer the freed seats to "
        "the next people waiting. Run it every few minutes."
    )

    def handle(self, *args, **options):
        reminders = registrations_remind()
        reservations = registrations_expire()
        offers = waitlist_expire_offers()
        new_offers = waitlist_offer_all()
        self.stdout.write(
            f"Payment reminders sent: {reminders}; reservations expired: {reservations}; "
            f"waitlist offers expired: {offers}; seats offered: {new_offers}."
        )
