from django.core.management.base import BaseCommand

from partnerships.services import board_daily
from partnerships.tasks import run_board_daily


class Command(BaseCommand):
    help = (
        "Take off the board the posts whose end date has passed, and remind the authors of posts ending within "
        "PARTNERSHIPS_EXPIRY_REMINDER_DAYS days (once each). Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Queue the job for the tasks worker instead.")

    def handle(self, *args, **options):
        if options["queue"]:
            result = run_board_daily.enqueue()
            self.stdout.write(f"Board daily job queued (task {result.id}).")
            return
        done = board_daily()
        self.stdout.write("Board: {expired} post(s) expired, {reminded} reminder(s) sent.".format(**done))
