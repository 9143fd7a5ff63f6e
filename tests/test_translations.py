"""The French and Arabic catalogues are complete and compiled: a visitor never meets an English string."""

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"
ENTRY = re.compile(r'^(#, fuzzy\n)?(?:#.*\n)*msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', re.MULTILINE)


def parse_po(path: Path) -> list[tuple[str, str, bool, bool]]:
    """(msgid, msgstr, fuzzy, has_context) for each singular entry; obsolete entries are skipped."""

    def join(lines: str) -> str:
        return "".join(line[1:-1] for line in lines.strip().splitlines())

    text = path.read_text(encoding="utf-8")
    entries = []
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue  # obsolete
        match = ENTRY.search(block + "\n")
        if match:
            entries.append((join(match.group(2)), join(match.group(3)), "#, fuzzy" in block, "msgctxt" in block))
    return entries


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_message_is_translated(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = parse_po(po)
    untranslated = [msgid for msgid, msgstr, _, _ in entries if msgid and not msgstr]
    fuzzy = [msgid for msgid, _, is_fuzzy, _ in entries if msgid and is_fuzzy]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"
    # A form is empty when `msgstr[n] ""` is not followed by a continuation line.
    empty_form = re.compile(r'^msgstr\[\d\] ""\n(?!")', re.MULTILINE)
    empty_plurals = [b for b in po.read_text().split("\n\n") if "msgid_plural" in b and empty_form.search(b + "\n")]
    assert not empty_plurals, f"plural entries without every form in {language}: {empty_plurals[:3]}"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_compiled_catalogue_matches_the_sources(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    missing = [
        msgid
        for msgid, msgstr, fuzzy, has_context in parse_po(folder / "django.po")
        if msgid and not fuzzy and not has_context and "\\" not in msgid + msgstr and catalogue.gettext(msgid) != msgstr
    ]
    assert not missing, f"run `make messages`: {len(missing)} entries not compiled in {language}, e.g. {missing[:5]}"
