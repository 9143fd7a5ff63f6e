from django.core.management import call_command
from wagtail.models import PageViewRestriction

from tests.factories.cms import NewsPageFactory, StandardPageFactory


def test_search_finds_a_news_article(client, news_index):
    NewsPageFactory(parent=news_index, title="Le cloud souverain au Maroc", intro="Une filière qui se structure.")
    NewsPageFactory(parent=news_index, title="Les RH du numérique")
    call_command("update_index", verbosity=0)
    html = client.get("/search/", {"q": "souverain"}).content.decode()
    assert "Le cloud souverain au Maroc" in html
    assert "Les RH du numérique" not in html


def test_search_result_shows_date_and_intro(client, news_index):
    NewsPageFactory(parent=news_index, title="Le cloud souverain", intro="Une filière qui se structure.")
    call_command("update_index", verbosity=0)
    html = client.get("/search/", {"q": "souverain"}).content.decode()
    assert "Une filière qui se structure." in html
    assert "<time" in html


def test_search_leaves_out_members_only_standard_pages(client, home, members_group):
    page = StandardPageFactory(parent=home, title="Annuaire interne souverain")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(members_group)
    call_command("update_index", verbosity=0)
    html = client.get("/search/", {"q": "souverain"}).content.decode()
    assert "Annuaire interne souverain" not in html


def test_search_without_query_shows_the_form_only(client, home):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
