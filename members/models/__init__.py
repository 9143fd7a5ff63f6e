from .applications import MembershipApplication
from .communications import Announcement, Delivery, EmailPreferences, Segment, SuppressedAddress, Topic
from .consent import Consent, PrivacyNotice
from .imports import MemberImport
from .memberships import Audience, Membership, MembershipPlan, MembershipReminder
from .organisations import Organisation, OrganisationQuerySet, Region, Sector, SizeBand
from .people import Invitation, OrganisationMember, Role
from .users import EmailUserManager, User

__all__ = [
    "Announcement",
    "Delivery",
    "EmailPreferences",
    "Segment",
    "SuppressedAddress",
    "Topic",
    "Audience",
    "Consent",
    "EmailUserManager",
    "Invitation",
    "MemberImport",
    "MembershipApplication",
    "Membership",
    "MembershipPlan",
    "MembershipReminder",
    "Organisation",
    "OrganisationMember",
    "OrganisationQuerySet",
    "PrivacyNotice",
    "Region",
    "Role",
    "Sector",
    "SizeBand",
    "User",
]
