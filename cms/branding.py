"""The association's branding for e-mails, read from the site settings; registered with core.branding."""

from django.conf import settings

from cms.models import AssociationSettings
from core.branding import BRAND_ACCENT, BRAND_PRIMARY, Branding
from core.site_url import absolute_url


def association_branding() -> Branding | None:
    """The association's name, logo (absolute address), colours, contact e-mail and postal address, from the
    default site's settings."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    association = AssociationSettings.for_site(site) if site else None
    if association is None:
        return None
    logo_url = ""
    if association.logo_id:
        try:
            logo_url = association.logo.get_rendition("max-240x80").url
        except OSError:  # the image file is missing: the name stands in for the logo
            logo_url = ""
        logo_url = absolute_url(logo_url)
    return Branding(
        # In the active language: core.mail reads the branding in the recipient's.
        name=association.localized_name or settings.WAGTAIL_SITE_NAME,
        logo_url=logo_url,
        email=association.email,
        primary=association.primary_colour or BRAND_PRIMARY,
        accent=association.accent_colour or BRAND_ACCENT,
        address=association.address.strip(),
    )
