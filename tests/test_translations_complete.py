"""Every message the code and the templates use has its French and Arabic translation in the catalogues.

tests/test_translations.py checks the catalogues themselves (nothing empty, compiled); this one checks them against
the sources: a string wrapped in gettext or {% translate %} since the last `make messages` has no entry in the .po
files yet, and a visitor would read it in English. The messages are extracted as `makemessages` extracts them
(Django's template conversion, then xgettext with Django's keywords), into a temporary folder: the catalogues are
left as they are."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
# What `make messages` leaves out (the Makefile's --ignore), and folders of files that are not ours.
IGNORED = {".venv", "tests", "staticfiles", "node_modules", "media", "locale", "test-output", ".bench"}
TEMPLATE_EXTENSIONS = {".html", ".txt"}
XGETTEXT = [
    "xgettext",
    "--language=Python",
    "--from-code=UTF-8",
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
    "--output=-",
]

pytestmark = pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")


def source_files() -> list[Path]:
    files = []
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if any(part in IGNORED or part.startswith(".") for part in parts[:-1]) or not path.is_file():
            continue
        if path.suffix == ".py" or path.suffix in TEMPLATE_EXTENSIONS:
            files.append(path)
    return files


def extracted_messages(work: Path) -> str:
    """The .pot text of every message of the sources, as makemessages would extract it."""
    inputs = []
    for path in source_files():
        if path.suffix == ".py":
            inputs.append(str(path))
            continue
        relative = path.relative_to(ROOT)
        converted = work / f"{relative}.py"
        converted.parent.mkdir(parents=True, exist_ok=True)
        converted.write_text(templatize(path.read_text(encoding="utf-8"), origin=str(relative)), encoding="utf-8")
        inputs.append(str(converted))
    listing = work / "files.txt"
    listing.write_text("\n".join(inputs), encoding="utf-8")
    result = subprocess.run(
        [*XGETTEXT, "--files-from", str(listing)], capture_output=True, text=True, check=True, encoding="utf-8"
    )
    return result.stdout


STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def parse(text: str) -> dict[tuple[str, str], list[str] | None]:
    """(context, msgid) → its translations (one per plural form), or None when fuzzy; the header and obsolete
    entries left out."""
    entries = {}
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.strip().splitlines() if not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            keyword, _, rest = line.partition(" ")
            if line.startswith('"'):
                keyword, rest = current, line
            elif keyword not in {"msgctxt", "msgid", "msgid_plural"} and not keyword.startswith("msgstr"):
                continue
            current = keyword
            fields[keyword] = fields.get(keyword, "") + "".join(STRING.findall(rest))
        if not fields.get("msgid"):
            continue
        translations = [value for key, value in sorted(fields.items()) if key.startswith("msgstr")]
        entries[(fields.get("msgctxt", ""), fields["msgid"])] = None if fuzzy else translations
    return entries


@pytest.fixture(scope="module")
def used_messages(tmp_path_factory) -> set[tuple[str, str]]:
    return set(parse(extracted_messages(tmp_path_factory.mktemp("messages"))))


def describe(key: tuple[str, str]) -> str:
    context, msgid = key
    return f"{context} | {msgid}" if context else msgid


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_message_the_site_uses_is_translated(used_messages, language):
    catalogue = parse((LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    missing = sorted(key for key in used_messages if key not in catalogue)
    untranslated = sorted(
        key for key in used_messages if key in catalogue and not (catalogue[key] and all(catalogue[key]))
    )
    problems = [f"  not in the catalogue: {describe(key)}" for key in missing]
    problems += [f"  untranslated or fuzzy: {describe(key)}" for key in untranslated]
    assert not problems, (
        f"{len(problems)} messages the site uses lack their {language} translation (run `make messages`, then "
        f"translate locale/{language}/LC_MESSAGES/django.po):\n" + "\n".join(problems)
    )


def test_the_extraction_finds_messages_in_code_and_templates(used_messages):
    # One message from Python code, one from a template, one with a context: the extraction works as
    # makemessages' does, so an empty set cannot pass for a complete catalogue.
    assert ("", "Skip to content") in used_messages
    assert ("", "Enter a colour as # and six hexadecimal digits, like #0f4c5c.") in used_messages
    assert len(used_messages) > 1000
