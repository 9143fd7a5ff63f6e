"""The production rehearsal's journey (`.ci/rehearse` runs it): a visitor and a member over plain HTTP against
gunicorn started with the production settings, as the reverse proxy in front of it would talk to it.

Not a pytest module (no test_ prefix): it needs the running services that .ci/rehearse starts, and reads
them from the environment: REHEARSAL_BASE_URL (gunicorn), REHEARSAL_MAILDIR (the SMTP sink's Maildir),
DATABASE_URL, REDIS_URL and DEMO_LOGINS_FILE (written by seed_demo).

The proxy terminates TLS: every request carries X-Forwarded-Proto: https (SECURE_PROXY_SSL_HEADER) and
X-Forwarded-For, and the client sends the Secure cookies back, as a browser on the https:// address would.
Exits 1 with the reason at the first failed check.
"""

import argparse
import email
import email.policy
import json
import mailbox
import os
import re
import sys
import time
import urllib.error
import urllib.request
from email.message import EmailMessage
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import psycopg
import redis

WEBINAR_PATH = "/evenements/webinaire-cybersecurite/"
WEBINAR_TITLE = "Webinaire : la cybersécurité des PME"
# Seeding (development settings) runs its tasks at once; the worker may still have a few queued by migrations.
MAIL_WAIT = 120


class Failed(Exception):
    pass


def check(condition, message: str) -> None:
    if not condition:
        raise Failed(message)


# --- An HTTP client behind a TLS-terminating proxy ---------------------------------------------------------------


