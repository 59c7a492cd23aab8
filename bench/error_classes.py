"""Why the coder misses gold events and why its predictions are wrong: error classes for error analysis.

Used by `bench/accuracy.py --errors`. Every comparison (evidence, type, actor, dyad, forbidden) is made by
../shared/tools/score.py's own functions, loaded at run time by `load_score`, so a class here always agrees
with the scorer's figures (an "ok" gold event here is exactly one of score.py's `hit_dyad`).

Gold side: each required gold event gets one class, the most specific explanation first:
lost article > found (ok, swapped, source wrong, target missing, target wrong) > coded as not happened >
merged away > other type > no event found.
Prediction side: each prediction that counts (not hypothetical, negated or denied) is a match (of a required
or an optional gold event), a duplicate, or false; forbidden hits are counted as score.py counts them.
Actor side: for every gold event found with the right root, each side of the closest prediction is checked:
missing, wrong country, wrong organisation, wrong sector, or right country with no sector or a wrong one
(which only the strict match sees when gold gives a country: it costs recall_strict, not the dyad).
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

GOLD_CLASSES = {
    "ok": "found: right root and right dyad",
    "lost_article": "lost article: the document gave no event at all",
    "no_event": "no event found in the evidence sentence(s)",
    "other_type": "other type: predictions there, none of the right root",
    "not_happened": "right root there, but coded hypothetical/negated/denied",
    "merged_away": "merged away: a right-root prediction holds the sentence only among its mentions",
    "swapped": "right root, source and target swapped",
    "source_wrong": "right root, source wrong or missing",
    "target_missing": "right root, source right, target missing",
    "target_wrong": "right root, source right, target wrong",
}
PRED_CLASSES = {
    "match_required": "matches a required gold event",
    "match_optional": "matches an optional gold event",
    "duplicate": "duplicate of a gold event already matched",
    "false": "false: matches no gold event",
    "forbidden": "forbidden hit: an event that did not happen, reported as happened",
}
ACTOR_CLASSES = {
    "missing": "missing",
    "wrong_country": "wrong country",
    "right_country_no_sector": "right country, no sector",
    "right_country_wrong_sector": "right country, wrong sector or organisation",
    "wrong_org": "wrong organisation (gold: an organisation, no country)",
    "wrong_sector": "wrong sector (gold: a sector only)",
}
SPEECH_ROOT = "01"
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+|\n+")


def load_score(path: Path) -> ModuleType:
    """score.py as a module, imported from its file so its matching functions are reused, never copied."""
    spec = importlib.util.spec_from_file_location("eventwire_bench_score", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Example:
    """One case to read: where it is, what gold says, what was predicted, and why it fell in its class."""

    doc: str
    sentence: str
    gold: str = ""
    pred: str = ""
    note: str = ""


@dataclass
class ErrorReport:
    """Class counts and a few examples of each, for one gold set."""

    name: str
    limit: int = 3
    gold: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    actor: Counter = field(default_factory=Counter)
    other_type_roots: Counter = field(default_factory=Counter)  # roots predicted where the gold type was missed
    other_type_pairs: Counter = field(default_factory=Counter)  # "11>01": gold's first root, a root predicted
    false_roots: Counter = field(default_factory=Counter)
    false_where: Counter = field(default_factory=Counter)
    forbidden_why: Counter = field(default_factory=Counter)
    examples: dict[str, list[Example]] = field(default_factory=dict)

    def note(self, counter: Counter, kind: str, cls: str, example: Example | None = None) -> None:
        counter[cls] += 1
        if example is not None and self.limit > 0:
            shown = self.examples.setdefault(f"{kind}.{cls}", [])
            if len(shown) < self.limit:
                shown.append(example)

    def as_dict(self) -> dict[str, Any]:
        """The class counts for scripts (`--json`)."""
        return {"gold": dict(self.gold), "pred": dict(self.pred), "actor": dict(self.actor),
                "other_type_roots": dict(self.other_type_roots), "other_type_pairs": dict(self.other_type_pairs),
                "false_roots": dict(self.false_roots),
                "false_where": dict(self.false_where), "forbidden_why": dict(self.forbidden_why)}


def classify(score: ModuleType, golds: list[dict], preds: dict[str, list[dict]], name: str = "",
             limit: int = 3) -> ErrorReport:
    """Classify every required gold event, every counted prediction and every forbidden hit of one gold set."""
    return Classifier(score, ErrorReport(name=name, limit=limit)).run(golds, preds)


class Classifier:
    """The classes of one gold set, every comparison made by score.py's functions (`self.s`)."""

    def __init__(self, score: ModuleType, report: ErrorReport) -> None:
        self.s = score
        self.report = report

    def run(self, golds: list[dict], preds: dict[str, list[dict]]) -> ErrorReport:
        for doc in golds:
            all_preds = preds.get(str(doc["id"]), [])
            for gold in doc.get("events", []):
                if gold.get("required", True):
                    self.gold_event(doc, gold, all_preds)
            self.predictions(doc, all_preds)
            self.forbidden(doc, all_preds)
        return self.report

    def counts(self, pred: dict) -> bool:
        """Whether score.py counts this prediction as an event (hypothetical, negated and denied are not)."""
        return (pred.get("status") or "occurred") not in self.s.NON_EVENT_STATUS

    def rooted(self, pred: dict, gold: dict) -> bool:
        return self.s.type_matches(pred, gold, root_only=True)

    # --- gold side ------------------------------------------------------------------------------------------

    def gold_event(self, doc: dict, gold: dict, all_preds: list[dict]) -> None:
        s, report, text = self.s, self.report, doc.get("text", "")
        live = [p for p in all_preds if self.counts(p)]
        here = [p for p in live if s.in_evidence(p, gold, text)]
        rooted = [p for p in here if self.rooted(p, gold)]
        example = Example(str(doc["id"]), gold_sentence(doc, gold), describe_gold(gold))
        if not all_preds:
            report.note(report.gold, "gold", "lost_article", example)
            return
        if rooted:
            self.found(gold, rooted, example)
            return
        silenced = [p for p in all_preds
                    if not self.counts(p) and s.in_evidence(p, gold, text) and self.rooted(p, gold)]
        if silenced:
            example.pred, example.note = describe_pred(silenced[0]), f"status {silenced[0].get('status')}"
            report.note(report.gold, "gold", "not_happened", example)
            return
        merged = [p for p in live if self.rooted(p, gold) and self.mentioned_apart(p, gold, text)]
        if merged:
            example.pred, example.note = describe_pred(merged[0]), "its text: " + clip(merged[0].get("text"), 90)
            report.note(report.gold, "gold", "merged_away", example)
            return
        if here:
            roots = sorted({root_of(p) for p in here})
            report.other_type_roots.update(roots)
            report.other_type_pairs.update(f"{gold_root(gold)}>{root}" for root in roots)
            example.pred = "; ".join(describe_pred(p) for p in here[:3])
            report.note(report.gold, "gold", "other_type", example)
            return
        report.note(report.gold, "gold", "no_event", example)

    def found(self, gold: dict, rooted: list[dict], example: Example) -> None:
        """A gold event with a right-root prediction in its sentence: ok, or which side went wrong."""
        best = min(rooted, key=lambda p: self.dyad_fault_rank(p, gold))
        fault = self.dyad_fault(best, gold)
        if fault == "ok":
            self.report.note(self.report.gold, "gold", "ok")
        else:
            example.pred = describe_pred(best)
            self.report.note(self.report.gold, "gold", fault, example)
        if fault != "swapped":
            self.actors(gold, best, example)

    def dyad_fault(self, pred: dict, gold: dict) -> str:
        """Which side of a right-root prediction is wrong (or "ok")."""
        s = self.s
        if s.dyad_matches(pred, gold):
            return "ok"
        source_ok = s.side_matches(pred.get("source"), gold.get("source"))
        target_needed = bool(as_list(gold.get("target"))) and not gold.get("target_optional")
        if (not source_ok and target_needed and s.side_matches(pred.get("target"), gold.get("source"))
                and s.side_matches(pred.get("source"), gold.get("target"))):
            return "swapped"
        if not source_ok:
            return "source_wrong"
        return "target_wrong" if as_list(pred.get("target")) else "target_missing"

    def dyad_fault_rank(self, pred: dict, gold: dict) -> int:
        """The closest prediction first: both actors in swapped roles, then one side right, then the source wrong."""
        order = ("ok", "swapped", "target_wrong", "target_missing", "source_wrong")
        return order.index(self.dyad_fault(pred, gold))

    def actors(self, gold: dict, pred: dict, example: Example) -> None:
        """Each side of the closest right-root prediction, where gold names that side."""
        for side in ("source", "target"):
            gold_side = as_list(gold.get(side))
            if not gold_side or (side == "target" and gold.get("target_optional")):
                continue
            pred_side = as_list(pred.get(side))
            fault = self.actor_fault(pred_side, gold_side)
            if fault:
                note = f"{side}: gold {describe_side(gold_side)}, pred {describe_side(pred_side) or '-'}"
                self.report.note(self.report.actor, "actor", f"{side}.{fault}",
                                 Example(example.doc, example.sentence, example.gold, describe_pred(pred), note))

    def actor_fault(self, pred_side: list, gold_side: list) -> str | None:
        """Why a predicted side does not match gold's, or None when it matches strictly."""
        s = self.s
        if s.side_matches(pred_side, gold_side, strict=True):
            return None
        if not pred_side:
            return "missing"
        gold_dicts = [g for g in gold_side if isinstance(g, dict)]
        gold_countries = {s.country(g.get("country")) for g in gold_dicts} - {None} - s.IGO_LIKE
        same_country = [p for p in pred_side if isinstance(p, dict) and s.country(p.get("country")) in gold_countries]
        if same_country or s.side_matches(pred_side, gold_side):  # right at country level: the sector is wrong
            no_sector = same_country and not any(p.get("sector") or p.get("sectors") for p in same_country)
            return "right_country_no_sector" if no_sector else "right_country_wrong_sector"
        if gold_countries:
            return "wrong_country"
        if any(g.get("org") or s.country(g.get("country")) in s.IGO_LIKE for g in gold_dicts):
            return "wrong_org"
        return "wrong_sector"

    def mentioned_apart(self, pred: dict, gold: dict, text: str) -> bool:
        """The merge joined this gold event's sentence into another event: a mention holds it, the text does not."""
        if self.s.in_evidence(pred, gold, text):
            return False
        return any(self.s.in_evidence({"text": m.get("text")}, gold, text) for m in pred.get("mentions") or [])

    # --- prediction side ------------------------------------------------------------------------------------

    def predictions(self, doc: dict, all_preds: list[dict]) -> None:
        """Each counted prediction, with score.py's rule that a gold event absorbs one prediction per actor pair."""
        s, report, text = self.s, self.report, doc.get("text", "")
        events = doc.get("events", [])
        room = {id(g): max(1, len(as_list(g.get("source")))) * max(1, len(as_list(g.get("target"))))
                * (2 if g.get("symmetric") else 1) for g in events}
        for pred in (p for p in all_preds if self.counts(p)):
            example = Example(str(doc["id"]), clip(pred.get("text"), 150), pred=describe_pred(pred))
            matched = [] if doc.get("noevent") else [
                g for g in events if s.in_evidence(pred, g, text) and self.rooted(pred, g)]
            free = [g for g in matched if room[id(g)] > 0]
            if free:
                best = next((g for g in free if s.dyad_matches(pred, g)), free[0])
                room[id(best)] -= 1
                report.note(report.pred, "pred", "match_required" if best.get("required", True) else "match_optional")
            elif matched:
                example.gold = describe_gold(matched[0])
                report.note(report.pred, "pred", "duplicate", example)
            else:
                self.false(doc, pred, example)

    def false(self, doc: dict, pred: dict, example: Example) -> None:
        report, root = self.report, root_of(pred)
        report.false_roots[root] += 1
        report.false_where["speech act (01x)" if root == SPEECH_ROOT else "other roots"] += 1
        others = [g for g in doc.get("events", []) if self.s.in_evidence(pred, g, doc.get("text", ""))]
        if doc.get("noevent"):
            where = "in a document with no event"
        elif others:
            where = "in a gold event's sentence, other type"
            example.gold = describe_gold(others[0])
        else:
            where = "in a sentence with no gold event"
        report.false_where[where] += 1
        example.note = where
        report.note(report.pred, "pred", "false", example)

    def forbidden(self, doc: dict, all_preds: list[dict]) -> None:
        """Forbidden hits exactly as score.py counts them (any status the forbidden event lists, dated after)."""
        s, text = self.s, doc.get("text", "")
        for forbidden in doc.get("forbidden", []):
            statuses = as_list(forbidden.get("status") or "occurred")
            after = s.parse_date(forbidden.get("on_date_after"))
            for pred in all_preds:
                if (pred.get("status") or "occurred") not in statuses or not s.in_evidence(pred, forbidden, text) \
                        or not s.type_matches(pred, forbidden):
                    continue
                dated = s.parse_date(pred.get("date"))
                if after is None or dated is None or dated > after:
                    why = str(forbidden.get("why") or "")
                    self.report.forbidden_why[why] += 1
                    self.report.note(self.report.pred, "pred", "forbidden",
                                     Example(str(doc["id"]), clip(pred.get("text"), 150), describe_gold(forbidden),
                                             describe_pred(pred), "why: " + why))


