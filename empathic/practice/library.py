"""The scenario library shipped with the package: JSON files validated and synced into the DB.

Format (``empathic-scenarios/1``)::

    {"format": "empathic-scenarios/1", "scenarios": [{
        "slug", "title", "population", "difficulty" (1-3), "client_name", "setting",
        "background", "learning_goals": [str], "start": node key,
        "nodes": [{"key", "mood", "client_text", "end": bool, "branches": {kind: key}}]}]}

``sync_library()`` runs after every ``migrate`` (and test-database flush): a scenario whose
content hash is unchanged is left alone; a changed one is updated in place, keeping its id so
past sessions and assignments still point at it.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from empathic.practice.branching import NodeData, validate_graph
from empathic.practice.models import Difficulty, Mood, Population, Scenario, ScenarioNode

LIBRARY_DIR = Path(__file__).resolve().parent / "scenarios"
FORMAT = "empathic-scenarios/1"
FIELDS = ("slug", "title", "population", "difficulty", "client_name", "setting", "background")


class LibraryError(ValueError):
    pass


def nodes_of(data: dict[str, Any]) -> list[NodeData]:
    return [
        NodeData(
            key=n["key"],
            client_text=n["client_text"],
            mood=n["mood"],
            is_end=bool(n.get("end")),
            branches=n.get("branches") or {},
        )
        for n in data["nodes"]
    ]


def validate_entry(data: dict[str, Any]) -> list[str]:
    errors = [f"missing field {name!r}" for name in (*FIELDS, "start", "nodes") if name not in data]
    if errors:
        return errors
    if data["population"] not in Population.values:
        errors.append(f"unknown population {data['population']!r}")
    if data["difficulty"] not in Difficulty.values:
        errors.append(f"difficulty must be one of {Difficulty.values}")
    if not data.get("learning_goals"):
        errors.append("at least one learning goal")
    return errors + validate_graph(data["start"], nodes_of(data), Mood.values)


@cache
def load_library() -> tuple[dict[str, Any], ...]:
    """Every library scenario, validated; raises LibraryError naming the file and problem."""
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in sorted(LIBRARY_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            raise LibraryError(f"{path.name}: format must be {FORMAT!r}")
        for entry in document["scenarios"]:
            problems = validate_entry(entry)
            if entry.get("slug") in seen:
                problems.append("duplicate slug")
            if problems:
                raise LibraryError(f"{path.name}: {entry.get('slug')}: {'; '.join(problems)}")
            seen.add(entry["slug"])
            entries.append(entry)
    return tuple(entries)


def _hash(entry: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(entry, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def sync_library() -> int:
    """Create or update library scenarios from the JSON files; returns how many changed."""
    existing = {s.slug: s for s in Scenario.objects.filter(organisation=None)}
    changed = 0
    for entry in load_library():
        digest = _hash(entry)
        scenario = existing.get(entry["slug"])
        if scenario is not None and scenario.content_hash == digest:
            continue
        scenario = scenario or Scenario(organisation=None, slug=entry["slug"])
        for name in FIELDS:
            setattr(scenario, name, entry[name])
        scenario.learning_goals = "\n".join(entry["learning_goals"])
        scenario.start_node = entry["start"]
        scenario.is_published = True
        scenario.content_hash = digest
        scenario.save()
        scenario.nodes.all().delete()
        ScenarioNode.objects.bulk_create(
            ScenarioNode(
                scenario=scenario,
                key=node["key"],
                client_text=node["client_text"],
                mood=node["mood"],
                is_end=bool(node.get("end")),
                branches=node.get("branches") or {},
                position=position,
            )
            for position, node in enumerate(entry["nodes"])
        )
        changed += 1
    return changed
