import datetime as dt

from django.core.management.base import BaseCommand

from events.recompute import recompute_event_times


def _utc(instant) -> str:
    return f"{instant.astimezone(dt.UTC):%Y-%m-%d %H:%M}Z"


class Command(BaseCommand):
    help = (
        "Recompute the UTC instants of every event not yet over from the local times typed for it, under the zone "
        "data in use (after a tzdata upgrade). Attendees of a published event that moved get its updated "
        "invitation (SEQUENCE + 1) in their language. Prints what moved, for the organisers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would move; change and send nothing.")

    def handle(self, *args, dry_run=False, **options):
        moved = recompute_event_times(dry_run=dry_run)
        for change in moved:
            old, new = (_utc(instant) for instant in (change.old_start, change.new_start))
            self.stdout.write(
                f"{change.event_id}\t{change.title}\t{change.local_start:%Y-%m-%d %H:%M} {change.time_zone}\t"
                f"{old} → {new}\t"
                f"{change.attendees} attendee(s){'' if change.live else ' (draft)'}"
            )
        notified = sum(change.attendees for change in moved if change.live)
        if dry_run:
            self.stdout.write(f"Dry run: {len(moved)} event(s) would move; nothing changed, nothing sent.")
        else:
            self.stdout.write(f"{len(moved)} event(s) moved; {notified} attendee(s) sent an updated invitation.")
