"""Two answer shapes with one name would be merged into one in the OpenAPI document, and a
client (or our own fuzz test) would check one endpoint against the other's shape: every
schema name of the API names one shape."""

from __future__ import annotations

from typing import Any

from ninja import Schema


def subclasses(cls: type[Schema]) -> list[type[Schema]]:
    found: list[type[Schema]] = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(subclasses(sub))
    return found


def test_each_schema_name_names_one_shape(db: Any) -> None:
    import microfuture.urls  # noqa: F401  (imports every router and its schemas)

    shapes: dict[str, dict[str, set[str]]] = {}
    for schema in subclasses(Schema):
        if not schema.__module__.startswith("microfuture."):
            continue
        fields = set(schema.model_fields)
        shapes.setdefault(schema.__name__, {})[schema.__module__] = fields
    clashes = {
        name: modules for name, modules in shapes.items()
        if len({frozenset(fields) for fields in modules.values()}) > 1
    }
    assert not clashes, clashes
