"""The members app's exporting listings, and how to put a row in each (see tests.spreadsheets)."""

from members.models import Consent
from tests.factories.accounts import PrivacyNoticeFactory
from tests.factories.members import (
    MembershipApplicationFactory,
    MemberUserFactory,
    OrganisationFactory,
    OrganisationMemberFactory,
    SectorFactory,
)
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.spreadsheets import Listing


def consent(index: int) -> Consent:
    return Consent.objects.create(
        user=MemberUserFactory(),
        purpose=Consent.Purpose.values[index % len(Consent.Purpose.values)],
        granted=index % 2 == 0,
        notice=PrivacyNoticeFactory(),
    )


LISTINGS = [
    Listing("members_organisations:index", lambda index: OrganisationFactory()),
    Listing("members_people:index", lambda index: OrganisationMemberFactory()),
    Listing("members_applications:index", lambda index: MembershipApplicationFactory()),
    Listing("members_memberships:index", lambda index: MembershipFactory()),
    Listing("members_plans:index", lambda index: MembershipPlanFactory(requires_approval=index % 2 == 0)),
    Listing("members_sectors:index", lambda index: SectorFactory()),
    Listing("members_consents:index", consent),
    # A company with no people and no contact address: the report of companies that cannot be reached.
    Listing("members_unreachable", lambda index: OrganisationFactory(contact_email="")),
]
