"""Background work for registrations: the job that reminds buyers of reservations about to end, expires unpaid
reservations and unclaimed offers. (The e-mails are tasks of events.emails, which the services queue.)"""

from django_tasks import task

from events.services import registrations_expire, registrations_remind, waitlist_expire_offers, waitlist_offer_all


@task()
def expire_reservations() -> dict:
    """Remind buyers whose reservation ends soon (once), expire unpaid reservations and unclaimed waitlist offers
    past their time, and offer the freed seats (run every few minutes; `manage.py expire_reservations` does the
    same)."""
    return {
        "reminders": registrations_remind(),
        "reservations": registrations_expire(),
        "offers": waitlist_expire_offers(),
        "new_offers": waitlist_offer_all(),
    }
