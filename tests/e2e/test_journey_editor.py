"""Journey of an editor, in French: writes a news article in the Wagtail admin and submits it to the secretariat's
moderation; the article stays hidden from visitors until the secretariat approves it."""

import re

import pytest

from cms.models import NewsPage
from tests.e2e.axe import check_accessibility
from tests.e2e.journeys import site_with_pages
from tests.e2e.roles import EDITOR, NAVIGATION_TIMEOUT, check_admin_accessibility, restore_roles_and_workflow, staff_in
from tests.e2e.test_members import log_in

pytestmark = pytest.mark.django_db(transaction=True)

JOURNEY = "editor"
TITLE = "Le cluster Smart City lance son appel à projets"
INTRO = "Les membres ont jusqu'au 15 janvier pour proposer un pilote avec une commune de la région."
BODY = "Le jury réunira la wilaya, deux communes et trois grandes entreprises du Technopark."


@pytest.fixture
def site_pages():
    pages = site_with_pages()
    restore_roles_and_workflow()
    return pages


def test_editor_writes_an_article_and_submits_it_to_moderation(browser, page, live_server, screenshot, site_pages):
    editor = staff_in(EDITOR, first_name="Leila", last_name="Berrada", email="leila.berrada@astec.ma")
    news_index = site_pages.news_index
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT)
    log_in(page, live_server, editor)

    page.goto("/admin/")
    assert "Leila" in page.locator("body").inner_text()
    check_admin_accessibility(page, f"{JOURNEY}-dashboard")

    # The news index in the page explorer, then a new article under it.
    page.goto(f"/admin/pages/{news_index.pk}/")
    assert "Actualités" in page.locator("header, h1").first.inner_text()
    page.locator(f"a[href$='/pages/{news_index.pk}/add_subpage/']").first.click()
    page.wait_for_url(re.compile(rf"/admin/pages/add/cms/newspage/{news_index.pk}/$"))
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_intro").fill(INTRO)

    # The body is a StreamField: add a paragraph, then type into its Draftail rich text editor.
    body = page.locator("[data-contentpath=body]")
    body.get_by_role("button", name=re.compile("Insérer un bloc|Insert a block")).first.click()
    page.get_by_role("option", name=re.compile(r"^(Texte|Text)\b")).first.click()
    editor_box = body.locator("[contenteditable=true]").first
    editor_box.click()
    page.keyboard.type(BODY)
    assert BODY in editor_box.inner_text()
    check_admin_accessibility(page, f"{JOURNEY}-new-article")
    screenshot(page, "new-article")

    # Submit to the secretariat's moderation, from the footer's action menu.
    page.locator("footer .w-dropdown-button").get_by_role(
        "button", name=re.compile("Plus d'actions|More actions")
    ).click()
    page.get_by_role("button", name=re.compile("(Soumettre à|Submit to) Modération des actualités")).click()
    page.wait_for_url(re.compile(rf"/admin/pages/{news_index.pk}/$"))
    assert re.search("soumise|submitted", page.locator(".messages").inner_text(), re.I)
    row = page.locator("tr").filter(has_text=TITLE)
    assert re.search("modération|moderation", row.inner_text(), re.I)
    check_admin_accessibility(page, f"{JOURNEY}-submitted")
    screenshot(page, "in-moderation")

    article = NewsPage.objects.get(title=TITLE, locale=news_index.locale)
    assert not article.live
    assert BODY in article.get_latest_revision_as_object().body.render_as_block()
    assert article.current_workflow_state.status == "in_progress"

    # Visitors do not see it yet: not on the news index, and its address answers 404.
    visitor = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    visitor.goto(news_index.url)
    listing = visitor.locator("main").inner_text()
    assert site_pages.article.title in listing
    assert TITLE not in listing
    check_accessibility(visitor, f"{JOURNEY}-news-index-before")
    response = visitor.goto(f"{news_index.url}{article.slug}/")
    assert response.status == 404
    check_accessibility(visitor, f"{JOURNEY}-article-404")
    visitor.context.close()
