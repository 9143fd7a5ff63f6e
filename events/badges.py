"""Name badges as PDF (fpdf2): an attendee's own badge, or A4 sheets of badges for an event's door.

Each badge carries the attendee's name and company, their ticket, the event's title, date and city, and a QR
code of the registration code: exactly what the check-in page reads (events.checkin.normalise_code). Names are
set in IBM Plex Sans Arabic, which also covers Latin script, so that Arabic names are shaped right to left.
"""

import io
from collections.abc import Iterable

import segno
from fpdf import FPDF

from core.pdf import INK, MUTED, PRIMARY, MajlisPDF
from events.models import Registration

# A4 in millimetres, cut into two columns of four badges (95 × 68 mm: a common badge holder size).
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
BADGE_WIDTH, BADGE_HEIGHT = 95, 68
COLUMNS, ROWS = 2, 4
MARGIN_X = (PAGE_WIDTH - COLUMNS * BADGE_WIDTH) / 2
MARGIN_Y = (PAGE_HEIGHT - ROWS * BADGE_HEIGHT) / 2
BAND_HEIGHT = 13
QR_SIZE = 25
PADDING = 4

CUT_LINE = (200, 200, 200)


def qr_content(registration: Registration) -> str:
    """What a ticket's QR code holds: the registration code itself, so any scanner reads something typeable."""
    return registration.code


def qr_code(content: str):
    """A full-size QR code (never a Micro QR: phone cameras and BarcodeDetector do not read those)."""
    return segno.make_qr(content, error="m")


def qr_png(content: str, *, scale: int = 10) -> bytes:
    """The QR code as a PNG, four modules of quiet zone around it."""
    buffer = io.BytesIO()
    qr_code(content).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg_data_uri(content: str, *, scale: int = 4) -> str:
    """The QR code as an SVG data URI, for an <img> in a page or an e-mail."""
    return qr_code(content).svg_data_uri(scale=scale, border=4)


class _BadgePDF(MajlisPDF):
    def __init__(self):
        # No direction: HarfBuzz guesses it for each line, so "Salma Bennani" and "سلمى بناني" both come out right.
        super().__init__(rtl=None, format="A4", unit="mm")
        self.set_auto_page_break(auto=False)
        self.set_margins(0, 0, 0)
        self.set_creator("Majlis")

    def fitted_size(self, text: str, *, width: float, largest: float, smallest: float, lines: int) -> float:
        """The largest bold font size (in points) at which `text` fits in `lines` lines of `width` mm."""
        size = largest
        while size > smallest:
            self.set_font("Plex", "B", size)
            if self.get_string_width(text) <= width * lines * 0.92:
                break
            size -= 1
        return size

    def text_lines(self, text: str, *, x: float, y: float, width: float, size: float, lines: int) -> None:
        """Bold text centred and wrapped to `width`, at most `lines` lines (the last one cut with an ellipsis)."""
        self.set_font("Plex", "B", size)
        height = size * 0.42
        wrapped = self.multi_cell(width, height, text, align="C", dry_run=True, output="LINES")
        if len(wrapped) > lines:
            wrapped = [*wrapped[: lines - 1], _cut(self, " ".join(wrapped[lines - 1 :]), width, force=True)]
        top = y + (lines - len(wrapped)) * height / 2  # one line sits in the middle of the space for two
        for number, line in enumerate(wrapped):
            self.set_xy(x, top + number * height)
            self.cell(width, height, line, align="C")


def _event_line(registration: Registration) -> str:
    event = registration.event
    parts = [event.local_start.strftime("%d/%m/%Y") if event.start else ""]
    if event.is_online:
        parts.append("Online")
    elif event.city:
        parts.append(event.city)
    return " · ".join(part for part in parts if part)


def _badge(pdf: _BadgePDF, registration: Registration, *, x: float, y: float) -> None:
    inner = BADGE_WIDTH - 2 * PADDING

    pdf.set_draw_color(*CUT_LINE)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, BADGE_WIDTH, BADGE_HEIGHT)

    # The band: the event's title and date, white on the site's teal.
    pdf.set_fill_color(*PRIMARY)
    pdf.rect(x, y, BADGE_WIDTH, BAND_HEIGHT, style="F")
    pdf.set_text_color(255, 255, 255)
    title = registration.event.title
    size = pdf.fitted_size(title, width=inner, largest=10, smallest=7, lines=1)
    with pdf.local_context():
        pdf.set_font("Plex", "B", size)
        pdf.set_xy(x + PADDING, y + 1.5)
        pdf.cell(inner, 5.5, _cut(pdf, title, inner), align="C")
        pdf.set_font("Plex", "", 8)
        pdf.set_xy(x + PADDING, y + 7)
        pdf.cell(inner, 4.5, _event_line(registration), align="C")

    # The person: name (up to two lines), company, ticket.
    pdf.set_text_color(*INK)
    name = registration.attendee_name
    size = pdf.fitted_size(name, width=inner, largest=17, smallest=10, lines=2)
    pdf.text_lines(name, x=x + PADDING, y=y + BAND_HEIGHT + 2, width=inner, size=size, lines=2)
    pdf.set_font("Plex", "", 10)
    pdf.set_xy(x + PADDING, y + BAND_HEIGHT + 17)
    pdf.cell(inner, 5, _cut(pdf, registration.company_display, inner), align="C")
    pdf.set_text_color(*MUTED)
    pdf.set_font("Plex", "", 7.5)
    pdf.set_xy(x + PADDING, y + BAND_HEIGHT + 22)
    pdf.cell(inner, 4, _cut(pdf, registration.ticket_type.name_for(registration.language), inner), align="C")

    # The QR code, centred at the bottom, with its code in clear under it for typing.
    qr_y = y + BADGE_HEIGHT - QR_SIZE - 4
    pdf.image(io.BytesIO(qr_png(qr_content(registration))), x=x + (BADGE_WIDTH - QR_SIZE) / 2, y=qr_y, w=QR_SIZE)
    pdf.set_font("Plex", "", 6.5)
    pdf.set_xy(x + PADDING, y + BADGE_HEIGHT - 4.5)
    pdf.cell(inner, 3.5, registration.code, align="C")
    pdf.set_text_color(*INK)


def _cut(pdf: FPDF, text: str, width: float, *, force: bool = False) -> str:
    """`text` shortened with an ellipsis to fit `width` mm in the current font (`force`: always end with one)."""
    if not force and pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def render_badges_pdf(registrations: Iterable[Registration], *, title: str = "") -> bytes:
    """A4 sheets of badges, eight a page, with light cut lines. Pass registrations with `event`, `ticket_type`
    and `organisation` loaded (select_related) to keep to one query."""
    pdf = _BadgePDF()
    pdf.set_title(title or "Badges")
    slots = COLUMNS * ROWS
    count = 0
    for count, registration in enumerate(registrations):
        slot = count % slots
        if slot == 0:
            pdf.add_page()
        column, row = slot % COLUMNS, slot // COLUMNS
        _badge(pdf, registration, x=MARGIN_X + column * BADGE_WIDTH, y=MARGIN_Y + row * BADGE_HEIGHT)
    if pdf.page == 0:
        pdf.add_page()  # no badge to print: an empty sheet rather than an invalid file
    return bytes(pdf.output())


def render_badge_pdf(registration: Registration) -> bytes:
    """One person's badge, at the top of an A4 sheet: print it at 100 % and cut along the line."""
    return render_badges_pdf([registration], title=registration.attendee_name)
