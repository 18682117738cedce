"""Public entry point of the tagger (stub: filled in by the tagger work)."""

from __future__ import annotations

import attrs

from timeline.model import PubDate, TimeExpression


@attrs.frozen
class TaggerConfig:
    """Tagger settings.

    Attributes:
        day_first: read "03/04/2025" as 3 April (True) or March 4 (False).
        keep_latent: also return ambiguous matches (bare numbers that may be years).
        use_dateline: when no publication date is given, take one from a dateline near the top.
    """

    day_first: bool = True
    keep_latent: bool = False
    use_dateline: bool = True


def tag(text: str, published: PubDate | str | None = None,
        config: TaggerConfig = TaggerConfig()) -> list[TimeExpression]:
    """All temporal expressions in `text`, in order, resolved against `published`."""
    return []
