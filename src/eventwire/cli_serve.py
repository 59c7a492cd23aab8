"""The `eventwire serve` command (registered on the main CLI app): the REST API and the dashboard."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from .cli import DB_OPTION, app, err, require_db


@app.command()
def serve(db: Path = DB_OPTION,
          host: str = typer.Option("127.0.0.1", help="Address to listen on. Anything but a loopback address "
                                                      "needs EVENTWIRE_TOKEN set."),
          port: int = typer.Option(8000, help="TCP port."),
          max_body: int = typer.Option(10 * 1024 * 1024, help="Largest request body accepted, in bytes."),
          code_timeout: float = typer.Option(30.0, help="Seconds a POST /api/code may take before it is "
                                                        "stopped (504)."),
          allowed_host: list[str] | None = typer.Option(None, help="Host names the server answers to "
                                                                   "(default: loopback names only when bound to "
                                                                   "loopback, any otherwise). Repeatable."),
          log_level: str = typer.Option("info", help="uvicorn log level: warning, info, debug."),
          ) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard at / over an event store.

    Writes (POST /api/code, POST /api/ingest) need `Authorization: Bearer $EVENTWIRE_TOKEN`."""
    import uvicorn

    from .web import create_app
    from .web.security import is_loopback

    token = os.environ.get("EVENTWIRE_TOKEN") or None
    if not is_loopback(host) and not token:
        err.print(f"[red]error[/]: refusing to listen on {host} without a token: set EVENTWIRE_TOKEN (writes need "
                  "it, and anyone on the network could reach this server), or keep the default 127.0.0.1")
        raise typer.Exit(2)
    require_db(db)
    hosts = allowed_host or (["127.0.0.1", "localhost", "::1", "[::1]"] if is_loopback(host) else ["*"])
    err.print(f"eventwire serving {db} on http://{host}:{port}/ (API docs at /docs); "
              f"writes {'need the token' if token else 'are disabled (no EVENTWIRE_TOKEN)'}")
    uvicorn.run(create_app(str(db), token, max_body=max_body, code_timeout=code_timeout, allowed_hosts=hosts),
                host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)
