import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction, Site

from cms.models import HomePage
from members.constants import MEMBERS_GROUP
from tests.factories.cms import NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def home(db) -> HomePage:
    """The French home page, root of the default site (created by the cms data migration)."""
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


@pytest.fixture
def home_translations(home) -> dict[str, HomePage]:
    """English and Arabic home pages, translations of the French one."""
    from wagtail.models import Locale

    pages = {"fr": home}
    for code in ("en", "ar"):
        translation = home.copy_for_translation(Locale.objects.get(language_code=code))
        translation.title = {"en": "Home", "ar": "الرئيسية"}[code]
        translation.save_revision().publish()
        pages[code] = translation
    return pages


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def members_group(db) -> Group:
    return Group.objects.get_or_create(name=MEMBERS_GROUP)[0]


@pytest.fixture
def members_only_article(news_index, members_group):
    article = NewsPageFactory(parent=news_index, title="Rapport réservé aux membres", intro="Le résumé public.")
    restriction = PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(members_group)
    return article


@pytest.fixture
def member(django_user_model, members_group):
    user = django_user_model.objects.create_user(email="membre@societe.example.ma", password="x" * 12)
    user.groups.add(members_group)
    return user


@pytest.fixture
def root_page(db) -> Page:
    return Page.get_first_root_node()
