"""Registration throughput for one event over HTTP: many guests register at once, the event fills up.

Called by run.py against the gunicorn it started. Each client thread keeps one connection and one CSRF
cookie, GETs the registration form once, then POSTs guest registrations with fresh e-mail addresses until
the shared budget is spent. The event's capacity is below the number of attempts, so the last ones find it
full: the check afterwards counts what the database holds (never more than the capacity) and any 5xx.
"""

import http.client
import json
import re
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from load import Result

SETUP = Path(__file__).with_name("registrations_setup.py")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class RegistrationRun:
    attempts: int = 0
    elapsed: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)
    confirmed: int = 0
    capacity: int = 0
    latencies: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.attempts / self.elapsed if self.elapsed else 0.0

    @property
    def per_minute(self) -> float:
        return self.attempts / self.elapsed * 60 if self.elapsed else 0.0

    @property
    def errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status == 0 or status >= 500)

    @property
    def overbooked(self) -> int:
        return max(0, self.confirmed - self.capacity)

    def percentile(self, p: float) -> float:
        """Latency of a registration POST in milliseconds at percentile p."""
        return Result(latencies=self.latencies).percentile(p)


def _setup(python: str, env: dict, root: Path, *args: str) -> dict:
    output = subprocess.run(
        [python, str(SETUP), *args], cwd=root, env=env, check=True, timeout=300, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def run(
    base: str, *, python: str, env: dict, root: Path, attempts: int, capacity: int, clients: int
) -> RegistrationRun:
    event = _setup(python, env, root, "create", str(capacity))
    parts = urlsplit(base)
    path = f"/registrations/event/{event['event_id']}/"
    result = RegistrationRun(capacity=capacity)
    lock = threading.Lock()
    remaining = [attempts]
    run_id = uuid.uuid4().hex[:8]

    def take() -> int | None:
        with lock:
            if remaining[0] <= 0:
                return None
            remaining[0] -= 1
            return remaining[0]

    def client(number: int):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        connection.request("GET", path, headers={"Accept-Language": "fr"})
        response = connection.getresponse()
        page = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";")[0]
        token = TOKEN.search(page).group(1)
        statuses, latencies = {}, []
        while (left := take()) is not None:
            body = urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "ticket": event["ticket_id"],
                    "attendee_name": f"Invité {number}-{left}",
                    "attendee_email": f"bench-{run_id}-{left}@example.ma",
                    "company_name": "Bench SARL",
                }
            )
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": base + path,
                "Accept-Language": "fr",
            }
            began = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            latencies.append(time.perf_counter() - began)
            statuses[status] = statuses.get(status, 0) + 1
        connection.close()
        with lock:
            result.latencies.extend(latencies)
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.elapsed = time.perf_counter() - began
    result.attempts = attempts - max(0, remaining[0])
    result.confirmed = _setup(python, env, root, "count", str(event["event_id"]))["confirmed"]
    return result
