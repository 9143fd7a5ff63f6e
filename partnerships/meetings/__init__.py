"""B2B meetings at an event (brokerage sessions), apart from the board.

Participants opt in, request meetings and answer them; the secretariat schedules and moves them. The models stay
in `partnerships.models.meetings` (same tables, app label `partnerships`); everything else is here:

- `scheduling`: the pure scheduler (slots, greedy placement), free of the database;
- `selectors`: reads (profiles, requests, agendas, summaries, calendar items);
- `services`: every write, each raising a `MeetingError`;
- `emails`: the e-mails about a meeting and the task that sends them;
- `forms`, `views`, `urls`: the participants' pages (included by `partnerships.urls`, names `partnerships:meeting_*`);
- `viewsets`: the secretariat's admin (a menu item of the board's group), `agenda_pdf`: the agenda as a PDF;
- `log_formatters`: how the meeting actions read in the admin history.

Meetings may import board modules (a `MeetingError` is a `BoardError`, profiles show the company's posts). The
board reaches this package only where it links to it: `partnerships.urls` (the meeting URLs), `partnerships.viewsets`
(the brokerage menu item in the board's group), `partnerships.wagtail_hooks` (the log actions) and
`partnerships.apps` (the calendar feed source). `partnerships.models.meetings` imports `scheduling` for its slots.

This `__init__` imports nothing, so that importing `partnerships.meetings.scheduling` from the models is cheap.
"""
