"""Differencing attacks on the aggregates, written as an attacker would try them.

The attacker sees, for a month, every group the selectors show (mean and respondent count per
scale, and counts per band), knows every group's members, and may know their own answers. Means
times counts are sums and band counts add up, so any combination of shown groups (differences,
unions, intersections by inclusion-exclusion) can be computed from what is shown.
"""

from __future__ import annotations

import itertools
import random
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from empathic.accounts import actions as account_actions
from empathic.accounts.models import Organisation, Role, Team, User
from empathic.wellbeing import selectors
from empathic.wellbeing.selectors import (
    ORG_KEY,
    MonthAggregate,
    atom_sizes,
    publishable_groups,
    team_key,
)
from empathic.wellbeing.tests.helpers import PASSWORD, check_in, last_month, uniform_answers

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Set

K = 5
CBI_SCALES = ("personal", "work", "client")


# --- The attacker's tools -----------------------------------------------------------------------
def leaky_combinations(
    groups: Mapping[str, Set[int]], k: int, coefficients: range = range(-2, 3)
) -> list[tuple[dict[str, int], set[int]]]:
    """Every integer combination of the groups (coefficients in ``coefficients``) that puts one
    weight on between 1 and k-1 people. Such a combination reveals the sum over those few
    (signed band counts do not cancel between weights: "+1 moderate, -1 high" names two people's
    bands), so each is an attack."""
    keys = sorted(groups)
    people = set().union(*groups.values()) if groups else set()
    found = []
    for coeffs in itertools.product(coefficients, repeat=len(keys)):
        if not any(coeffs):
            continue
        by_weight: dict[int, set[int]] = {}
        for person in people:
            weight = sum(c for c, key in zip(coeffs, keys, strict=True) if person in groups[key])
            if weight:
                by_weight.setdefault(weight, set()).add(person)
        found += [
            (dict(zip(keys, coeffs, strict=True)), few)
            for few in by_weight.values()
            if len(few) < k
        ]
    return found


def pairwise_publishable(groups: Mapping[str, Set[int]], k: int) -> set[str]:
    """The old rule, kept here to show the attacks below do work against it: pairs only."""

    def safe(a: Set[int], b: Set[int]) -> bool:
        return all(len(part) == 0 or len(part) >= k for part in (a - b, b - a))

    order = sorted(groups, key=lambda key: (key != ORG_KEY, -len(groups[key]), key))
    accepted: dict[str, Set[int]] = {}
    for key in order:
        if len(groups[key]) >= k and all(safe(groups[key], o) for o in accepted.values()):
            accepted[key] = groups[key]
    return set(accepted)


def _shown(
    groups: Mapping[str, Set[int]], rule: Callable[[Mapping[str, Set[int]], int], set[str]]
) -> dict[str, Set[int]]:
    return {key: groups[key] for key in rule(groups, K)}


# --- The set algebra, without a database --------------------------------------------------------
# 0..4 only in A, 5..9 only in B, 10 in both, 11 in neither: the probe's 12 + 6 + 6.
OVERLAP = {ORG_KEY: set(range(12)), "team:a": {*range(5), 10}, "team:b": {*range(5, 11)}}
# Three disjoint teams of five leave one person of sixteen in none: org - A - B - C is them.
THREE_WAY = {
    ORG_KEY: set(range(16)),
    "team:a": set(range(5)),
    "team:b": set(range(5, 10)),
    "team:c": set(range(10, 15)),
}
# A and B of eight overlap in three: every pairwise difference is at least five, but A + B -
# (org - the two outside both) is the three in both.
SMALL_INTERSECTION = {ORG_KEY: set(range(15)), "team:a": set(range(8)), "team:b": set(range(5, 13))}
SCENARIOS = {"overlap_12_6_6": OVERLAP, "three_way": THREE_WAY, "small_a_and_b": SMALL_INTERSECTION}


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_old_pairwise_rule_leaks_in_each_scenario(name):
    # The scenarios are real attacks: under pairwise checks some combination isolates < k.
    assert leaky_combinations(_shown(SCENARIOS[name], pairwise_publishable), K)


@pytest.mark.parametrize("name", SCENARIOS)
def test_no_combination_of_shown_groups_isolates_fewer_than_k(name):
    shown = _shown(SCENARIOS[name], publishable_groups)
    assert ORG_KEY in shown
    assert leaky_combinations(shown, K) == []
    assert all(size >= K for size in atom_sizes(shown).values())


