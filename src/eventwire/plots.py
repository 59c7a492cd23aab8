"""Pictures of series and alerts with matplotlib: PNG or SVG, or an HTML page holding the SVG and the
alerts with their evidence, so the picture and the sentences behind each marked week travel together.

matplotlib's object API (`Figure`) is used without pyplot: no global state, no display needed.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

FORMATS = (".png", ".svg", ".html")
QUAD_STYLE = (  # series column, label, colour (cooperation in blues, conflict in reds)
    ("verbal_coop", "verbal cooperation", "#9ecae1"),
    ("material_coop", "material cooperation", "#3182bd"),
    ("verbal_conflict", "verbal conflict", "#fcae91"),
    ("material_conflict", "material conflict", "#cb181d"),
)


def check_output(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot write a plot to {path}: use a file ending in {', '.join(FORMATS)}")
    return suffix


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _bar_width(rows: Sequence[dict]) -> float:
    if len(rows) < 2:
        return 5.0
    return 0.8 * (_day(rows[1]["period"]) - _day(rows[0]["period"])).days


def series_figure(rows: Sequence[dict[str, Any]], alerts: Sequence[dict[str, Any]], title: str) -> Figure:
    """Stacked bars of the four quad classes per period, the Goldstein sum as a line on its own axis, and a
    marker over every period with an alert."""
    fig = Figure(figsize=(10, 5), layout="constrained")
    ax = fig.add_subplot()
    days = [_day(r["period"]) for r in rows]
    bottom = [0] * len(rows)
    for column, label, colour in QUAD_STYLE:
        heights = [r[column] for r in rows]
        ax.bar(days, heights, width=_bar_width(rows), bottom=bottom, color=colour, label=label)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    top = max(bottom, default=0) or 1
    ax.set_ylim(0, top * 1.25)
    ax.set_ylabel("clusters (real events)" if rows and "clusters" in rows[0] else "events")
    goldstein = ax.twinx()
    goldstein.plot(days, [r["goldstein_sum"] for r in rows], color="#444444", linewidth=1, label="Goldstein sum")
    goldstein.axhline(0, color="#bbbbbb", linewidth=0.6)
    goldstein.set_ylabel("Goldstein sum")
    marked = sorted({a["period"] for a in alerts})
    for period in marked:
        ax.axvline(_day(period), color="#cb181d", linestyle="--", linewidth=0.8)
    if marked:
        ax.plot([_day(p) for p in marked], [top * 1.15] * len(marked), "v", color="#cb181d", markersize=9,
                label="alert")
    handles, labels = ax.get_legend_handles_labels()
    extra_handles, extra_labels = goldstein.get_legend_handles_labels()
    fig.legend(handles + extra_handles, labels + extra_labels, loc="outside lower center", fontsize=8, ncols=6,
               frameon=False)
    ax.set_title(title)
    fig.autofmt_xdate()
    return fig


def alert_label(alert: dict[str, Any]) -> str:
    if alert["kind"] == "dyad":
        return f"{alert['source']} → {alert['target']}"
    return f"in {alert['country']}"


def alerts_figure(alerts: Sequence[dict[str, Any]], title: str) -> Figure:
    """One line per dyad or country with alerts, a marker per alert sized by its score."""
    labels = sorted({alert_label(a) for a in alerts})
    fig = Figure(figsize=(10, max(2.5, 0.4 * len(labels) + 1.5)), layout="constrained")
    ax = fig.add_subplot()
    row = {label: i for i, label in enumerate(labels)}
    if alerts:
        ax.scatter([_day(a["period"]) for a in alerts], [row[alert_label(a)] for a in alerts],
                   s=[40 + 12 * min(a["score"], 20) for a in alerts], color="#cb181d", alpha=0.7)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(-1, max(len(labels), 1))
    ax.grid(axis="x", color="#eeeeee")
    ax.set_title(title if alerts else f"{title}: no alerts")
    fig.autofmt_xdate()
    return fig


def save(fig: Figure, path: str | Path, alerts: Sequence[dict[str, Any]], title: str) -> None:
    """Write the figure as PNG or SVG, or as an HTML page with the SVG and the alerts' evidence."""
    suffix = check_output(path)
    if suffix != ".html":
        fig.savefig(path, dpi=120)
        return
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    Path(path).write_text(html_page(title, buffer.getvalue(), alerts), encoding="utf-8")


def html_page(title: str, svg: str, alerts: Sequence[dict[str, Any]]) -> str:
    svg = svg[svg.find("<svg"):]  # drop the XML prolog and doctype: the SVG sits inside HTML
    items = "\n".join(_alert_html(a) for a in alerts) or "<p>No alerts.</p>"
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;max-width:70em;margin:1em auto}li{margin:.3em 0}"
            ".meta{color:#666;font-size:.9em}</style></head><body>\n"
            f"<h1>{html.escape(title)}</h1>\n{svg}\n<h2>Alerts</h2>\n{items}\n</body></html>\n")


def _alert_html(alert: dict[str, Any]) -> str:
    head = (f"{alert_label(alert)}, {alert['freq']} of {alert['period']}: {alert['measure']} {alert['value']:g} "
            f"against a baseline of {alert['baseline']:g} (score {alert['score']:g}, {alert['method']})")
    items = []
    for e in alert["evidence"]:
        where = html.escape(e["url"] or e["doc_id"])
        link = f'<a href="{html.escape(e["url"])}">{where}</a>' if e["url"] else where
        facts = [e["date"], f"{e['cameo']} {e['plover'] or ''}".strip(), f"{e['source'] or '?'} → {e['target'] or '?'}",
                 f"{e['articles']} article(s)", e["article_source"] or "", e["title"] or ""]
        meta = " · ".join(html.escape(f) for f in facts if f)
        items.append(f"<li>“{html.escape(e['text'])}” <span class=\"meta\">{meta} · {link}</span></li>")
    return f"<h3>{html.escape(head)}</h3>\n<ul>{''.join(items)}</ul>"