# --- describing cases compactly ---------------------------------------------------------------------------

def as_list(value: Any) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def root_of(pred: dict) -> str:
    return str(pred.get("cameo_root") or str(pred.get("cameo") or "??")[:2])


def gold_root(gold: dict) -> str:
    """The root of gold's first accepted code (its preferred one)."""
    codes = as_list(gold.get("cameo"))
    return str(codes[0])[:2] if codes else str((as_list(gold.get("plover")) or ["??"])[0])


def clip(text: Any, width: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def gold_sentence(doc: dict, gold: dict) -> str:
    """The sentence holding the gold event's first evidence (the evidence alone when it cannot be found), or the
    document's text when gold gives no evidence (single-sentence sets)."""
    text, evidence = doc.get("text", ""), as_list(gold.get("evidence"))
    if not evidence:
        return clip(text, 160)
    at = text.find(evidence[0])
    if at < 0:
        return clip(evidence[0], 160)
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, at)]
    end = SENTENCE_END.search(text, at + len(evidence[0]))
    return clip(text[starts[-1] if starts else 0: end.end() if end else len(text)], 160)


def describe_actor(actor: Any) -> str:
    if not isinstance(actor, dict):
        return str(actor)
    sector = actor.get("sector")
    sector = "/".join(sector) if isinstance(sector, list) else sector
    code = "·".join(str(x) for x in (actor.get("country"), actor.get("org"), sector) if x) or "?"
    name = actor.get("name") or actor.get("text")
    return f"{code} {clip(name, 22)!r}" if name else code


