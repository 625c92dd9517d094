"""The shipped scenario library and the graph rules every scenario obeys."""

from __future__ import annotations

from collections import Counter

import pytest

from empathic.practice.branching import NodeData, main_path, validate_graph
from empathic.practice.library import load_library, nodes_of, sync_library
from empathic.practice.models import Population, Scenario


def test_library_has_forty_valid_scenarios_across_every_population():
    library = load_library()
    assert len(library) >= 40
    counts = Counter(entry["population"] for entry in library)
    assert set(counts) == set(Population.values)
    assert min(counts.values()) >= 3


@pytest.mark.parametrize("entry", load_library(), ids=lambda e: e["slug"])
def test_each_scenario_has_a_multi_turn_main_path_and_guarded_and_escalated_branches(entry):
    nodes = nodes_of(entry)
    path = main_path(entry["start"], nodes, "exploring")
    assert len(path) - 1 >= 3, "at least three client turns to answer on the main path"
    assert nodes[[n.key for n in nodes].index(path[-1])].is_end
    dismissive = main_path(entry["start"], nodes, "dismissive")
    moods = {n.key: n.mood for n in nodes}
    assert {"guarded", "escalated"} <= {moods[k] for k in dismissive}
    assert len({n.client_text for n in nodes}) == len(nodes), "no repeated client line"
    assert all(entry[f].strip() for f in ("setting", "background", "client_name"))
    assert entry["learning_goals"]


def test_sync_loads_the_library_once_and_keeps_ids(db):
    scenarios = Scenario.objects.filter(organisation=None)
    assert scenarios.count() == len(load_library())
    before = dict(scenarios.values_list("slug", "pk"))
    assert sync_library() == 0  # unchanged content is left alone
    scenario = scenarios.get(slug="asylum-interview-fear")
    Scenario.objects.filter(pk=scenario.pk).update(content_hash="stale", title="Edited")
    assert sync_library() == 1
    scenario.refresh_from_db()
    assert scenario.title == "Afraid of the asylum interview"
    assert dict(scenarios.values_list("slug", "pk")) == before
    assert scenario.nodes.count() == 7


def _n(key, end=False, **branches):
    return NodeData(key, f"text of {key}", "open", end, branches)


def test_a_sound_graph_has_no_errors():
    assert (
        validate_graph(
            "a", [_n("a", default="b", dismissive="c"), _n("b", end=True), _n("c", default="b")]
        )
        == []
    )


@pytest.mark.parametrize(
    ("start", "nodes", "expected"),
    [
        ("a", [], "at least one client turn"),
        ("z", [_n("a", end=True)], "does not exist"),
        ("a", [_n("a", exploring="b"), _n("b", end=True)], "has no next step"),
        ("a", [_n("a", default="nowhere")], "which does not exist"),
        ("a", [_n("a", end=True), _n("b", end=True)], "can never be reached"),
        ("a", [_n("a", default="b"), _n("b", default="a")], "No client turn ends"),
        (
            "a",
            [_n("a", default="b", dismissive="c"), _n("b", end=True), _n("c", default="c")],
            "can never end",
        ),
        ("a", [_n("a", end=True, default="a")], "also has next steps"),
        ("a", [_n("a", default="b", shouting="b"), _n("b", end=True)], "unknown answer kinds"),
        ("a", [_n("A b", end=True)], "not a valid key"),
    ],
)
def test_graph_errors_name_the_problem(start, nodes, expected):
    errors = validate_graph(start, nodes)
    assert any(expected in e for e in errors), errors
