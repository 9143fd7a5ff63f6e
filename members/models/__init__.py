from .applications import MembershipApplication
from .consent import Consent, PrivacyNotice
from .organisations import Organisation, OrganisationQuerySet, Region, Sector, SizeBand
from .people import Invitation, OrganisationMember, Role
from .users import EmailUserManager, User

__all__ = [
    "Consent",
    "EmailUserManager",
    "Invitation",
    "MembershipApplication",
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