def describe_side(side: list) -> str:
    return " + ".join(describe_actor(a) for a in side[:2]) + (" + …" if len(side) > 2 else "")


def describe_gold(gold: dict) -> str:
    code = "|".join(str(c) for c in as_list(gold.get("cameo"))) or "|".join(as_list(gold.get("plover")))
    gid = f"{gold['id']} " if gold.get("id") else ""
    target = describe_side(as_list(gold.get("target"))) or "-"
    if gold.get("target_optional"):
        target += " (optional)"
    arrow = " <-> " if gold.get("symmetric") else " -> "
    return f"{gid}{code} {describe_side(as_list(gold.get('source'))) or '-'}{arrow}{target}"


def describe_pred(pred: dict) -> str:
    status = pred.get("status") or "occurred"
    shown = f"{pred.get('cameo')} ({pred.get('trigger') or '?'}) {describe_side(as_list(pred.get('source'))) or '-'}"
    shown += f" -> {describe_side(as_list(pred.get('target'))) or '-'}"
    return shown if status == "occurred" else f"{shown} [{status}]"


# --- printing -----------------------------------------------------------------------------------------------

def share(n: int, total: int) -> str:
    return f"{100 * n / total:3.0f}%" if total else "  - "


def render(report: ErrorReport) -> str:
    """The class table, biggest classes first, then a few examples of each error class."""
    lines = [f"== {report.name}: error classes =="]
    n_gold, n_pred = sum(report.gold.values()), sum(v for k, v in report.pred.items() if k != "forbidden")
    lines.append(f"required gold events: {n_gold}")
    for cls, n in report.gold.most_common():
        lines.append(f"  {n:5d} {share(n, n_gold)}  {GOLD_CLASSES[cls]}")
        if cls == "other_type" and report.other_type_roots:
            lines.append("              predicted roots there: " + roots_line(report.other_type_roots))
            lines.append("              gold>predicted: " + roots_line(report.other_type_pairs))
    lines.append(f"predicted events (counted as events): {n_pred}")
    for cls, n in report.pred.most_common():
        lines.append(f"  {n:5d} {share(n, n_pred) if cls != 'forbidden' else '    '}  {PRED_CLASSES[cls]}")
        if cls == "false":
            lines.append("              by root: " + roots_line(report.false_roots))
            kinds = ("speech act (01x)", "other roots")
            lines.append("              " + ", ".join(f"{k} {report.false_where[k]}" for k in kinds))
            lines.append("              " + ", ".join(f"{k} {v}" for k, v in report.false_where.most_common()
                                                   if k not in kinds))
    if report.actor:
        lines.append("actor errors, per side of the closest right-root prediction:")
        for cls, n in report.actor.most_common():
            side, fault = cls.split(".", 1)
            lines.append(f"  {n:5d}        {side} {ACTOR_CLASSES[fault]}")
    for key in example_order(report):
        shown = report.examples[key]
        kind, cls = key.split(".", 1)
        title = {"gold": GOLD_CLASSES, "pred": PRED_CLASSES}.get(kind, {}).get(cls) or actor_title(cls)
        lines.append(f"-- {title} --")
        lines.extend(render_example(e) for e in shown)
    return "\n".join(lines)


def example_order(report: ErrorReport) -> list[str]:
    """Examples in the order of the table: gold classes, predictions, actors, biggest first."""
    order = [f"{kind}.{cls}" for kind, counter in (("gold", report.gold), ("pred", report.pred),
                                                   ("actor", report.actor)) for cls, _ in counter.most_common()]
    return [key for key in order if key in report.examples]


def actor_title(cls: str) -> str:
    side, fault = cls.split(".", 1)
    return f"actor: {side} {ACTOR_CLASSES[fault]}"


def roots_line(roots: Counter) -> str:
    return " ".join(f"{root}:{n}" for root, n in sorted(roots.items(), key=lambda item: (-item[1], item[0])))


def render_example(example: Example) -> str:
    parts = [f"   [{example.doc}] «{example.sentence}»"]
    if example.gold:
        parts.append(f"      gold {example.gold}")
    if example.pred:
        parts.append(f"      pred {clip(example.pred, 240)}")
    if example.note:
        parts.append(f"      ({clip(example.note, 200)})")
    return "\n".join(parts)
