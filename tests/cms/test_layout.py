import pytest
from django.template.loader import render_to_string
from wagtail.models import Site

from cms.models import AssociationSettings, NavigationSettings
from tests.factories.cms import StandardPageFactory


def test_footer_shows_the_association_settings(client, home):
    AssociationSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "name": "Association des Technologies",
            "address": "Technopark, Route de Nouaceur",
            "ice": "001234567000062",
            "linkedin_url": "https://www.linkedin.com/company/exemple",
        },
    )
    html = client.get("/").content.decode()
    assert "Association des Technologies" in html
    assert "Technopark, Route de Nouaceur" in html
    assert "001234567000062" in html
    assert "https://www.linkedin.com/company/exemple" in html


def test_header_menu_shows_the_navigation_settings(client, home):
    about = StandardPageFactory(parent=home, title="Qui sommes-nous", slug="qui-sommes-nous")
    NavigationSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"header_links": [{"type": "link", "value": {"page": about.pk, "url": "", "label": ""}}]},
    )
    html = client.get("/").content.decode()
    assert '<a href="/qui-sommes-nous/">Qui sommes-nous</a>' in html


def test_unknown_address_shows_the_404_page_in_the_site_design(client, home):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="error-page__code"' in html
    assert 'class="site-header"' in html


def test_500_page_renders_without_a_request():
    # No database access allowed here: the page must render when the database is what failed.
    html = render_to_string("500.html")
    assert 'class="error-page__code"' in html


def test_robots_txt_points_to_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_sitemap_lists_public_pages(client, home):
    StandardPageFactory(parent=home, title="Adhérer", slug="adherer")
    assert "/adherer/" in client.get("/sitemap.xml").content.decode()


@pytest.mark.django_db
def test_pages_outside_the_cms_render_before_any_site_is_set_up(client):
    # A fresh install (or a wiped database) has no Wagtail site yet: the header falls back to "Majlis".
    from wagtail.models import Site

    from tests.factories.members import MemberUserFactory

    Site.objects.all().delete()
    client.force_login(MemberUserFactory())

    response = client.get("/my-space/")

    assert response.status_code == 200
    assert "Majlis" in response.content.decode()
