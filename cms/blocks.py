"""The shared StreamField blocks live in core.blocks; old migrations name them by this path."""

from core.blocks import (  # noqa: F401
    RICH_TEXT_FEATURES,
    BaseStreamBlock,
    CallToActionBlock,
    DocumentLinkBlock,
    EmbedMediaBlock,
    FiguresTableBlock,
    ImageBlock,
    QuoteBlock,
    RichTextBlock,
)
