"""The demo's header menu and footer columns, their labels in French, English and Arabic."""

from demo import content


def link(page=None, url: str = "", label: str = "") -> dict:
    """A header or footer link as the navigation settings store it, with the demo's translations of its label."""
    label_en, label_ar = content.NAVIGATION_LABELS.get(label) or (
        content.NAVIGATION_PAGE_LABELS.get(page.slug, ("", "")) if page and not label else ("", "")
    )
    return {"page": page, "url": url, "label": label, "label_en": label_en, "label_ar": label_ar}


def column(heading: str, links: list[dict]) -> dict:
    heading_en, heading_ar = content.NAVIGATION_LABELS.get(heading, ("", ""))
    return {"heading": heading, "heading_en": heading_en, "heading_ar": heading_ar, "links": links}


def translate_navigation(navigation) -> bool:
    """Fill in the English and Arabic labels the demo knows where a link or column has none (a site seeded before
    the labels had languages); what someone typed is kept. Saves and says whether anything changed."""
    changed = False

    def fill(value, field: str, translations: tuple[str, str] | None) -> None:
        nonlocal changed
        for language, text in zip(("en", "ar"), translations or ("", ""), strict=True):
            if text and not value.get(f"{field}_{language}"):
                value[f"{field}_{language}"] = text
                changed = True

    def fill_link(value) -> None:
        page = value.get("page")
        if value.get("label"):
            fill(value, "label", content.NAVIGATION_LABELS.get(value["label"]))
        elif page:
            fill(value, "label", content.NAVIGATION_PAGE_LABELS.get(page.slug))

    for block in navigation.header_links:
        fill_link(block.value)
    for block in navigation.footer_columns:
        fill(block.value, "heading", content.NAVIGATION_LABELS.get(block.value.get("heading")))
        for item in block.value["links"]:
            fill_link(item)
    if changed:
        # Rebuilt from the edited values, so that the stream stores them rather than its cached raw data.
        navigation.header_links = [(block.block_type, block.value) for block in navigation.header_links]
        navigation.footer_columns = [(block.block_type, block.value) for block in navigation.footer_columns]
        navigation.save()
    return changed
