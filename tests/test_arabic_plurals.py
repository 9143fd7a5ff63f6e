"""Arabic counts as Arabic does: one and two are said by the noun's own form ("رسالة واحدة", "رسالتان"), never by
the number before it ("2 رسالتان" reads "2 two messages")."""

import gettext
import re

from django.conf import settings

COUNT = re.compile(r"%\((count|counter|days|recipients)\)[sd]")


def test_the_singular_and_dual_forms_carry_no_number():
    path = settings.BASE_DIR / "locale" / "ar" / "LC_MESSAGES" / "django.mo"
    with open(path, "rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog
    wrong = sorted(
        f"{key[0]!r} [{key[1]}]: {value}"
        for key, value in catalog.items()
        if isinstance(key, tuple) and key[1] in (1, 2) and COUNT.search(value)
    )
    assert not wrong, "\n".join(wrong)
