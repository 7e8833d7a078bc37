"""Pages of the API's lists: every list endpoint answers `{"items": [...], "count": N}`.

`limit` (1 to `MAX_LIMIT`, default `PER_PAGE`) and `offset` (from 0) choose the page; `count` is
the length of the whole list, so a client asks again with `offset + limit` while that is less
than `count`. A list of thousands of events is no longer sent in one answer.

Use: `@paginate(Page)` under the endpoint's `@router.get(...)`, returning a QuerySet, a list,
or `Mapped(rows, to_schema)` so that only the rows of the page are turned into schemas.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar, overload

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

PER_PAGE = 100
MAX_LIMIT = 500

Row = TypeVar("Row")
Out = TypeVar("Out")


class Page(LimitOffsetPagination):
    """ninja's limit/offset pages with our bounds: at most `MAX_LIMIT` items a page."""

    class Input(Schema):
        limit: int = Field(PER_PAGE, ge=1, le=MAX_LIMIT,
                           description=f"how many items (at most {MAX_LIMIT})")
        offset: int = Field(0, ge=0, description="how many items to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


class Mapped(Sequence[Out], Generic[Row, Out]):
    """A QuerySet whose rows become schemas only when sliced: a page maps its own rows."""

    def __init__(self, rows: QuerySet[Any], to_schema: Callable[[Any], Out]) -> None:
        self.rows = rows
        self.to_schema = to_schema

    def __len__(self) -> int:
        return self.rows.count()

    @overload
    def __getitem__(self, index: int) -> Out: ...
    @overload
    def __getitem__(self, index: slice) -> list[Out]: ...
    def __getitem__(self, index: int | slice) -> Out | list[Out]:
        if isinstance(index, slice):
            return [self.to_schema(row) for row in self.rows[index]]
        return self.to_schema(self.rows[index])
