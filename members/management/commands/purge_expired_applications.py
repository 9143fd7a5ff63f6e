from django.core.management.base import BaseCommand

from members.services.applications import REJECTED_APPLICATION_RETENTION, applications_purge_expired


class Command(BaseCommand):
    help = (
        "Delete membership applications rejected more than a year ago, as the privacy notice promises. "
        "Run it daily from cron."
    )

    def handle(self, *args, **options):
        count = applications_purge_expired()
        self.stdout.write(
            f"Deleted {count} rejected application(s) decided more than {REJECTED_APPLICATION_RETENTION.days} days ago."
        )