class BehindProxyPolicy(DefaultCookiePolicy):
    """The client's side of the connection is HTTPS (the proxy's): Secure cookies go back."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status: int, headers, body: bytes, url: str):
        self.status, self.headers, self.body, self.url = status, headers, body, url

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Client:
    def __init__(self, base_url: str):
        self.base = base_url.rstrip("/")
        self.public = "https://" + urlsplit(self.base).netloc  # the address the visitor's browser shows
        self.cookies = CookieJar(policy=BehindProxyPolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects())

    def request(self, path: str, *, data: dict | None = None, headers: dict | None = None, referer: str = ""):
        all_headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "User-Agent": "majlis-rehearsal",
            **(headers or {}),
        }
        body = None
        if data is not None:
            body = urlencode(data, doseq=True).encode()
            all_headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.public,
                    "Referer": self.public + (referer or path),
                }
            )
        request = urllib.request.Request(self.base + path, data=body, headers=all_headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return Response(response.status, response.headers, response.read(), path)
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return Response(error.code, error.headers, error.read(), path)

    def get(self, path: str, **kwargs) -> Response:
        return self.request(path, **kwargs)

    def follow(self, response: Response, *, limit: int = 5) -> Response:
        """Follow redirects within the site (an absolute https:// address of the site counts as the site)."""
        for _ in range(limit):
            if response.status not in (301, 302, 303, 307, 308):
                return response
            location = response.headers["Location"]
            target = urlsplit(urljoin(self.public + response.url, location))
            check(target.netloc == urlsplit(self.public).netloc, f"redirect off the site: {location}")
            response = self.get(target.path + (f"?{target.query}" if target.query else ""))
        raise Failed("too many redirects")


# --- HTML forms, read as a browser would submit them -------------------------------------------------------------


class FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.links: list[str] = []
        self.stylesheets: list[str] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs.get("href", ""))
        elif tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "method": attrs.get("method", "get"), "fields": []})
        elif not self.forms:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("radio", "checkbox") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "image", "reset"):
                self.forms[-1]["fields"].append([attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "select" and attrs.get("name"):
            self._select = [attrs["name"], None]
            self.forms[-1]["fields"].append(self._select)
        elif tag == "option" and self._select is not None:
            if self._select[1] is None or "selected" in attrs:
                self._select[1] = attrs.get("value", "")
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
            self.forms[-1]["fields"].append(self._textarea)

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def read_html(response: Response) -> FormReader:
    reader = FormReader()
    reader.feed(response.text)
    return reader


def post_form(reader: FormReader, match, *, client: Client, page: str, fill: dict) -> Response:
    """Submit the first POST form that `match(form)` selects, with its defaults and `fill` on top."""
    forms = [form for form in reader.forms if form["method"].lower() == "post" and match(form)]
    check(forms, f"no such form on {page}")
    form = forms[0]
    data: dict[str, list[str]] = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value or "")
    for name, value in fill.items():
        data[name] = [value]
    action = urlsplit(urljoin(client.public + page, form["action"] or page))
    return client.request(action.path, data=data, referer=page)


# --- The journey -------------------------------------------------------------------------------------------------


class Journey:
    def __init__(self, base_url: str, site_url: str, maildir: str, database_url: str, redis_url: str, logins_file: str):
        self.base_url = base_url
        self.site_url = site_url
        self.maildir = maildir
        self.database_url = database_url
        self.redis = redis.Redis.from_url(redis_url)
        self.logins = json.loads(Path(logins_file).read_text(encoding="utf-8"))
        self.timings: list[tuple[str, float]] = []

    def step(self, name: str, function) -> None:
        began = time.monotonic()
        function()
        self.timings.append((name, time.monotonic() - began))
        print(f"  ✓ {name} ({time.monotonic() - began:.1f} s)", flush=True)

    def run(self) -> None:
        self.visitor = Client(self.base_url)
        self.member = Client(self.base_url)
        self.step("static files from whitenoise: hashed name, compressed, cached for a year", self.static_files)
        self.step("home and event pages through the Redis page cache", self.cached_pages)
        self.step("a demo member logs in", self.log_in)
        self.step("the member registers for a free event", self.register)
        self.step("the worker ran the task: the SMTP sink has the confirmation with its .ics", self.confirmation_mail)
        self.step("the task is marked successful in PostgreSQL, and no task failed", self.task_row)

    def static_files(self) -> None:
        home = self.visitor.get("/")
        check(home.status == 200, f"home page answered {home.status}")
        css = [href for href in read_html(home).stylesheets if "/css/majlis." in href]
        check(css, "no link to majlis.css on the home page")
        href = css[0]
        check(re.search(r"/static/css/majlis\.[0-9a-f]{12}\.css$", href), f"majlis.css has no hashed name: {href}")
        response = self.visitor.get(href, headers={"Accept-Encoding": "br, gzip"})
        check(response.status == 200, f"{href} answered {response.status}")
        cache_control = response.headers.get("Cache-Control", "")
        max_age = re.search(r"max-age=(\d+)", cache_control)
        check(max_age and int(max_age.group(1)) >= 365 * 24 * 3600, f"{href} is not cached long: {cache_control!r}")
        check("immutable" in cache_control, f"{href} is not immutable: {cache_control!r}")
        encoding = response.headers.get("Content-Encoding", "")
        check(encoding in ("br", "gzip"), f"{href} was not served compressed (Content-Encoding {encoding!r})")
        check("Accept-Encoding" in response.headers.get("Vary", ""), f"{href} does not vary on Accept-Encoding")
        plain = self.visitor.get(href)
        check(plain.status == 200 and b"{" in plain.body, f"{href} uncompressed answered {plain.status}")
        check(len(response.body) < len(plain.body), "the compressed variant is not smaller")
        self.css = (href, encoding, cache_control)

    def cached_pages(self) -> None:
        for path in ("/", WEBINAR_PATH):
            first = self.visitor.get(path)
            check(first.status == 200, f"{path} answered {first.status}")
            check(
                "Strict-Transport-Security" in first.headers, f"{path}: no HSTS header (is the proxy header honoured?)"
            )
            second = self.visitor.get(path)
            check(second.status == 200, f"{path} answered {second.status} the second time")
            check(second.headers.get("Age") is not None, f"{path}: the second answer did not come from the page cache")
            check(second.body == first.body, f"{path}: the cached page differs from the first answer")
        keys = [key.decode() for key in self.redis.scan_iter(match="*views.decorators.cache.cache_page*", count=1000)]
        check(len(keys) >= 2, f"the pages are not in Redis db {self.redis.connection_pool.connection_kwargs['db']}")
        self.page_keys = len(keys)
        self.redis_keys = self.redis.dbsize()

    def log_in(self) -> None:
        account = self.logins["member"]
        self.email = account["email"]
        page = "/accounts/login/"
        form_page = self.member.get(page)
        check(form_page.status == 200, f"{page} answered {form_page.status}")
        response = post_form(
            read_html(form_page),
            lambda form: any(name == "password" for name, _ in form["fields"]),
            client=self.member,
            page=page,
            fill={"login": account["email"], "password": account["password"]},
        )
        check(response.status == 302, f"the login answered {response.status}:\n{response.text[:2000]}")
        landing = self.member.follow(response)
        check(landing.status == 200, f"the page after the login answered {landing.status}")
        mine = self.member.get("/my-space/registrations/")
        check(mine.status == 200, f"the member's registrations page answered {mine.status}: the login did not hold")

    def register(self) -> None:
        event = self.member.get(WEBINAR_PATH)
        check(event.status == 200, f"{WEBINAR_PATH} answered {event.status} to the member")
        check(event.headers.get("Age") is None, "a signed-in member was served a page from the cache")
        links = [href for href in read_html(event).links if re.search(r"/registrations/event/\d+/$", href)]
        check(links, f"no registration link on {WEBINAR_PATH}")
        page = urlsplit(links[0]).path
        form_page = self.member.get(page)
        check(form_page.status == 200, f"{page} answered {form_page.status}")
        response = post_form(
            read_html(form_page),
            lambda form: any(name == "ticket" for name, _ in form["fields"]),
            client=self.member,
            page=page,
            fill={},
        )
        check(response.status == 302, f"the registration answered {response.status}:\n{response.text[:3000]}")
        match = re.search(r"/registrations/([^/]+)/$", response.headers["Location"])
        check(match, f"the registration redirected to {response.headers['Location']}")
        self.code = match.group(1)
        detail = self.member.follow(response)
        check(detail.status == 200, f"the registration page answered {detail.status}")
        check(WEBINAR_TITLE in detail.text, "the registration page does not name the event")
        self.registered_at = time.monotonic()

    def confirmation_mail(self) -> None:
        deadline = time.monotonic() + MAIL_WAIT
        message = None
        while message is None and time.monotonic() < deadline:
            for raw in mailbox.Maildir(self.maildir, create=False):
                parsed = email.message_from_bytes(raw.as_bytes(), policy=email.policy.default)
                if self.email in parsed.get("X-RcptTo", "") and WEBINAR_TITLE in str(parsed["Subject"]):
                    message = parsed
                    break
            else:
                time.sleep(0.2)
        check(message is not None, f"no confirmation e-mail to {self.email} in the SMTP sink after {MAIL_WAIT} s")
        self.mail_delay = time.monotonic() - self.registered_at
        assert isinstance(message, EmailMessage)
        check(message["To"].addresses[0].addr_spec == self.email, f"the e-mail is addressed to {message['To']}")
        files = {part.get_filename(): part for part in message.iter_attachments() if part.get_filename()}
        check("invitation.ics" in files, f"no invitation.ics attached (attachments: {sorted(files)})")
        invitation = files["invitation.ics"]
        check(invitation.get_content_type() == "text/calendar", "invitation.ics is not text/calendar")
        check(invitation.get_param("method") == "REQUEST", "invitation.ics has no method=REQUEST in its type")
        ics = invitation.get_content()
        ics = (ics.decode() if isinstance(ics, bytes) else ics).replace("\r\n ", "").replace("\n ", "")
        check("METHOD:REQUEST" in ics and "BEGIN:VEVENT" in ics, "invitation.ics is not an iTIP request")
        check(f"SUMMARY:{WEBINAR_TITLE}" in ics.replace("\\", ""), "invitation.ics is not for the webinar")
        check(f"ticket-{self.code}.png" in files, "the ticket's QR code is not attached")
        body = message.get_body(("plain",)).get_content()
        badge = f"{self.site_url}/registrations/{self.code}/badge.pdf"
        check(badge in body, f"the e-mail does not link to the badge at {badge}")
        self.attachments = sorted(files)
        self.subject = str(message["Subject"])

    def task_row(self) -> None:
        with psycopg.connect(self.database_url, connect_timeout=10) as connection:
            row = connection.execute(
                "SELECT id FROM events_registration WHERE code = %s AND status = 'confirmed'", [self.code]
            ).fetchone()
            check(row, f"registration {self.code} is not confirmed in the database")
            tasks = connection.execute(
                "SELECT status, worker_ids, finished_at IS NOT NULL FROM django_tasks_database_dbtaskresult"
                " WHERE task_path = 'events.emails.send_registration_confirmed' AND args_kwargs -> 'args' -> 0 = %s",
                [json.dumps(row[0])],
            ).fetchall()
            failed = connection.execute(
                "SELECT task_path, exception_class_path FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'"
            ).fetchall()
            self.task_counts = dict(
                connection.execute("SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status")
            )
        check(not failed, f"tasks failed in the worker: {failed}")
        check(len(tasks) == 1, f"{len(tasks)} confirmation tasks for the registration, not 1")
        status, worker_ids, finished = tasks[0]
        check(status == "SUCCESSFUL" and finished, f"the confirmation task is {status}")
        check(worker_ids, "no worker id on the task: who ran it?")

    def summary(self) -> None:
        href, encoding, cache_control = self.css
        print(f"  static: {href} ({encoding}; {cache_control})")
        print(f"  Redis db: {self.redis_keys} keys, {self.page_keys} cached pages")
        print(f"  e-mail: “{self.subject.strip()}” to {self.email}, {self.mail_delay:.1f} s after the registration")
        print(f"  attached: {', '.join(self.attachments)}")
        print(f"  tasks in PostgreSQL: {', '.join(f'{n} {status}' for status, n in sorted(self.task_counts.items()))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.parse_args()
    journey = Journey(
        base_url=os.environ["REHEARSAL_BASE_URL"],
        site_url=os.environ["SITE_URL"],
        maildir=os.environ["REHEARSAL_MAILDIR"],
        database_url=os.environ["DATABASE_URL"],
        redis_url=os.environ["REDIS_URL"],
        logins_file=os.environ["DEMO_LOGINS_FILE"],
    )
    try:
        journey.run()
    except Failed as failure:
        print(f"  ✗ {failure}", file=sys.stderr)
        return 1
    journey.summary()
    return 0


if __name__ == "__main__":
    sys.exit(main())
