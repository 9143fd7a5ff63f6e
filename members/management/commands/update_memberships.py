from django.core.management.base import BaseCommand

from members.dues.services import membership_update_statuses


class Command(BaseCommand):
    help = (
        "Move finished membership periods into grace, lapse those unpaid after the grace period, and update the "
        "companies' status (directory, Members group). Run it daily from cron."
    )

    def handle(self, *args, **options):
        moved = membership_update_statuses()
        self.stdout.write(
            "Memberships updated: {grace} into grace, {lapsed} lapsed, {ended} ended (renewed).".format(**moved)
        )
