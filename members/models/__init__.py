from .consent import Consent, PrivacyNotice
from .organisations import Organisation, OrganisationQuerySet, Region, Sector, SizeBand
from .users import EmailUserManager, User

__all__ = [
    "Consent",
    "EmailUserManager",
    "Organisation",
    "OrganisationQuerySet",
    "PrivacyNotice",
    "Region",
    "Sector",
    "SizeBand",
    "User",
]
