"""An editor translates a page from the admin: "Translate into …" turns the page's alias in that language into a page
of its own, which they rewrite and submit for moderation; visitors keep reading the French content (with the
notice data) until the translation is published. The secretariat's report shows what is left to translate."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import NewsPage, PendingTranslation
from cms.translation_workflow import untranslated_source
from events.admin_forms import one_per_event
from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.cms import NewsPageFactory, StandardPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.i18n import fr
from tests.spreadsheets import csv_rows

ARABIC_TITLE = "التقرير السنوي للجمعية"


def _locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def _translate_url(page, code: str) -> str:
    return reverse("cms_translate_page", args=[page.pk, code])


def _refused(response) -> bool:
    """The admin's answer to a permission refusal: back to its dashboard, with its "no permission" message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def as_role(client, name: str):
    user = StaffUserFactory(is_superuser=False)
    user.groups.add(Group.objects.get(name=name))
    login_with_mfa(client, user)
    return user


@pytest.fixture
def synced(home_translations, news_index):
    """A French article whose English and Arabic versions are aliases, as the synced page tree leaves them."""
    for code in ("en", "ar"):
        news_index.copy_for_translation(_locale(code), copy_parents=True, alias=True)
    article = NewsPageFactory(parent=news_index, title="Rapport annuel", slug="rapport-annuel")
    aliases = {
        code: article.copy_for_translation(_locale(code), copy_parents=True, alias=True) for code in ("en", "ar")
    }
    return {"fr": article, **aliases}


def _arabic_edit_form(page: NewsPage) -> dict:
    return nested_form_data(
        {
            "title": ARABIC_TITLE,
            "slug": page.slug,
            "date": page.date.isoformat(),
            "intro": "حصيلة سنة من العمل.",
            "body": streamfield([("paragraph", rich_text("<p>نص التقرير.</p>"))]),
            "author": "",
            "tags": "",
            "comments": inline_formset([]),
            "action-submit": "submit",
        }
    )


def test_the_editor_and_secretariat_roles_may_translate_pages(db):
    for name in ("Rédacteur", "Secrétariat"):
        codenames = Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename")
        assert ("simple_translation", "submit_translation") in codenames
    assert ("simple_translation", "submit_translation") not in Group.objects.get(
        name="Trésorier"
    ).permissions.values_list("content_type__app_label", "codename")


def test_an_editor_translates_an_article_into_arabic_through_moderation(client, synced):
    editor = as_role(client, "Rédacteur")
    arabic = synced["ar"]

    # The French article's page in the admin offers the translation into Arabic (and English).
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[synced["fr"].pk])).content.decode()
    assert _translate_url(synced["fr"], "ar") in edit_html
    assert _translate_url(synced["fr"], "en") in edit_html

    response = client.post(_translate_url(synced["fr"], "ar"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[arabic.pk])
    arabic.refresh_from_db()
    assert arabic.alias_of_id is None
    assert untranslated_source(arabic) == _locale("fr")

    # The editor rewrites it and submits it for moderation.
    response = client.post(reverse("wagtailadmin_pages:edit", args=[arabic.pk]), _arabic_edit_form(arabic.specific))
    assert response.status_code == 302, response.content.decode()[:2000]
    state = WorkflowState.objects.for_instance(arabic).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not arabic.specific.permissions_for_user(editor).can_publish()

    # Visitors still read the French content, with the notice data, until the moderator approves.
    client.logout()
    html = client.get(arabic.url).content.decode()
    assert "Rapport annuel" in html and ARABIC_TITLE not in html
    assert untranslated_source(Page.objects.get(pk=arabic.pk)) == _locale("fr")
    # … under the notice that it is not yet in Arabic, its French content marked as such.
    with translation.override("ar"):
        notice = gettext("This page is not yet available in Arabic: here is the French version.")
    assert notice in html
    assert 'lang="fr" dir="ltr"' in html

    as_role(client, "Secrétariat")
    task_state = WorkflowState.objects.for_instance(arabic).get().current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[arabic.pk, "approve", task_state.pk]), {"comment": ""}
    )
    assert response.status_code in (200, 302)
    client.logout()

    html = client.get(arabic.url).content.decode()
    assert ARABIC_TITLE in html
    assert notice not in html
    assert untranslated_source(Page.objects.get(pk=arabic.pk)) is None
    assert not PendingTranslation.objects.exists()


