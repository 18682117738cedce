"""The temporal tagger: text + publication date -> normalized temporal expressions."""

from timeline.tagger.api import TaggerConfig, tag

__all__ = ["TaggerConfig", "tag"]
