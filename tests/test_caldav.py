"""The .ics export against a real CalDAV server: Radicale on 127.0.0.1 (a free port, no auth,
storage in a temporary folder), driven by the caldav client, both from the `test` extra.

Every event of the seeds' timeline is uploaded as its own calendar object resource (RFC 4791:
one UID per resource, no METHOD), read back, and compared; then one event's date is corrected and
the new export uploaded again: same UID, higher SEQUENCE, no duplicate."""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import icalendar
import pytest

try:
    import caldav
    import radicale  # noqa: F401  (run below as `python -m radicale`)
except ImportError as exc:  # pragma: no cover - the test extra installs both
    pytest.skip(f"Radicale and caldav are needed for the CalDAV round trip ({exc}); "
                "pip install -e '.[test]'", allow_module_level=True)

import timeline
from timeline.export import events_from_ics, render
from timeline.model import Timeline

from test_export_ical import assert_valid_ics

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale server of its own; yields its URL."""
    folder = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--config", "", "--server-hosts", f"127.0.0.1:{port}",
         "--auth-type", "none", "--storage-filesystem-folder", str(folder / "collections"),
         "--logging-level", "warning"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"Radicale exited with {process.returncode}: {output[-2000:]}")
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    pytest.fail(f"Radicale did not answer on {url} within 30 s")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()
            process.communicate()


def calendar_objects(data: bytes) -> dict[str, str]:
    """One VCALENDAR per VEVENT, as a client splits an .ics file for a CalDAV server: the
    calendar's own properties but METHOD, which RFC 4791 forbids in stored objects."""
    calendar = icalendar.Calendar.from_ical(data)
    out = {}
    for vevent in calendar.walk("VEVENT"):
        single = icalendar.Calendar()
        for name, value in calendar.property_items(recursive=False):
            if name not in ("BEGIN", "END", "METHOD"):
                single.add(name, value)
        single.add_component(vevent)
        out[str(vevent["uid"])] = single.to_ical().decode("utf-8")
    return out


def upload(calendar: Any, data: bytes) -> None:
    for ical in calendar_objects(data).values():
        calendar.add_event(ical, increase_seqno=False)  # as exported: SEQUENCE is ours


def stored(calendar: Any) -> dict[str, dict[str, Any]]:
    """UID -> what the server holds (read back over CalDAV)."""
    out: dict[str, dict[str, Any]] = {}
    for obj in calendar.events():
        for found in events_from_ics(obj.data):
            assert found["uid"] not in out, f"UID {found['uid']} stored twice"
            out[found["uid"]] = found
    return out


def summary(found: dict[str, Any]) -> tuple[Any, ...]:
    return found["dtstart"], found["dtend"], found["summary"], found["sequence"]


def test_seeds_round_trip_and_date_correction(server: str) -> None:
    seeds = timeline.extract(ROOT / "seeds")
    data, report = render(seeds, "ics", name="Carney, seeds")
    assert_valid_ics(data)
    exported = {found["uid"]: found for found in events_from_ics(data)}
    assert report.written == len(exported) > 0

    client = caldav.DAVClient(url=server, username="timeline", password="unused")
    calendar = client.principal().make_calendar(name="timeline seeds")
    upload(calendar, data)
    held = stored(calendar)
    assert set(held) == set(exported)
    for uid, found in exported.items():
        assert summary(held[uid]) == summary(found), uid
        assert held[uid]["status"] == found["status"]

    # A date correction: the first exact-day event moves one day; re-export over the first.
    index, event = next((i, e) for i, e in enumerate(seeds.events)
                        if e.when.start is not None and e.when.start == e.when.end)
    assert event.when.start is not None
    moved = event.when.start + dt.timedelta(days=1)
    fixed = attrs.evolve(event, when=attrs.evolve(event.when, value=moved.isoformat(),
                                                  start=moved, end=moved))
    events = list(seeds.events)
    events[index] = fixed
    corrected = Timeline(events=events, documents=seeds.documents)
    again, _ = render(corrected, "ics", name="Carney, seeds", previous=data)
    assert_valid_ics(again)
    changed = {found["uid"]: found for found in events_from_ics(again)}
    assert set(changed) == set(exported)
    differs = [uid for uid in changed if summary(changed[uid]) != summary(exported[uid])]
    assert len(differs) == 1
    (uid,) = differs
    assert changed[uid]["dtstart"] == moved
    assert changed[uid]["sequence"] == exported[uid]["sequence"] + 1

    upload(calendar, again)
    held = stored(calendar)
    assert len(held) == len(exported)  # updated in place: no duplicate
    assert held[uid]["dtstart"] == moved
    assert held[uid]["sequence"] == exported[uid]["sequence"] + 1
    for other in set(held) - {uid}:
        assert summary(held[other]) == summary(exported[other])


def test_a_vanished_event_is_cancelled_on_the_server(server: str) -> None:
    """Re-exporting without one article's events (withdrawn) over the previous export: the
    server's copies of those events become CANCELLED (next SEQUENCE), the others are kept, and
    nothing is duplicated."""
    seeds = timeline.extract(ROOT / "seeds")
    data, _ = render(seeds, "ics")
    client = caldav.DAVClient(url=server, username="timeline", password="unused")
    calendar = client.principal().make_calendar(name="timeline withdrawn")
    upload(calendar, data)
    withdrawn = seeds.documents[0]
    kept = Timeline(events=[e for e in seeds.events
                            if withdrawn not in {s.document for s in e.sources}],
                    documents=seeds.documents[1:])
    again, report = render(kept, "ics", previous=data)
    assert_valid_ics(again)
    gone = {found["uid"] for found in events_from_ics(data)} - {
        found["uid"] for found in events_from_ics(again) if found["status"] != "CANCELLED"}
    assert report.cancelled == len(gone) > 0
    upload(calendar, again)
    held = stored(calendar)
    assert set(held) == {found["uid"] for found in events_from_ics(data)}
    for uid, found in held.items():
        assert (found["status"] == "CANCELLED") == (uid in gone)
        assert found["sequence"] == (1 if uid in gone else 0)


def test_server_takes_the_whole_file_as_a_calendar(server: str) -> None:
    """Radicale also imports an .ics file PUT as a whole calendar collection (as `curl -T`
    would): every event arrives."""
    data, report = render(timeline.extract(ROOT / "seeds"), "ics")
    client = caldav.DAVClient(url=server, username="timeline", password="unused")
    target = f"{server}timeline/whole-file/"
    response = client.put(target, data.decode("utf-8"), {"Content-Type": "text/calendar"})
    assert response.status in (200, 201, 204), response.status
    calendar = client.calendar(url=target)
    assert set(stored(calendar)) == {found["uid"] for found in events_from_ics(data)}
    assert len(stored(calendar)) == report.written
