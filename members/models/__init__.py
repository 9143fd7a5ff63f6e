from .organisations import Organisation, OrganisationQuerySet, Region, Sector, SizeBand
from .users import EmailUserManager, User

__all__ = [
    "EmailUserManager",
    "Organisation",
    "OrganisationQuerySet",
    "Region",
    "Sector",
    "SizeBand",
    "User",
]
