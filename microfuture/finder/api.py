"""The finder's JSON API, mounted at /api/v1/finder/ (spec §3)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from microfuture.finder import matching, services

router = Router(tags=["finance finder"])


class Problems(Schema):
    detail: str
    problems: list[str]


@router.post(
    "/match",
    response={200: dict[str, Any], 400: Problems, 422: Problems},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {
                "type": "object",
                "description": "The applicant's profile (spec §2); every field optional.",
                "properties": {
                    "country": {"type": "string"}, "region": {"type": "string"},
                    "entity_type": {"type": "string"},
                    "social_enterprise_status": {"type": "boolean"},
                    "employees": {"type": ["number", "string"]},
                    "founded_on": {"type": "string", "format": "date"},
                    "age_months": {"type": "integer"},
                    "target_groups": {"type": "array", "items": {"type": "string"}},
                    "amount": {"type": ["number", "string"]}, "purpose": {"type": "string"},
                    "credit_rating": {"type": "string"}, "sector": {"type": "string"},
                    "on": {"type": "string", "format": "date"},
                    "lang": {"type": "string", "enum": ["sl", "en"]},
                },
            }}},
        }
    },
)
def match(request: HttpRequest) -> Any:
    """Which mechanisms the applicant can use, might use, nearly can, or could when open.

    No account needed; nothing about the applicant is stored (only anonymous counts).
    """
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return Status(400, Problems(detail="The body is not valid JSON.", problems=[]))
    if not isinstance(data, dict):
        return Status(422, Problems(detail="The profile must be a JSON object.", problems=[]))
    today = timezone.localdate()
    answer, problems = matching.match_profile(data, today=today)
    if answer is None:
        return Status(422, Problems(detail="; ".join(problems), problems=problems))
    services.usage_record(
        result_groups={g: [e["mechanism"] for e in answer[g]] for g in matching.GROUPS},
        failed_criteria=[e["failed"]["criterion"] for e in answer["near_misses"]], day=today,
    )
    return answer
