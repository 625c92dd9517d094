"""Exports of a person's own check-ins: CSV, and FHIR R4 QuestionnaireResponse / Questionnaire.

FHIR resources are built as plain dicts and validated with ``fhir.resources`` (its R4B models:
Questionnaire and QuestionnaireResponse are unchanged between R4 and R4B).
"""

from __future__ import annotations

import io
import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse

from empathic.core.csv_safety import SafeWriter
from empathic.wellbeing.scoring import Instrument, load_instrument

if TYPE_CHECKING:
    from collections.abc import Iterable

    from empathic.wellbeing.models import CheckIn

CSV_COLUMNS = (
    "check_in_id",
    "taken_at",
    "instrument",
    "instrument_version",
    "kind",
    "code",
    "text",
    "value",
    "label",
)


def checkins_csv(checkins: Iterable[CheckIn]) -> str:
    """One row per answer and one per scale score ("long" format, one file for every instrument)."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    writer.writerow(CSV_COLUMNS)
    for checkin in checkins:
        instrument = load_instrument(checkin.instrument)
        base = [
            checkin.pk,
            checkin.taken_at.isoformat(),
            instrument.code,
            checkin.instrument_version,
        ]
        for item in instrument.items:
            code = checkin.answers.get(item.id, "")
            label = item.option(code).label if code else ""
            writer.writerow([*base, "answer", item.id, item.text, code, label])
        for subscale in instrument.subscales:
            entry = checkin.scores.get(subscale.code, {})
            writer.writerow(
                [
                    *base,
                    "score",
                    subscale.code,
                    subscale.name,
                    entry.get("value"),
                    entry.get("band"),
                ]
            )
    return buffer.getvalue()


def questionnaire_url(instrument: Instrument) -> str:
    return settings.SITE_URL + reverse("wellbeing:questionnaire", args=[instrument.code])


def _option_system(instrument: Instrument) -> str:
    return f"{questionnaire_url(instrument)}#options"


def questionnaire(instrument: Instrument) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {
            "linkId": item.id,
            "prefix": f"{number}.",
            "text": item.text,
            "type": "choice",
            "required": True,
            "answerOption": [
                {
                    "valueCoding": {
                        "system": _option_system(instrument),
                        "code": option.code,
                        "display": option.label,
                    }
                }
                for option in item.options
            ],
        }
        for number, item in enumerate(instrument.items, start=1)
    ]
    items.append(
        {
            "linkId": "scores",
            "text": "Scale scores",
            "type": "group",
            "readOnly": True,
            "item": [
                {"linkId": f"score-{s.code}", "text": s.name, "type": "decimal", "readOnly": True}
                for s in instrument.subscales
            ],
        }
    )
    return {
        "resourceType": "Questionnaire",
        "id": instrument.code,
        "url": questionnaire_url(instrument),
        "version": instrument.version,
        "name": "".join(ch for ch in instrument.name.title() if ch.isalnum()),
        "title": instrument.title,
        "status": "active",
        "description": instrument.instructions,
        "copyright": instrument.attribution + " " + instrument.attribution_url,
        "item": items,
    }


def questionnaire_response(checkin: CheckIn) -> dict[str, Any]:
    instrument = load_instrument(checkin.instrument)
    items: list[dict[str, Any]] = []
    for item in instrument.items:
        option = item.option(checkin.answers[item.id])
        items.append(
            {
                "linkId": item.id,
                "text": item.text,
                "answer": [
                    {
                        "valueCoding": {
                            "system": _option_system(instrument),
                            "code": option.code,
                            "display": option.label,
                        }
                    }
                ],
            }
        )
    items.append(
        {
            "linkId": "scores",
            "text": "Scale scores",
            "item": [
                {
                    "linkId": f"score-{s.code}",
                    "text": s.name,
                    "answer": [{"valueDecimal": checkin.scores[s.code]["value"]}],
                }
                for s in instrument.subscales
            ],
        }
    )
    return {
        "resourceType": "QuestionnaireResponse",
        "id": f"wellbeing-check-in-{checkin.pk}",
        "questionnaire": f"{questionnaire_url(instrument)}|{checkin.instrument_version}",
        "status": "completed",
        "authored": checkin.taken_at.isoformat(),
        "author": {"display": checkin.user.full_name or checkin.user.email},
        "item": items,
    }


def validate(resource: dict[str, Any]) -> dict[str, Any]:
    """Raise if ``resource`` is not valid FHIR (R4B models); return it unchanged."""
    # fhir.resources (pydantic models, ~170 ms): loaded by an export, not at every start.
    from fhir.resources.R4B import get_fhir_model_class  # noqa: PLC0415

    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return resource


def _response_url(checkin: CheckIn) -> str:
    return f"{settings.SITE_URL}/wellbeing/check-ins/{checkin.pk}"


def responses_bundle(checkins: Iterable[CheckIn]) -> dict[str, Any]:
    checkins = list(checkins)
    codes = sorted({c.instrument for c in checkins})
    entries = [
        {"fullUrl": questionnaire_url(instrument), "resource": questionnaire(instrument)}
        for instrument in (load_instrument(code) for code in codes)
    ]
    entries += [
        {
            "fullUrl": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, _response_url(c))}",
            "resource": questionnaire_response(c),
        }
        for c in checkins
    ]
    return validate({"resourceType": "Bundle", "type": "collection", "entry": entries})
