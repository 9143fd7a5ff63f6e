"""A participant's B2B meeting agenda as an A4 PDF (fpdf2): one line per meeting, time, table and the other person.

Built on core.pdf.MajlisPDF (as invoices and badges): IBM Plex Sans Arabic, which covers Latin script too, with
HarfBuzz shaping so that Arabic names and companies come out right to left."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.pdf import INK, MUTED, PRIMARY, MajlisPDF
from partnerships.meetings.selectors import local
from partnerships.models import MeetingProfile, MeetingRequest

WIDTHS = (42, 18, 120)  # when, table, with whom (mm, within 180)


class _AgendaPDF(MajlisPDF):
    def __init__(self):
        super().__init__(format="A4", unit="mm")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_creator("Majlis")


def render_agenda_pdf(profile: MeetingProfile, meetings: list[MeetingRequest]) -> bytes:
    session = profile.session
    event = session.event
    pdf = _AgendaPDF()
    pdf.set_title(_("B2B meetings: %(event)s") % {"event": event.title})
    pdf.add_page()
    pdf.set_text_color(*PRIMARY)
    pdf.set_font("Plex", "B", 16)
    pdf.multi_cell(0, 8, _("B2B meetings: %(event)s") % {"event": event.title}, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Plex", "", 11)
    pdf.multi_cell(0, 6, str(profile), new_x="LMARGIN", new_y="NEXT")
    place = ", ".join(part for part in (event.venue_name, event.city) if part)
    if place:
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 6, place, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_text_color(*INK)
    if not meetings:
        pdf.multi_cell(0, 6, _("No meeting is scheduled for you yet."), new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
    pdf.set_font("Plex", "B", 10)
    for width, heading in zip(WIDTHS, (_("When"), pgettext("meeting table", "Table"), _("With")), strict=True):
        pdf.cell(width, 8, heading, border="B")
    pdf.ln()
    pdf.set_font("Plex", "", 10)
    for meeting in meetings:
        start, end = local(meeting.starts_at, session), local(meeting.ends_at, session)
        other = meeting.other(profile)
        when = f"{start:%d/%m} {start:%H:%M}–{end:%H:%M}"
        pdf.cell(WIDTHS[0], 8, when, border="B")
        pdf.cell(WIDTHS[1], 8, str(meeting.table), border="B")
        pdf.cell(WIDTHS[2], 8, str(other)[:90], border="B")
        pdf.ln()
    return bytes(pdf.output())
