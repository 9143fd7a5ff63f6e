"""What the secretariat's spreadsheet program shows of this app's exports: hostile names neutralised, accents,
local times, typed cells, a named sheet (tests.spreadsheets)."""

import pytest

from tests.members.export_rows import LISTINGS
from tests.spreadsheets import check_listing, log_in_secretariat


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.url_name)
def test_hostile_names_are_neutralised_in_the_csv_and_xlsx_exports(client, db, listing):
    log_in_secretariat(client)

    check_listing(client, listing)
