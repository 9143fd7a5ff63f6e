from django.core.management.base import BaseCommand
from django.utils import translation

from members.dues.services import membership_send_renewal_reminders, send_membership_reminders


class Command(BaseCommand):
    help = (
        "E-mail renewal reminders to the administrators of companies whose membership ends soon or is in grace, "
        "on the days MEMBERSHIP_REMINDER_DAYS lists (at the company's contact address when it has no administrator); "
        "each reminder is sent once. Companies that cannot be reached are listed and tried again on the next run. "
        "Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Queue the job for the tasks worker instead.")

    def handle(self, *args, **options):
        if options["queue"]:
            result = send_membership_reminders.enqueue()
            self.stdout.write(f"Renewal reminders queued (task {result.id}).")
            return
        run = membership_send_renewal_reminders()
        with translation.override("en"):  # a command's output, like every other command's, is in English
            self.stdout.write(f"Renewal reminders: {run.summary()}")
