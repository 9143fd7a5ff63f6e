import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from core.clock_changes import kind_label, recompute_times


def _utc(instant) -> str:
    return f"{instant.astimezone(dt.UTC):%Y-%m-%d %H:%M}Z"


class Command(BaseCommand):
    help = (
        "After a tzdata upgrade: recompute, from the local times typed for them, the UTC instants of every event not "
        "yet over, of its ticket sales and cancellation deadlines, its B2B request deadline and placed meetings, "
        "under the zone data in use. The attendees of a published event and the participants of a meeting that "
        "moved get the updated invitation (SEQUENCE + 1) in their language. Prints what moved; the organisers find "
        "it in the admin's report of recomputed times."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would move; change and send nothing.")

    def handle(self, *args, dry_run=False, **options):
        moved = recompute_times(dry_run=dry_run)
        for change in moved:
            with translation.override(settings.LANGUAGE_CODE):  # the kinds as the organisers' report names them
                kind = kind_label(change.kind)
            self.stdout.write(
                "\t".join(
                    [
                        kind,
                        str(change.object_id),
                        change.label,
                        f"{change.wall_clock:%Y-%m-%d %H:%M} {change.time_zone}",
                        f"{_utc(change.old)} → {_utc(change.new)}",
                        f"{change.notified} told" + (f" ({change.note})" if change.note else ""),
                    ]
                )
            )
        notified = sum(change.notified for change in moved)
        if dry_run:
            self.stdout.write(f"Dry run: {len(moved)} instant(s) would move; nothing changed, nothing sent.")
        else:
            self.stdout.write(f"{len(moved)} instant(s) moved; {notified} updated invitation(s) sent.")
