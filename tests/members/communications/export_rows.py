"""The communications' exporting listings, and how to put a row in each (see tests.spreadsheets)."""

from members.models import Announcement, Delivery
from tests.factories.communications import AnnouncementFactory, SuppressedAddressFactory
from tests.spreadsheets import Listing


def delivery(index: int) -> Delivery:
    announcement = AnnouncementFactory(status=Announcement.Status.SENT)
    return Delivery.objects.create(
        announcement=announcement, email=f"destinataire{index}@exemple.ma", name="Nadia", status=Delivery.Status.SENT
    )


LISTINGS = [
    Listing("members_announcements:index", lambda index: AnnouncementFactory()),
    Listing("members_deliveries:index", delivery),
    Listing("members_suppression:index", lambda index: SuppressedAddressFactory()),
]
