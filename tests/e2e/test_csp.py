"""Security sweep (with tests/security/): in a real Chromium, without the CSP bypass of the other browser tests,
the site's pages run under the Content-Security-Policy without a violation."""

import pytest
from wagtail.models import Locale, Page, Site

from tests.e2e.test_members import log_in
from tests.factories.accounts import AccountUserFactory
from tests.factories.cms import HomePageFactory, NewsPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def urls():
    # transactional_db empties the database between tests, what the migrations created included.
    french, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "ASTEC"}
    )
    index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=index)
    RegistrationSettingsFactory(event=event)
    TicketTypeFactory(event=event)
    news = NewsPageFactory(parent=home)
    return ["/", news.url, event.url, f"/registrations/event/{event.pk}/", "/board/", "/members/", "/accounts/2fa/"]


def test_pages_break_no_policy(browser, live_server, urls):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")  # the policy enforced
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    problems = []
    tab.on("console", lambda message: message.type == "error" and problems.append(message.text))
    tab.on("pageerror", lambda error: problems.append(str(error)))
    log_in(tab, live_server, AccountUserFactory())
    try:
        for url in urls:
            response = tab.goto(url)
            assert response.status in (200, 302), url
            assert "Content-Security-Policy" in {name.title() for name in response.headers}, url
    finally:
        context.close()
    violations = [text for text in problems if "Content Security Policy" in text or "Refused to" in text]
    assert not violations, "\n".join(violations)
