"""Who the association is, for e-mails and documents: name, logo, colours, contact and postal address.

The site settings that hold them belong to the presentation layer (cms), which registers the reader at start-up
(`CmsConfig.ready()`); lower layers ask `association_branding()` without importing cms. Without a reader, or
before any site exists, the site name stands alone in the site's own colours.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

# The site's own colours (--color-primary and --color-accent in site/static/css/majlis.css).
BRAND_PRIMARY = "#0f4c5c"
BRAND_ACCENT = "#e09f3e"


@dataclass(frozen=True)
class Branding:
    name: str
    logo_url: str
    email: str
    primary: str = BRAND_PRIMARY
    accent: str = BRAND_ACCENT
    address: str = ""


_reader: Callable[[], Branding | None] | None = None


def register_branding_reader(reader: Callable[[], "Branding | None"]) -> None:
    global _reader
    _reader = reader


def association_branding() -> Branding:
    """The association's name, logo (absolute address), colours, contact e-mail and postal address."""
    branding = _reader() if _reader else None
    return branding or Branding(name=settings.WAGTAIL_SITE_NAME, logo_url="", email="")