def test_opening_the_translate_action_changes_nothing(client, synced):
    as_role(client, "Rédacteur")

    response = client.get(_translate_url(synced["fr"], "ar"))

    assert response.status_code == 200
    assert '<form method="post"' in response.content.decode()
    assert Page.objects.get(pk=synced["ar"].pk).alias_of_id == synced["fr"].pk
    assert not PendingTranslation.objects.exists()


def test_a_page_missing_in_a_language_is_created_there_to_be_translated(client, home_translations):
    as_role(client, "Rédacteur")
    page = StandardPageFactory(parent=home_translations["fr"], title="Nos statuts", slug="statuts")

    response = client.post(_translate_url(page, "en"))

    english = Page.objects.get(translation_key=page.translation_key, locale=_locale("en"))
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert english.live and english.alias_of_id is None
    assert english.get_parent().pk == home_translations["en"].pk
    assert untranslated_source(english) == _locale("fr")


def test_a_page_already_translated_is_not_converted_again(client, synced):
    as_role(client, "Rédacteur")
    client.post(_translate_url(synced["fr"], "en"))
    Page.objects.get(pk=synced["en"].pk).specific.save_revision().publish()

    response = client.post(_translate_url(synced["fr"], "en"))

    assert response.status_code == 409
    assert fr("This page is already translated into that language: edit its translation instead.") in (
        response.content.decode().replace("&#x27;", "'")
    )
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[synced["fr"].pk])).content.decode()
    assert _translate_url(synced["fr"], "en") not in edit_html


def test_a_role_that_does_not_translate_is_refused_and_offered_nothing(client, synced):
    as_role(client, "Trésorier")

    assert _refused(client.get(_translate_url(synced["fr"], "ar")))
    assert _refused(client.post(_translate_url(synced["fr"], "ar")))
    assert Page.objects.get(pk=synced["ar"].pk).alias_of_id == synced["fr"].pk
    edit_html = client.get(reverse("wagtailadmin_pages:edit", args=[synced["fr"].pk])).content.decode()
    assert _translate_url(synced["fr"], "ar") not in edit_html


def test_a_user_who_may_not_edit_the_page_cannot_translate_it(client, synced, django_user_model):
    from django.contrib.auth.models import Permission

    user = StaffUserFactory(is_superuser=False)
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="submit_translation")
    )
    login_with_mfa(client, user)

    assert _refused(client.post(_translate_url(synced["fr"], "ar")))
    assert Page.objects.get(pk=synced["ar"].pk).alias_of_id == synced["fr"].pk
    assert not Page.objects.filter(locale__language_code="ar", alias_of__isnull=True, depth__gt=2).exists()


def test_wagtails_own_convert_alias_button_starts_a_translation_too(client, synced):
    as_role(client, "Secrétariat")

    client.post(reverse("wagtailadmin_pages:convert_alias", args=[synced["en"].pk]))

    assert untranslated_source(Page.objects.get(pk=synced["en"].pk)) == _locale("fr")


def _translation_reads(captured) -> int:
    return sum(
        '"wagtailcore_locale"' in query["sql"] or '"translation_key"' in query["sql"]
        for query in captured.captured_queries
    )


