"""A participant's B2B meeting agenda as an A4 PDF (fpdf2): one line per meeting, time, table and the other person.

Built on core.pdf.MajlisPDF (as invoices and badges): IBM Plex Sans Arabic, which covers Latin script too, with
HarfBuzz shaping. In Arabic the agenda is laid out right to left like the Arabic invoice: every line starts at the
right margin and the columns run from the right (when, table, with whom); a line or a cell without Arabic (a
French company name, a time) keeps its own left-to-right order inside that layout."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.pdf import INK, MUTED, PRIMARY, MajlisPDF
from partnerships.meetings.selectors import local
from partnerships.models import MeetingProfile, MeetingRequest

WIDTHS = (42, 18, 120)  # when, table, with whom (mm, within 180)


class _AgendaPDF(MajlisPDF):
    def __init__(self, *, rtl: bool):
        super().__init__(rtl=rtl, format="A4", unit="mm")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_creator("Majlis")

    def row(self, cells: tuple[str, ...], *, bold: bool = False) -> None:
        """One line of the table, its first column at the start of the line (the right, in Arabic)."""
        self.plex(10, bold=bold)
        pairs = list(zip(WIDTHS, cells, strict=True))
        if self.rtl:
            pairs.reverse()
        for width, text in pairs:
            self.text_cell(width, 8, text, border="B")
        self.ln()


def render_agenda_pdf(profile: MeetingProfile, meetings: list[MeetingRequest]) -> bytes:
    """The agenda in the active language: right to left in Arabic."""
    session = profile.session
    event = session.event
    pdf = _AgendaPDF(rtl=translation.get_language_bidi())
    title = _("B2B meetings: %(event)s") % {"event": event.title}
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_text_color(*PRIMARY)
    pdf.line_of_text(title, size=16, bold=True, height=8)
    pdf.set_text_color(*INK)
    pdf.line_of_text(str(profile), size=11, height=6)
    place = ", ".join(part for part in (event.venue_name, event.city) if part)
    if place:
        pdf.set_text_color(*MUTED)
        pdf.line_of_text(place, size=11, height=6)
    pdf.ln(4)
    pdf.set_text_color(*INK)
    if not meetings:
        pdf.line_of_text(_("No meeting is scheduled for you yet."), size=11, height=6)
        return bytes(pdf.output())
    pdf.row((_("When"), pgettext("meeting table", "Table"), _("With")), bold=True)
    for meeting in meetings:
        start, end = local(meeting.starts_at, session), local(meeting.ends_at, session)
        when = f"{start:%d/%m} {start:%H:%M}–{end:%H:%M}"
        pdf.row((when, str(meeting.table), str(meeting.other(profile))[:90]))
    return bytes(pdf.output())
