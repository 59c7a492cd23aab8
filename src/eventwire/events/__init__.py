"""The events stage: find event triggers in parsed sentences, classify them (CAMEO, PLOVER), find their
source and target from the syntax, decide their status, and merge mentions of one event in a document."""

from .code import EventCoder

__all__ = ["EventCoder"]