def test_what_each_scenario_still_shows():
    assert publishable_groups(OVERLAP, K) == {ORG_KEY, "team:a"}
    assert publishable_groups(THREE_WAY, K) == {ORG_KEY, "team:a", "team:b"}
    assert publishable_groups(SMALL_INTERSECTION, K) == {ORG_KEY, "team:a"}


def test_random_group_sets_never_leave_a_small_atom():
    rng = random.Random(20261125)
    for _trial in range(300):
        people = list(range(rng.randint(5, 30)))
        groups = {ORG_KEY: set(people)}
        for team in range(rng.randint(1, 4)):
            groups[f"team:{team}"] = {p for p in people if rng.random() < rng.uniform(0.2, 0.8)}
        shown = _shown(groups, publishable_groups)
        assert all(size >= K for size in atom_sizes(shown).values()), groups
        assert leaky_combinations(shown, K, range(-1, 2)) == [], groups


# --- The probe's reproduction, through the actions and the selectors -----------------------------
def _member(organisation: Organisation, admin: User, email: str, teams: list[Team]) -> User:
    return account_actions.add_member(
        organisation=organisation,
        email=email,
        full_name=email.split("@")[0],
        password=PASSWORD,
        role=Role.PRACTITIONER,
        teams=teams,
        acting_user=admin,
    ).user


@pytest.fixture
def overlap_world(organisation, org_admin):
    """Team A and team B of six share Xavi; the admin (in no team) checked in too: 12 in all.

    Everyone else answers "Sometimes" (50, moderate); Xavi answers "Always" (high).
    """
    team_a = account_actions.create_team(organisation=organisation, name="A", acting_user=org_admin)
    team_b = account_actions.create_team(organisation=organisation, name="B", acting_user=org_admin)
    xavi = _member(organisation, org_admin, "xavi@riverside.test", [team_a, team_b])
    people = [_member(organisation, org_admin, f"a{n}@riverside.test", [team_a]) for n in range(5)]
    people += [_member(organisation, org_admin, f"b{n}@riverside.test", [team_b]) for n in range(5)]
    for person in [*people, org_admin]:
        check_in(person, "cbi", uniform_answers("cbi", 2), taken_at=last_month())
    xavi_check_in = check_in(xavi, "cbi", uniform_answers("cbi", 0), taken_at=last_month())
    return {
        "team_a": team_a,
        "team_b": team_b,
        "xavi_scores": xavi_check_in.scores,
        # The attacker knows their own answers.
        "admin_scores": selectors.checkins_of(org_admin, "cbi").first().scores,
    }


def _last_month_of(organisation: Organisation, group: str) -> MonthAggregate | None:
    month = selectors.group_report(organisation, group, "cbi").months[-1]
    return month if month.shown else None


def _sums(month: MonthAggregate) -> dict[str, tuple[float, dict[str, int]]]:
    """What is shown, turned back into sums: mean x respondents, and band counts."""
    return {
        scale.code: (scale.mean * month.respondents, {b.band: b.count for b in scale.bands})
        for scale in month.subscales
    }


def _attack(organisation: Organisation, world: dict) -> dict[str, tuple[float, str]] | None:
    """Xavi = admin - (org - A - B): what the admin learns, or None when a group is withheld."""
    months = [
        _last_month_of(organisation, group)
        for group in (ORG_KEY, team_key(world["team_a"]), team_key(world["team_b"]))
    ]
    if any(month is None for month in months):
        return None
    org, a, b = (_sums(month) for month in months)
    recovered = {}
    for code in CBI_SCALES:
        own = world["admin_scores"][code]
        value = own["value"] - (org[code][0] - a[code][0] - b[code][0])
        bands = {
            band: (1 if band == own["band"] else 0) - (org[code][1][band] - n - b[code][1][band])
            for band, n in a[code][1].items()
        }
        (band,) = [band for band, count in bands.items() if count == 1]
        recovered[code] = (value, band)
    return recovered


def test_the_probes_attack_works_against_pairwise_checks(organisation, overlap_world, monkeypatch):
    # Against the old rule the admin gets Xavi's band on every scale and the score within a point.
    monkeypatch.setattr(selectors, "publishable_groups", pairwise_publishable)
    recovered = _attack(organisation, overlap_world)
    assert recovered is not None
    for code in CBI_SCALES:
        value, band = recovered[code]
        assert band == overlap_world["xavi_scores"][code]["band"] == "high"
        assert abs(value - overlap_world["xavi_scores"][code]["value"]) <= 1.0


