from tests.factories.cms import NewsPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.members import OrganisationFactory


def test_home_page_shows_hero_title(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert "Les entreprises du numérique, ensemble" in response.content.decode()


def test_home_page_lists_the_latest_news(client, home, news_index):
    NewsPageFactory(parent=news_index, title="Ancienne nouvelle", days_ago=30)
    for n in range(3):
        NewsPageFactory(parent=news_index, title=f"Nouvelle récente {n}", days_ago=n)
    html = client.get("/").content.decode()
    assert "Nouvelle récente 0" in html
    assert "Ancienne nouvelle" not in html


def test_home_page_lists_the_next_events(client, home):
    index = EventIndexPageFactory(parent=home)
    EventPageFactory(parent=index, title="Forum de l'export numérique", days_from_now=10)
    EventPageFactory(parent=index, title="Rencontre passée", days_from_now=-10)
    html = client.get("/").content.decode()
    assert "Forum de l&#x27;export numérique" in html
    assert "Rencontre passée" not in html


def test_home_page_shows_featured_member_companies(client, home):
    OrganisationFactory(legal_name="Atlas Cloud SARL", is_featured=True, directory_opt_in=True)
    OrganisationFactory(legal_name="Discrète SA", is_featured=False)
    html = client.get("/").content.decode()
    assert "Atlas Cloud SARL" in html
    assert "Discrète SA" not in html


def test_anonymous_home_page_sets_no_cookie(client, home):
    response = client.get("/")
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
