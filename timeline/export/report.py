"""What an export wrote and what it had to leave out."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import field, frozen

__all__ = ["ExportReport"]


def _ids(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(ids)


@frozen
class ExportReport:
    """The outcome of rendering a timeline in one format.

    Attributes:
        written: how many events the output carries.
        skipped: how many events were left out (e.g. undated events in iCalendar).
        skipped_ids: the ids of the events left out, in timeline order.
        cancelled: how many events of a previous export are gone from this one and were
            carried over as cancelled (iCalendar with `previous`; 0 otherwise).
    """

    written: int
    skipped: int = 0
    skipped_ids: tuple[str, ...] = field(default=(), converter=_ids)
    cancelled: int = 0

    def __attrs_post_init__(self) -> None:
        if self.skipped != len(self.skipped_ids):
            raise ValueError(
                f"ExportReport: skipped={self.skipped} but {len(self.skipped_ids)} skipped ids"
            )