def test_the_probes_attack_fails(organisation, overlap_world):
    assert _attack(organisation, overlap_world) is None
    shown = {
        group
        for group in (ORG_KEY, team_key(overlap_world["team_a"]), team_key(overlap_world["team_b"]))
        if _last_month_of(organisation, group)
    }
    assert len(shown) == 2 and ORG_KEY in shown  # the organisation and one team of the two
    # And nothing else to combine: the shown groups' atoms (6 and 6) are all big enough.
    groups = selectors._groups(selectors._month_respondents(organisation, "cbi", last_month()))
    assert leaky_combinations({key: groups[key] for key in shown}, K) == []


def test_three_teams_cannot_be_subtracted_down_to_the_one_left_over(organisation, org_admin):
    teams = [
        account_actions.create_team(organisation=organisation, name=name, acting_user=org_admin)
        for name in ("A", "B", "C")
    ]
    for index, team in enumerate(teams):
        for n in range(5):
            person = _member(organisation, org_admin, f"t{index}-{n}@riverside.test", [team])
            check_in(person, "cbi", uniform_answers("cbi", 2), taken_at=last_month())
    loner = _member(organisation, org_admin, "loner@riverside.test", [])
    check_in(loner, "cbi", uniform_answers("cbi", 0), taken_at=last_month())
    shown = [
        month
        for month in (_last_month_of(organisation, team_key(team)) for team in teams)
        if month is not None
    ]
    org = _last_month_of(organisation, ORG_KEY)
    assert org is not None and org.respondents == 16
    # org - A - B - C would be the loner: at most two of the three teams may be shown.
    assert len(shown) == 2
    assert org.respondents - sum(month.respondents for month in shown) >= K


# --- Deleting a team ----------------------------------------------------------------------------
def _snapshot(organisation: Organisation, groups: list[str]) -> dict[str, MonthAggregate]:
    return {
        group: selectors.group_report(organisation, group, "cbi").months[-1] for group in groups
    }


@pytest.mark.parametrize("deleted", ["shown", "withheld"])
def test_deleting_a_team_changes_no_past_month(
    organisation, org_admin, overlap_world, client_for, deleted
):
    team_a, team_b = overlap_world["team_a"], overlap_world["team_b"]
    keys = [ORG_KEY, team_key(team_a), team_key(team_b)]
    before = _snapshot(organisation, keys)
    shown_team = team_a if before[team_key(team_a)].shown else team_b
    other = team_b if shown_team is team_a else team_a
    victim = shown_team if deleted == "shown" else other
    remaining = other if victim is shown_team else shown_team
    assert before[team_key(shown_team)].shown and not before[team_key(other)].shown

    victim_id = victim.pk  # Django clears the pk of a deleted instance
    account_actions.delete_team(team=victim, acting_user=org_admin)

    after = _snapshot(organisation, keys)
    # Everything still shown is exactly as it was, and the other team stays withheld: the
    # deleted team's members still count as a group in the decision.
    assert after[ORG_KEY] == before[ORG_KEY]
    assert after[team_key(remaining)] == before[team_key(remaining)]
    # Nobody can ask for the deleted team any more.
    response = client_for(org_admin).get(reverse("wellbeing:team_report", args=[victim_id]))
    assert response.status_code == 404


# --- A withheld month says nothing ---------------------------------------------------------------
def test_a_withheld_month_does_not_tell_whether_anyone_responded(
    organisation, crisis_team, org_admin, supervisor, practitioner, client_for
):
    """Two months ago five of the Crisis Line responded (shown); last month one did, or none.
    The team page must read the same either way, or it says that a colleague checked in."""
    people = [supervisor, practitioner]
    people += [
        _member(organisation, org_admin, f"c{n}@riverside.test", [crisis_team]) for n in range(3)
    ]
    earlier = (last_month().replace(day=1) - timedelta(days=1)).replace(day=10)
    for person in people:
        check_in(person, "cbi", uniform_answers("cbi", 2), taken_at=earlier)
    url = reverse("wellbeing:team_report", args=[crisis_team.pk])

    def cbi_section() -> str:
        html = client_for(org_admin).get(url).content.decode()
        return html.split('id="grp-cbi-h"', 1)[1].split("</section>", 1)[0]

    quiet = cbi_section()
    assert "5 people responded" in quiet
    check_in(people[0], "cbi", uniform_answers("cbi", 0), taken_at=last_month())
    report = selectors.group_report(organisation, team_key(crisis_team), "cbi")
    assert report.months[-1] == MonthAggregate(report.months[-1].month, False, False, None)
    assert report.latest is not None and report.latest.month == earlier.date().replace(day=1)
    assert cbi_section() == quiet
