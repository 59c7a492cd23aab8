"""CLI commands for actors: `eventwire actor`, `eventwire actors FILE.jsonl`, `eventwire kb list|show|add|import|learn`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from .actors.kb import READERS, KnowledgeBase, Role, guess_format, load_kb
from .actors.resolve import ActorResolver, Resolution, default_kb_path, parse_day
from .actors.tables import base_lexicon

kb_app = typer.Typer(help="The knowledge base of named actors (people with date-ranged roles).",
                     no_args_is_help=True)
out = Console()
err = Console(stderr=True)

KB_OPTION = typer.Option(None, "--kb", help="KB file (DuckDB); default $EVENTWIRE_KB or eventwire-kb.duckdb.")


def resolution_record(found: Resolution | None) -> dict:
    """The answer for one phrase: country (or the organisation's bloc code), sectors, canonical name."""
    if found is None:
        return {"country": None, "sector": None, "name": None, "org": None}
    a = found.actor
    sectors = found.sectors
    return {"country": a.country or found.bloc, "sector": sectors if len(sectors) > 1 else (sectors or [None])[0],
            "name": a.name, "org": a.org, "affiliation": a.affiliation, "confidence": round(a.confidence, 3)}


def actor(phrase: str = typer.Argument(..., help="The phrase to resolve, e.g. \"the Kremlin\"."),
          context: str | None = typer.Option(None, help="Text around the phrase (e.g. a country)."),
          date: str | None = typer.Option(None, help="Date the phrase was written (YYYY-MM-DD); default today."),
          kb: Path | None = KB_OPTION) -> None:
    """Resolve one actor phrase and print it as JSON."""
    resolver = ActorResolver(kb_path=str(kb)) if kb else ActorResolver()
    found = resolver.resolve_phrase_full(phrase, context, date)
    sys.stdout.write(json.dumps({"text": phrase, **resolution_record(found)}, ensure_ascii=False) + "\n")


def actors(path: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSONL: id, text, context, date."),
           output: Path | None = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
           kb: Path | None = KB_OPTION) -> None:
    """Resolve every phrase of a JSONL file: one {"id", "country", "sector", "name"} line per input line."""
    resolver = ActorResolver(kb_path=str(kb)) if kb else ActorResolver()
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                item = json.loads(line)
                found = resolver.resolve_phrase_full(item.get("text") or "", item.get("context") or None,
                                                     item.get("date") or None)
                sink.write(json.dumps({"id": item.get("id"), **resolution_record(found)}, ensure_ascii=False)
                           + "\n")
    finally:
        if output:
            sink.close()


@kb_app.command("list")
def kb_list(kb: Path | None = KB_OPTION,
            country: str | None = typer.Option(None, help="Only people with a role in this ISO3 country."),
            learned: bool = typer.Option(False, help="List learned identities instead of people."),
            limit: int = typer.Option(50, help="At most this many rows."),
            as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table.")) -> None:
    """List people in the KB (packaged, imported and added) or identities learned from articles."""
    base = load_kb(kb or default_kb_path())
    if as_json:
        items = [vars(x) for x in base.learned.values()] if learned else [
            r for r in base.rows() if not country or r["country"] == country.upper()]
        for item in items[:limit]:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
        return
    if learned:
        table = Table("name", "country", "org", "sector", "role", "first seen", "last seen", "evidence")
        for item in list(base.learned.values())[:limit]:
            table.add_row(item.name, item.country or "", item.org or "", item.sector or "", item.role,
                          item.first_seen or "", item.last_seen or "", str(item.evidence))
    else:
        table = Table("name", "country", "sector", "role", "start", "end", "source")
        rows = [r for r in base.rows() if not country or r["country"] == country.upper()]
        for r in rows[:limit]:
            table.add_row(r["name"], r["country"] or r["org"] or "", r["sector"] or "", r["role"], r["start"] or "",
                          r["end"] or "", r["source"])
    out.print(table)


@kb_app.command("show")
def kb_show(name: str = typer.Argument(..., help="A person's name or alias."),
            date: str | None = typer.Option(None, help="Also say what the role was on this date."),
            kb: Path | None = KB_OPTION) -> None:
    """Print a person's roles (and learned identity) as JSON."""
    base = load_kb(kb or default_kb_path())
    resolver = ActorResolver(kb=base)
    found = resolver.resolve_phrase_full(name, date=date)
    canonical = found.actor.name if found and found.actor.name else name
    person = base.person(canonical)
    learned = base.learned.get(canonical)
    if person is None and learned is None:
        err.print(f"[red]error[/]: {name!r} is not in the knowledge base")
        raise typer.Exit(1)
    record = {"name": canonical, "aliases": sorted(person.aliases) if person else [],
              "roles": [vars(r) for r in person.roles] if person else [],
              "learned": vars(learned) if learned else None,
              "on_date": {**resolution_record(found), "role": role_on.role if (role_on := base.identity(
                  canonical, parse_day(date))) else None} if date else None}
    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=1) + "\n")


