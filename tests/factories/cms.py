"""Pages and snippets of the editorial site."""

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from cms.models import HomePage, NewsCategory, NewsIndexPage, NewsPage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Accueil"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_title = "Les entreprises du numérique, ensemble"
    hero_text = "De Casablanca aux douze régions du Maroc."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "Qui sommes-nous, comment nous rejoindre."

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Actualités"
    slug = "actualites"

    class Meta:
        model = NewsIndexPage


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = NewsCategory


class NewsPageFactory(wagtail_factories.PageFactory):
    """A published article. Pass `days_ago` to date it in the past."""

    class Params:
        days_ago = 0

    title = factory.Sequence(lambda n: f"Actualité numéro {n}")
    date = factory.LazyAttribute(lambda o: timezone.localdate() - dt.timedelta(days=o.days_ago))
    intro = "Le Technopark accueille une nouvelle promotion de start-up."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Le texte complet réservé à la lecture de l'article.</p>")])
    author = "Service communication"

    class Meta:
        model = NewsPage
