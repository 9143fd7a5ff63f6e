from django.core.management.base import BaseCommand

from members.communications.services import deliveries_recover


class Command(BaseCommand):
    help = (
        "Take back the announcement e-mails a stopped worker left being sent (queued again, or failed after three "
        "attempts), queue again those waiting too long, and close every announcement with nothing left to send. "
        "Run it every few minutes."
    )

    def handle(self, *args, **options):
        recovery = deliveries_recover()
        self.stdout.write(
            f"Deliveries queued again: {recovery.requeued}; given up: {recovery.failed}; "
            f"announcements closed: {recovery.finished}."
        )
