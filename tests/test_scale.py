"""Speed and scale: streaming, parallel and distributed extraction give the same results as one
process; the objects shipped to workers pickle small; the engine's shortcuts change nothing."""

from __future__ import annotations

from timeline import tag


def test_last_century_is_relative_not_a_crash() -> None:
    # found tagging Timeline17: the ordinal "last" read as century number -1 crashed resolve()
    found = [(e.text, e.value) for e in tag("But in the last century, it was poor.", "2011-03-01")]
    assert found == [("the last century", "19")]