@kb_app.command("add")
def kb_add(name: str = typer.Argument(...),
           country: str | None = typer.Option(None, help="ISO3 country."),
           org: str | None = typer.Option(None, help="IGO/NGO code (NATO, UN ...)."),
           sector: str | None = typer.Option(None, help="PLOVER sector code (GOV, MIL ...)."),
           role: str = typer.Option("", help="The position, e.g. \"foreign minister\"."),
           start: str | None = typer.Option(None, help="First day in the role (YYYY-MM-DD)."),
           end: str | None = typer.Option(None, help="Last day in the role; empty = still in it."),
           alias: list[str] | None = typer.Option(None, help="Other names (repeatable)."),
           kb: Path | None = KB_OPTION) -> None:
    """Add one role of one person to the KB file."""
    path = kb or Path(default_kb_path())
    base = stored_kb(path)
    base.add_role(name, Role(country, org, sector.upper() if sector else None, role, start, end, "added"),
                  alias or [])
    base.save(path)
    err.print(f"added {name} to {path}")


@kb_app.command("import")
def kb_import(source: Path = typer.Argument(..., exists=True, dir_okay=False),
              fmt: str | None = typer.Option(None, "--format", help="csv, json, petrarch or wikidata "
                                                                     "(default: from the file)."),
              kb: Path | None = KB_OPTION) -> None:
    """Import people and roles from CSV/JSON, a PETRARCH/TABARI actor dictionary or a Wikidata JSON dump."""
    fmt = fmt or guess_format(source)
    if fmt not in READERS:
        raise typer.BadParameter(f"--format must be one of {', '.join(READERS)}")
    path = kb or Path(default_kb_path())
    base = stored_kb(path)
    rows = READERS[fmt](source, sector_of_title) if fmt == "wikidata" else READERS[fmt](source)
    n = base.add_rows(rows, f"import:{source.name}")
    base.save(path)
    err.print(f"{n} role(s) imported from {source} into {path}")


@kb_app.command("learn")
def kb_learn(inputs: list[str] = typer.Argument(..., help="JSONL/text files or folders of articles."),
             published: str | None = typer.Option(None, help="Publication date for inputs that carry none."),
             kb: Path | None = KB_OPTION) -> None:
    """Code articles and keep the identities their titles and appositions give people, with dates and counts."""
    from . import api
    from .pipeline import Pipeline

    path = kb or Path(default_kb_path())
    base = load_kb(path)
    before = {name: item.evidence for name, item in base.learned.items()}
    pipeline = Pipeline(resolver=ActorResolver(kb=base))
    articles = sum(1 for _ in api.code_inputs(inputs, published, pipeline))
    base.save(path)
    changed = sum(1 for name, item in base.learned.items() if before.get(name) != item.evidence)
    err.print(f"{articles} article(s) read; {changed} learned identit(ies) new or strengthened in {path}")


def stored_kb(path: Path) -> KnowledgeBase:
    """Only the KB file's own rows (packaged rows stay in the package)."""
    base = KnowledgeBase()
    if path.exists():
        base.load(path)
    return base


def sector_of_title(title: str) -> str | None:
    """The sector a position's name implies ("Minister of Defence" → GOV), from the role table."""
    resolver = _title_resolver()
    found = resolver.resolve_phrase_full(title)
    return found.actor.sector if found else None


_TITLE_RESOLVER: list[ActorResolver] = []


def _title_resolver() -> ActorResolver:
    if not _TITLE_RESOLVER:
        base_lexicon()
        _TITLE_RESOLVER.append(ActorResolver(kb=KnowledgeBase()))
    return _TITLE_RESOLVER[0]


def register(app: typer.Typer) -> None:
    """Add the actor commands to the main `eventwire` app."""
    app.command("actor")(actor)
    app.command("actors")(actors)
    app.add_typer(kb_app, name="kb")
