"""The accessibility check itself: it must fail, readably, on a page with serious violations."""

import json

import pytest

from tests.e2e.axe import REPORTS, check_accessibility

BROKEN = """<!doctype html><html lang="fr"><head><title>Formulaire</title></head><body><main>
<h1>Formulaire</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<form><input type="text" name="ice"><button type="submit"></button></form>
</main></body></html>"""


def test_serious_violations_fail_with_rule_target_and_help(page):
    page.set_content(BROKEN)
    with pytest.raises(pytest.fail.Exception) as failure:
        check_accessibility(page, "axe-self-test")
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert "button-name (critical)" in message
    assert 'input[name="ice"]' in message or "input" in message
    saved = json.loads((REPORTS / "axe-self-test.json").read_text())
    assert {"image-alt", "button-name", "label"} <= {violation["id"] for violation in saved["violations"]}


def test_an_accessible_page_passes(page):
    page.set_content(
        '<!doctype html><html lang="fr"><head><title>Accueil</title></head><body><main><h1>Accueil</h1>'
        '<label for="q">Rechercher</label><input id="q" type="search"></main></body></html>'
    )
    assert check_accessibility(page, "axe-self-test-ok")["violations"] == []
