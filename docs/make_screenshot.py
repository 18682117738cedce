"""Regenerate docs/timeline.png: the seeds' HTML timeline page, shot by headless Chromium.

    python docs/make_screenshot.py                 # writes docs/timeline.png
    python docs/make_screenshot.py -o /tmp/x.png   # elsewhere

Needs the Debian package `chromium` (``apt-get install -y chromium``). The tests use the same
helpers (tests/test_html_chromium.py) to load pages in a real browser.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOW = "1280,1600"
#: Flags for a quiet, offline, throw-away browser.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--mute-audio",
)


def find_chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(args: Sequence[str], *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with `args` and a fresh profile; raises if it fails."""
    exe = find_chromium()
    if exe is None:
        raise FileNotFoundError("chromium is not installed (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="timeline-chromium-") as profile:
        return subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=timeout, check=True,
        )


def dump_dom(page: Path) -> str:
    """The DOM of `page` after loading, serialized by the browser."""
    return chromium(["--dump-dom", page.resolve().as_uri()]).stdout


def screenshot(page: Path, png: Path, window: str = WINDOW) -> None:
    """Save a PNG of the top of `page` (`window` is "WIDTH,HEIGHT")."""
    chromium([f"--screenshot={png.resolve()}", f"--window-size={window}",
              page.resolve().as_uri()])


def seeds_page(path: Path) -> None:
    """Write the seeds' timeline page to `path`, as `timeline extract seeds --format html`."""
    import timeline

    timeline.extract(ROOT / "seeds").write("html", path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "timeline.png")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="timeline-page-") as tmp:
        page = Path(tmp) / "timeline.html"
        seeds_page(page)
        screenshot(page, args.output)
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