def test_the_listing_offers_the_translations_without_a_query_per_page(client, synced, news_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    as_role(client, "Rédacteur")
    url = reverse("wagtailadmin_explore", args=[news_index.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    assert _translate_url(synced["fr"], "ar") in html
    for number in range(4):
        article = NewsPageFactory(parent=news_index, title=f"Article {number}")
        article.copy_for_translation(_locale("ar"), copy_parents=True, alias=True)
    client.get(url)

    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()

    assert html.count(reverse("cms_translate_page", args=[synced["fr"].pk, "ar"])) == 1
    # Wagtail's listing has queries of its own per row; reading translations and languages is not one of them.
    assert _translation_reads(many) == _translation_reads(few)


@pytest.fixture
def report_pages(synced, home_translations):
    """The article translated into English (published), started in Arabic; a page missing in Arabic."""
    english = Page.objects.get(pk=synced["en"].pk).specific
    english.alias_of = None
    english.title = "Annual report"
    english.save()
    english.save_revision().publish()
    arabic = Page.objects.get(pk=synced["ar"].pk).specific
    arabic.alias_of = None
    arabic.save()
    PendingTranslation.objects.create(page=arabic, source_locale=_locale("fr"))
    statutes = StandardPageFactory(parent=home_translations["fr"], title="Nos statuts", slug="statuts")
    statutes.copy_for_translation(_locale("en"), copy_parents=True, alias=True)
    return {"article": synced["fr"], "statutes": statutes}


def _states(html: str, title: str) -> list[str]:
    row = html.split(title, 1)[1].split("</tr>", 1)[0]
    return [part.split('"', 1)[0] for part in row.split('data-translation-state="')[1:]]


def test_the_secretariat_sees_which_pages_lack_which_translation(client, report_pages):
    as_role(client, "Secrétariat")
    url = reverse("cms_missing_translations")

    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    html = client.get(url).content.decode()

    assert url in menu
    assert _states(html, "Rapport annuel") == ["translated", "fallback"]
    assert _states(html, "Nos statuts") == ["fallback", "missing"]
    assert _translate_url(report_pages["statutes"], "ar") in html
    assert _translate_url(report_pages["article"], "en") not in html


def test_the_report_filters_by_language_and_page_type(client, report_pages):
    as_role(client, "Secrétariat")
    url = reverse("cms_missing_translations")
    standard = Page.objects.get(pk=report_pages["statutes"].pk).content_type_id

    not_in_english = client.get(url, {"language": "en"}).content.decode()
    standard_pages = client.get(url, {"content_type": standard}).content.decode()

    assert "Nos statuts" in not_in_english and "Rapport annuel" not in not_in_english
    assert "Nos statuts" in standard_pages and "Rapport annuel" not in standard_pages


def test_the_report_exports_each_page_with_its_languages(client, report_pages):
    as_role(client, "Secrétariat")

    rows = csv_rows(client.get(reverse("cms_missing_translations"), {"export": "csv"}))

    by_title = {row[0]: row for row in rows[1:]}
    assert rows[0] == [fr("Page"), fr("Page type"), fr("Address"), fr("English"), fr("Arabic")]
    assert by_title["Rapport annuel"][3:] == [fr("Translated"), fr("Shown in French")]
    assert by_title["Nos statuts"][2] == "/statuts/"
    assert by_title["Nos statuts"][3:] == [fr("Shown in French"), fr("Missing")]


def test_the_report_reads_every_page_in_one_query(client, report_pages, home_translations):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    as_role(client, "Secrétariat")
    url = reverse("cms_missing_translations")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(5):
        StandardPageFactory(parent=home_translations["fr"], title=f"Page {number}")
    client.get(url)  # the caches keyed by the layout version, which the new pages changed

    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()

    assert "Page 4" in html
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_report_is_refused_to_roles_that_do_not_translate(client, report_pages):
    as_role(client, "Trésorier")

    assert _refused(client.get(reverse("cms_missing_translations")))
    assert reverse("cms_missing_translations") not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_each_event_is_chosen_once_with_aliases_everywhere_and_a_translation_started(client, home_translations):
    index = EventIndexPageFactory(parent=home_translations["fr"])
    forum = EventPageFactory(parent=index, title="Forum de l'export")
    gala = EventPageFactory(parent=index, title="Gala annuel", days_from_now=40)
    for code in ("en", "ar"):
        for event in (forum, gala):
            event.copy_for_translation(_locale(code), copy_parents=True, alias=True)
    as_role(client, "Rédacteur")
    client.post(_translate_url(forum, "en"))

    assert list(one_per_event()) == [gala, forum]
