from django.core.management.base import BaseCommand

from partnerships.meetings.services import meeting_requests_expire


class Command(BaseCommand):
    help = "Mark the B2B meeting requests left unanswered at their session's deadline as expired."

    def handle(self, *args, **options):
        count = meeting_requests_expire()
        self.stdout.write(f"{count} meeting request(s) expired.")
