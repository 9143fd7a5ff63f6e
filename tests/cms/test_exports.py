"""What the secretariat's spreadsheet program shows of the cms's exports: hostile page titles neutralised, accents,
a named sheet (tests.spreadsheets)."""

import pytest

from tests.cms.export_rows import LISTINGS
from tests.spreadsheets import check_listing, log_in_secretariat


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.url_name)
def test_hostile_titles_are_neutralised_in_the_csv_and_xlsx_exports(client, db, listing):
    log_in_secretariat(client)

    check_listing(client, listing)
