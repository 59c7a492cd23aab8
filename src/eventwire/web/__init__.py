"""`eventwire serve`: the REST API and the dashboard over an event store (see docs/web.md)."""

from .app import create_app

__all__ = ["create_app"]
