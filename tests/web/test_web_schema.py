"""Schemathesis against the running server's OpenAPI: generated requests to every route, valid and invalid,
none may get a 5xx, and every response must match its documented schema. POSTs carry the token and go to
the writable server (they may ingest what schemathesis makes up)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from served import TOKEN

EXAMPLES = 25


@schemathesis.serializer("application/x-ndjson")
def json_lines(ctx, value) -> bytes:
    """The ingest route's JSON-lines body: the generated string as it is (anything else as one JSON line)."""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else json.dumps(value).encode()


def exercise(operation, mode: GenerationMode) -> None:
    """Up to EXAMPLES generated requests to one operation; the first failing check raises."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        checks = [not_a_server_error] + ([response_schema_conformance] if mode == GenerationMode.POSITIVE else [])
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120, checks=checks)

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_server_errors(writable_server, mode):
    schema = schemathesis.openapi.from_url(writable_server.url + "/openapi.json")
    failures, tried = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        tried.append(operation.label)
        try:
            exercise(operation, mode)
        except Unsatisfiable:  # nothing to make invalid (a route without parameters)
            assert mode == GenerationMode.NEGATIVE, operation.label
        except (Exception, BaseExceptionGroup) as e:  # collect them all: one report names every failing route
            failures.append(f"{operation.label}: {e!r}")
    assert len(tried) >= 11
    assert failures == [], "\n\n".join(failures)
