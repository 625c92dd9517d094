"""Team and organisation aggregates: the minimum group size and differencing protection."""

from __future__ import annotations

import pytest
from django.urls import reverse

from empathic.accounts import actions as account_actions
from empathic.wellbeing import selectors
from empathic.wellbeing.selectors import ORG_KEY, publishable_groups
from empathic.wellbeing.tests.helpers import add_people, check_in, last_month, uniform_answers

NOT_ENOUGH = "Not enough responses to show without identifying people."


def _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, count):
    """``count`` distinct people of the Crisis Line answer the CBI last month (all 'Sometimes')."""
    people = [supervisor, practitioner]
    people += add_people(organisation, crisis_team, max(0, count - 2), org_admin)
    for person in people[:count]:
        check_in(person, "cbi", uniform_answers("cbi", 2), taken_at=last_month())
    return people[:count]


def _team_page(client_for, user, team):
    return client_for(user).get(reverse("wellbeing:team_report", args=[team.pk])).content.decode()


def _org_page(client_for, user):
    return client_for(user).get(reverse("wellbeing:organisation_report")).content.decode()


def _cbi_section(html):
    return html.split('id="grp-cbi-h"', 1)[1].split("</section>", 1)[0]


def test_four_respondents_are_not_shown(
    organisation, crisis_team, org_admin, supervisor, practitioner, client_for
):
    _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, 4)
    for html in (_team_page(client_for, supervisor, crisis_team), _org_page(client_for, org_admin)):
        cbi = _cbi_section(html)
        assert NOT_ENOUGH in cbi
        assert "50 of 100" not in cbi
        assert "people responded" not in cbi


def test_five_respondents_are_shown(
    organisation, crisis_team, org_admin, supervisor, practitioner, client_for
):
    _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, 5)
    for html in (
        _team_page(client_for, supervisor, crisis_team),
        _team_page(client_for, org_admin, crisis_team),
        _org_page(client_for, org_admin),
    ):
        cbi = _cbi_section(html)
        assert NOT_ENOUGH not in cbi
        assert "5 people responded" in cbi
        # Every answer "Sometimes" = 50 on every scale, so every average is 50.
        assert "50 of 100" in cbi
        assert "5 (100%)" in cbi  # all five in the moderate range (50 to below 75)
        assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"' in cbi
    # The ProQOL had no responses at all.
    assert NOT_ENOUGH in _team_page(client_for, supervisor, crisis_team).split('id="grp-cbi-h"')[0]


def test_the_current_month_is_never_shown(
    organisation, crisis_team, org_admin, supervisor, practitioner, client_for
):
    people = [supervisor, practitioner, *add_people(organisation, crisis_team, 4, org_admin)]
    for person in people:
        check_in(person, "cbi")  # now: the month is still open
    assert NOT_ENOUGH in _cbi_section(_team_page(client_for, supervisor, crisis_team))


def test_each_person_counts_once_a_month(
    organisation, crisis_team, org_admin, supervisor, practitioner, client_for
):
    people = _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, 4)
    check_in(people[0], "cbi", taken_at=last_month(day=20))
    assert NOT_ENOUGH in _cbi_section(_team_page(client_for, supervisor, crisis_team))


def test_latest_check_in_of_the_month_is_the_one_counted(
    organisation, crisis_team, org_admin, supervisor, practitioner
):
    people = _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, 5)
    # One person answers again later in the month with every answer "Always" (100).
    check_in(people[0], "cbi", uniform_answers("cbi", 0), taken_at=last_month(day=25))
    report = selectors.group_report(organisation, ORG_KEY, "cbi")
    latest = report.latest
    assert latest.respondents == 5
    # personal: (4 x 50 + 100) / 5 = 60
    assert latest.subscales[0].mean == 60.0


def test_organisation_minus_team_cannot_isolate_a_person(
    organisation, crisis_team, org_admin, supervisor, practitioner, other_practitioner, client_for
):
    _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, 5)
    # One more person, outside the Crisis Line: organisation (6) minus team (5) would be them.
    check_in(other_practitioner, "cbi", uniform_answers("cbi", 0), taken_at=last_month())
    assert "6 people responded" in _cbi_section(_org_page(client_for, org_admin))
    assert NOT_ENOUGH in _cbi_section(_team_page(client_for, org_admin, crisis_team))
    # The supervisor cannot see the organisation, but the decision is the same for everyone.
    assert NOT_ENOUGH in _cbi_section(_team_page(client_for, supervisor, crisis_team))


