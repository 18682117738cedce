"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests share 2 cores with other work: a slow draw or example is load, not a bug.
# (Speed is measured by benchmarks/, never by a test.)
settings.register_profile(
    "timeline", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("timeline")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"
