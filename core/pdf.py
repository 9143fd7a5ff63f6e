"""The PDF base shared by invoices, badges and agendas: IBM Plex Sans Arabic (which also covers Latin script),
text shaped by HarfBuzz (fpdf2's uharfbuzz engine) so Arabic joins and runs right to left, and the site's palette.
"""

import re
from pathlib import Path

from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "Plex"

PRIMARY = (15, 76, 92)  # --color-primary of the site
INK = (22, 32, 44)
MUTED = (95, 107, 120)

ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def has_arabic(text: str) -> bool:
    return bool(ARABIC_LETTERS.search(text or ""))


class MajlisPDF(FPDF):
    """An FPDF with the Plex font as "Plex" (regular and "B" bold) and HarfBuzz shaping.

    `rtl=True` or `False` fixes the paragraph direction (an invoice in Arabic or French); `rtl=None` lets HarfBuzz
    guess it for each line, so "Salma Bennani" and "سلمى بناني" both come out right.
    """

    def __init__(self, *, rtl: bool | None = None, **kwargs):
        super().__init__(**kwargs)
        self.rtl = bool(rtl)
        self._direction = None if rtl is None else ("rtl" if rtl else "ltr")
        self.add_font(FONT, "", str(FONT_DIR / "IBMPlexSansArabic-Regular.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "IBMPlexSansArabic-Bold.ttf"))
        self._shape(self._direction)

    def _shape(self, direction: str | None) -> None:
        if direction is None:
            self.set_text_shaping(use_shaping_engine=True)
        else:
            self.set_text_shaping(use_shaping_engine=True, direction=direction)

    def plex(self, size: float, *, bold: bool = False) -> None:
        self.set_font(FONT, "B" if bold else "", size)

    @property
    def start(self) -> str:
        """The alignment where a line begins: right in a right-to-left document."""
        return "R" if self.rtl else "L"

    @property
    def end(self) -> str:
        return "L" if self.rtl else "R"

    def line_of_text(self, text: str, *, size: float = 10, bold: bool = False, height: float = 5.5) -> None:
        """A paragraph across the page, aligned to the start of the line."""
        self.plex(size, bold=bold)
        # A line with no Arabic in a right-to-left document (a French name, a legal mention) reads left to right:
        # set as right-to-left its final full stop would jump to the start.
        latin = self.rtl and not has_arabic(text)
        if latin:
            self._shape("ltr")
        self.multi_cell(0, height, text, align=self.start, new_x="LMARGIN", new_y="NEXT")
        if latin:
            self._shape(self._direction)

    def text_cell(self, width: float, height: float, text: str, **kwargs) -> None:
        """A table cell aligned to the start of the line; as in `line_of_text`, a cell with no Arabic in a
        right-to-left document (a French name, a time) keeps its left-to-right order."""
        latin = self.rtl and not has_arabic(text)
        if latin:
            self._shape("ltr")
        self.cell(width, height, text, align=self.start, **kwargs)
        if latin:
            self._shape(self._direction)
