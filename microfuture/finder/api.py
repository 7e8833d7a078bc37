"""The finder's JSON API, mounted at /api/v1/finder/ (spec §3)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import BaseModel, ConfigDict

from microfuture.finder import core, matching, services

router = Router(tags=["finance finder"])


class Problems(Schema):
    detail: str
    problems: list[str]


class PathwayStep(Schema):
    step: str = Field(description="The step's code, e.g. register_sole_trader, wait_months.")
    text: str = Field(description="What to do, in the profile's language, with its date.")
    where: str = Field(description="Where to go (a SPOT point, ZRSZ, AJPES, …).")
    on: date = Field(description="The day the step is done, or from when it holds.")


class Pathway(Schema):
    steps: list[PathwayStep] = Field(description="In the order to take them.")
    opens: list[str] = Field(description="Slugs of the mechanisms open after the steps.")


class MatchAnswer(BaseModel):
    """The answer of §3, with the pathways of issue 11 §5."""

    # A plain pydantic model, not a ninja `Schema`: that one drops the keys it does not
    # declare, and the answer's other keys are left open here.
    model_config = ConfigDict(extra="allow")

    on: date
    eligible: list[dict[str, Any]]
    possible: list[dict[str, Any]]
    near_misses: list[dict[str, Any]]
    closed: list[dict[str, Any]]
    pathways: list[Pathway]


@router.post(
    "/match",
    response={200: MatchAnswer, 400: Problems, 422: Problems},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {
                "type": "object",
                "description": "The applicant's profile (spec §2); every field optional.",
                "properties": {
                    "country": {"type": "string"}, "region": {"type": "string"},
                    "municipality": {
                        "type": "string",
                        "description": "The name or official number of one of Slovenia's "
                                       "212 municipalities (Litija, 060); sets region unless "
                                       "region is given. An unknown one is refused (400).",
                    },
                    "entity_type": {"type": "string"},
                    "social_enterprise_status": {"type": "boolean"},
                    "employees": {"type": ["number", "string"]},
                    "founded_on": {"type": "string", "format": "date"},
                    "age_months": {"type": "integer"},
                    "target_groups": {"type": "array", "items": {"type": "string"}},
                    "amount": {"type": ["number", "string"]}, "purpose": {"type": "string"},
                    "credit_rating": {
                        "type": "string",
                        "description": "AJPES's S.BON-1 / eS.BON rating, SB1 (best) to SB10.",
                    },
                    "sector": {"type": "string"},
                    "tax_debts": {
                        "type": "boolean",
                        "description": "True: unpaid taxes or a blocked bank account.",
                    },
                    "de_minimis_received": {
                        "type": ["number", "string"],
                        "description": "EUR of de minimis aid received in the last three "
                                       "years.",
                    },
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
        # A municipality Slovenia does not have, or a combination the law rules out (a sole
        # trader with the social-enterprise status), is a wrong request (400); a value of the
        # wrong shape is 422, as before.
        status = 400 if any(isinstance(p, core.Refusal) for p in problems) else 422
        return Status(status, Problems(detail="; ".join(problems),
                                       problems=[str(p) for p in problems]))
    services.usage_record(
        result_groups={g: [e["mechanism"] for e in answer[g]] for g in matching.GROUPS},
        failed_criteria=[e["failed"]["criterion"] for e in answer["near_misses"]], day=today,
        # The profile again (parsing is cheap and pure) for the policy signals' counts.
        profile=core.parse_profile(data, today=today)[0],
    )
    return answer
