"""The board's exporting listings, and how to put a row in each (see tests.spreadsheets)."""

from tests.factories.partnerships import PostFactory
from tests.spreadsheets import Listing

LISTINGS = [
    Listing("partnerships_posts:index", lambda index: PostFactory()),
]
