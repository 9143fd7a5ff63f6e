"""The cms's exporting listings, and how to put a row in each (see tests.spreadsheets)."""

from wagtail.models import Site

from tests.factories.cms import StandardPageFactory
from tests.spreadsheets import Listing


def french_page(index: int):
    """A live French page below the default site's home, with no translation: a row of the missing-translations
    report."""
    home = Site.objects.get(is_default_site=True).root_page
    return StandardPageFactory(parent=home, title=f"Page {index}", slug=f"page-a-traduire-{index}")


LISTINGS = [
    Listing("cms_missing_translations", french_page),
]