def test_team_is_shown_when_the_rest_are_also_enough(
    organisation, crisis_team, outreach_team, org_admin, supervisor, practitioner, client_for
):
    _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, 5)
    for person in add_people(organisation, outreach_team, 5, org_admin, prefix="o"):
        check_in(person, "cbi", uniform_answers("cbi", 0), taken_at=last_month())
    assert "10 people responded" in _cbi_section(_org_page(client_for, org_admin))
    assert "5 people responded" in _cbi_section(_team_page(client_for, supervisor, crisis_team))


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ({ORG_KEY: set(range(4))}, set()),
        ({ORG_KEY: set(range(5))}, {ORG_KEY}),
        # Team A equals the organisation: no difference at all.
        ({ORG_KEY: set(range(5)), "team:1": set(range(5))}, {ORG_KEY, "team:1"}),
        # Organisation minus team leaves one person.
        ({ORG_KEY: set(range(6)), "team:1": set(range(5))}, {ORG_KEY}),
        # Overlapping teams: A minus B is one person, so the smaller B is withheld.
        (
            {ORG_KEY: set(range(12)), "team:1": set(range(6)), "team:2": set(range(5))},
            {ORG_KEY, "team:1"},
        ),
        # Disjoint teams of five or more and an organisation of their union.
        (
            {ORG_KEY: set(range(10)), "team:1": set(range(5)), "team:2": set(range(5, 10))},
            {ORG_KEY, "team:1", "team:2"},
        ),
        # A difference of two is still too few.
        ({ORG_KEY: set(range(7)), "team:1": set(range(5))}, {ORG_KEY}),
    ],
)
def test_publishable_groups(groups, expected):
    assert publishable_groups(groups, 5) == expected


def test_minimum_cannot_go_below_five(settings):
    settings.WELLBEING_MIN_GROUP_SIZE = 2
    assert selectors.min_group_size() == 5
    settings.WELLBEING_MIN_GROUP_SIZE = 8
    assert selectors.min_group_size() == 8


def test_settings_floor_reads_the_environment(monkeypatch):
    import importlib

    import empathic.settings as settings_module

    monkeypatch.setenv("EMPATHIC_SECRET_KEY", "test-only")  # reloading must not write var/
    monkeypatch.setenv("EMPATHIC_WELLBEING_MIN_GROUP_SIZE", "2")
    assert importlib.reload(settings_module).WELLBEING_MIN_GROUP_SIZE == 5
    monkeypatch.setenv("EMPATHIC_WELLBEING_MIN_GROUP_SIZE", "7")
    assert importlib.reload(settings_module).WELLBEING_MIN_GROUP_SIZE == 7
    monkeypatch.delenv("EMPATHIC_WELLBEING_MIN_GROUP_SIZE")
    importlib.reload(settings_module)


def test_a_higher_minimum_applies(
    organisation, crisis_team, org_admin, supervisor, practitioner, client_for, settings
):
    settings.WELLBEING_MIN_GROUP_SIZE = 6
    _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, 5)
    assert NOT_ENOUGH in _cbi_section(_team_page(client_for, supervisor, crisis_team))


def test_moving_or_deactivating_someone_does_not_change_past_months(
    organisation, crisis_team, outreach_team, org_admin, supervisor, practitioner, client_for
):
    people = _crisis_respondents(organisation, crisis_team, org_admin, supervisor, practitioner, 5)
    before = _cbi_section(_team_page(client_for, supervisor, crisis_team))
    moved = people[-1]
    account_actions.set_member_teams(
        membership=moved.membership, teams=[outreach_team], acting_user=org_admin
    )
    account_actions.set_member_active(
        membership=people[-2].membership, active=False, acting_user=org_admin
    )
    after = _cbi_section(_team_page(client_for, supervisor, crisis_team))
    assert "5 people responded" in before
    assert after == before
