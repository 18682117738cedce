"""The public API: __all__ is complete and importable, and the docstring example holds."""

from __future__ import annotations

import doctest
import inspect

import timeline


def test_all_names_exist_and_are_sorted_uniquely() -> None:
    assert len(set(timeline.__all__)) == len(timeline.__all__)
    for name in timeline.__all__:
        assert hasattr(timeline, name), name


def test_all_is_complete() -> None:
    public = {name for name, obj in vars(timeline).items()
              if not name.startswith("_") and not inspect.ismodule(obj)}
    assert public <= set(timeline.__all__), public - set(timeline.__all__)


def test_package_docstring_example() -> None:
    failures, _ = doctest.testmod(timeline, verbose=False)
    assert failures == 0


def test_every_error_is_a_timeline_error() -> None:
    for name in ("InputError", "PublicationDateError", "DocumentError", "TimeMLError",
                 "ResourceError", "ExportError"):
        assert issubclass(getattr(timeline, name), timeline.TimelineError)
