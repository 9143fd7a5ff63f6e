"""The project's additions to the admin's styles reach every admin page."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.events.staff import log_in, staff_user

pytestmark = pytest.mark.django_db


def test_admin_pages_load_the_project_s_admin_styles(client):
    log_in(client, staff_user())

    response = client.get("/admin/")

    assert response.status_code == 200
    assert 'href="/static/css/admin.css"' in response.text


def test_listing_titles_keep_room_for_a_name_on_a_phone():
    styles = Path(finders.find("css/admin.css")).read_text(encoding="utf-8")

    assert ".listing td.title" in styles and "min-width" in styles
