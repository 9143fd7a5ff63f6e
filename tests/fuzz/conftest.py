import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from tests.factories.cms import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.members import OrganisationFactory, SectorFactory
from tests.factories.partnerships import PostFactory
from tests.factories.registrations import member_of_current_company


@pytest.fixture(autouse=True)
def _french_to_start_with():
    """Each test starts in the default language: a request to /ar/ leaves Arabic active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def news_index(home):
    index = NewsIndexPageFactory(parent=home)
    category = NewsCategoryFactory(slug="innovation")
    article = NewsPageFactory(parent=index, title="Le Technopark s'agrandit", category=category)
    article.tags.add("numerique")
    article.save_revision().publish()
    NewsPageFactory(parent=index, days_ago=3)
    return index


@pytest.fixture
def events_index(home):
    index = EventIndexPageFactory(parent=home)
    EventPageFactory(parent=index, title="Forum de l'industrie")
    EventPageFactory(parent=index, days_from_now=-40, title="Assises du numérique")
    return index


@pytest.fixture
def sector(db):
    return SectorFactory(slug="automobile", name="Automobile")


@pytest.fixture
def directory(sector):
    organisation = OrganisationFactory(legal_name="Atlas Composants SARL", directory_opt_in=True)
    organisation.sectors.add(sector)
    return organisation


@pytest.fixture
def board_post(sector):
    return PostFactory(title="Injection plastique de pièces", visibility="public", sectors=[sector])


@pytest.fixture
def member(db):
    """A person of a company with an active membership."""
    return member_of_current_company().user
