"""Fuzzing the whole API from its OpenAPI document, in-process (Django's test client).

For every operation of `/api/v1/openapi.json`, Hypothesis draws requests from the operation's
own parameters and body schema, with odd values mixed in (wrong types, huge numbers, long
and strange text, NUL), anonymous and signed in as the treasurer of a seeded club (session
cookie and CSRF token header). Every answer must be below 500, have a status the document
declares for the operation, and, when JSON, fit the declared body schema.

Quick by default (`FUZZ_EXAMPLES=5` requests per operation and identity, within `make
test`); the long run is `FUZZ_EXAMPLES=200 pytest microfuture/clubs/tests/test_bounds_fuzz.py`.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from microfuture.api import api

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))

SCHEMA: dict[str, Any] = api.get_openapi_schema()
COMPONENTS: dict[str, Any] = SCHEMA.get("components", {}).get("schemas", {})
OPERATIONS = [(path, method, op) for path, ops in SCHEMA["paths"].items()
              for method, op in ops.items()]

#: Values at the edges of what each kind of field takes: the attack run's 500s came from these.
EXTREME_VALUES: list[Any] = [
    "", " ", "\x00", "a\x00b", "9" * 40, "92233720368547758.08", "999999999999.99", "1e400",
    "NaN", "-1", "0", "0.001", "9999-12-31", "0001-01-01", "1" + "0" * 48,
    "0." + "0" * 56 + "1", "100.0001", "<script>", "ž" * 300, 2**63, -(2**63) - 1, 10**30,
]
EXTREMES = st.sampled_from(EXTREME_VALUES)
ODD = st.one_of(
    EXTREMES, EXTREMES, EXTREMES, st.none(), st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70), st.text(max_size=40),
    st.lists(st.integers(), max_size=2), st.just({}),
)


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _fitting(schema: dict[str, Any], odd: bool = True) -> st.SearchStrategy[Any]:
    """Values the schema would accept (roughly: enough to get past it, often)."""
    schema = _resolve(schema)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([_fitting(s, odd) for s in schema[key]])
    if "allOf" in schema:
        return _fitting(schema["allOf"][0], odd)
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    kind = schema.get("type")
    if kind == "string":
        if schema.get("format") == "date":
            # Mostly the club's own years, so that requests get past the date checks.
            recent = st.dates(min_value=date(2026, 1, 5), max_value=date(2026, 11, 30))
            return st.one_of(recent, recent, st.dates()).map(lambda d: d.isoformat())
        if schema.get("format") == "date-time":
            return st.datetimes().map(lambda d: d.isoformat() + "Z")
        if "pattern" in schema:
            # The extremes the pattern lets through (a rate of 1e48 %), as often as any other.
            edges = [v for v in EXTREME_VALUES
                     if isinstance(v, str) and re.fullmatch(schema["pattern"], v)]
            fitting = st.from_regex(schema["pattern"], fullmatch=True).filter(
                lambda s: len(s) <= schema.get("maxLength", 1000))
            return st.one_of(fitting, fitting, fitting, st.sampled_from(edges)) if edges else fitting
        return st.text(min_size=schema.get("minLength", 0),
                       max_size=min(schema.get("maxLength", 60), 200))
    if kind == "integer":
        low, high = schema.get("minimum", -(2**40)), schema.get("maximum", 2**40)
        small = st.integers(min_value=max(low, 0), max_value=min(high, max(low, 0) + 12))
        return st.one_of(small, small, st.integers(min_value=low, max_value=high))
    if kind == "number":
        return st.integers(-1000, 10**6)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(_value(schema.get("items", {}), odd), max_size=3)
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: _value(v, odd) for k, v in properties.items() if k in required},
            optional={k: _value(v, odd) for k, v in properties.items() if k not in required},
        )
    return st.none()


def _value(schema: dict[str, Any], odd: bool) -> st.SearchStrategy[Any]:
    """Fitting values, with odd ones mixed in when `odd` (half of the requests): a request
    with one odd value stops at the schema, so the other half must fit to reach the code."""
    if not odd:
        return _fitting(schema, odd)
    return st.integers(0, 3).flatmap(lambda n: ODD if n == 0 else _fitting(schema, odd))


def _path_value(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    known = st.sampled_from(["zadruga-srce", "1", "2", "0", "pekarna-zlato-zrno"])
    odd = st.text(min_size=1, max_size=30).filter(lambda s: s.strip("./") != "" and "/" not in s)
    return st.one_of(known, _fitting(schema).map(str), odd).filter(
        lambda s: s.strip("./") != "" and "/" not in s)


@st.composite
def _request(draw: Any, path: str, method: str, op: dict[str, Any]) -> tuple[str, Any]:
    query: dict[str, str] = {}
    odd = draw(st.booleans())
    for param in op.get("parameters", []):
        schema = param.get("schema", {})
        if param["in"] == "path":
            raw = draw(_path_value(schema))
            path = path.replace("{" + param["name"] + "}", quote(raw, safe=""))
        elif param["in"] == "query" and (param.get("required") or draw(st.booleans())):
            value = draw(_value(schema, odd))
            if value is not None:
                query[param["name"]] = str(value).lower() if isinstance(value, bool) else str(
                    value)
    body = None
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    if content is not None:
        body = draw(st.integers(0, 9).flatmap(
            lambda n: ODD if n == 0 and odd else _fitting(content.get("schema", {}), odd)))
    url = path + ("?" + urlencode(query) if query else "")
    return url, body


def _fits(value: Any, schema: dict[str, Any], where: str) -> list[str]:
    """Where `value` does not fit `schema` (the subset of JSON Schema ninja writes)."""
    schema = _resolve(schema)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            if any(not _fits(value, s, where) for s in schema[key]):
                return []
            return [f"{where}: fits none of {key}"]
    if "allOf" in schema:
        return [p for s in schema["allOf"] for p in _fits(value, s, where)]
    kind = schema.get("type")
    checks: dict[str, type | tuple[type, ...]] = {"string": str, "integer": int, "number": (int, float), "boolean": bool,
              "array": list, "object": dict, "null": type(None)}
    if kind in checks and (not isinstance(value, checks[kind])
                           or (kind in {"integer", "number"} and isinstance(value, bool))):
        return [f"{where}: {value!r:.60} is not {kind}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r:.60} not in {schema['enum']}"]
    problems: list[str] = []
    if isinstance(value, dict):
        for name in schema.get("required", []):
            if name not in value:
                problems.append(f"{where}.{name}: missing")
        for name, sub in schema.get("properties", {}).items():
            if name in value:
                problems += _fits(value[name], sub, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value[:50]):
            problems += _fits(item, schema["items"], f"{where}.{i}")
    return problems


def _check(response: Any, method: str, path: str, op: dict[str, Any]) -> None:
    status = response.status_code
    said = f"{method.upper()} {path} answered {status}: {response.content[:300]!r}"
    assert status < 500, said
    declared = {str(k): v for k, v in op["responses"].items()}
    assert str(status) in declared, f"{said}; declared: {sorted(declared)}"
    schema = (declared[str(status)].get("content", {}).get("application/json", {})
              .get("schema"))
    if schema is not None and response.get("Content-Type", "").startswith("application/json"):
        problems = _fits(json.loads(response.content), schema, "body")
        assert not problems, f"{said}; {problems}"


def _signed_in_client(user: Any) -> Client:
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(user)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    client.defaults["HTTP_X_CSRFTOKEN"] = token
    return client


def _fuzz(client: Client, path: str, method: str, op: dict[str, Any]) -> None:
    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=EXAMPLES <= 5,
              suppress_health_check=list(HealthCheck))
    @given(_request(path, method, op))
    def run(request: tuple[str, Any]) -> None:
        url, body = request
        if method == "get":
            response = client.get(url)
        else:
            data = json.dumps(body) if body is not None else ""
            response = getattr(client, method)(url, data, content_type="application/json")
        _check(response, method, url, op)

    run()


def test_the_api_answers_anyone_plainly(club):
    # One club for every operation: setting it up again for each would cost more than the run.
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for path, method, op in OPERATIONS:
        _fuzz(client, path, method, op)


def test_the_api_answers_a_treasurer_plainly(club, treasurer, enterprise):
    client = _signed_in_client(treasurer)
    for path, method, op in OPERATIONS:
        _fuzz(client, path, method, op)
