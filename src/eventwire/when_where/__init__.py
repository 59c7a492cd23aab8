"""The when/where/how-much stage: event dates from the event's clause, places from a gazetteer, and
casualty and size figures, each attached to an already-coded event."""

from .annotate import Annotator

__all__ = ["Annotator"]
