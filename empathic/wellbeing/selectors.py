"""Reads. Personal reads take the person themselves; group reads return aggregates only.

How the aggregates protect individuals
--------------------------------------
* Periods are fixed calendar months, and only *completed* months are shown: an aggregate never
  changes after someone looks at it, so watching it before and after a colleague checks in
  reveals nothing. Nobody can choose a date range, so ranges cannot be slid to isolate a person.
* Each person counts once per month (their latest check-in that month).
* Combinations: the groups shown for one month and instrument (the organisation and teams) are
  chosen together so that every cell of the partition they induce (an "atom": the people who
  share exactly the same memberships among the shown groups) holds none or at least
  ``WELLBEING_MIN_GROUP_SIZE`` people. Any sum, difference, union or intersection of shown groups
  is made of whole atoms, so none isolates fewer people than the threshold (see
  :func:`publishable_groups`). The decision is made over all groups of the organisation,
  whoever is looking, so it is the same for every viewer.
* Team membership is the snapshot taken at check-in, stored as team ids: moving or deactivating
  someone, or deleting a team, leaves past months' groups (and so what is shown) unchanged.
* A withheld month says nothing about whether anyone responded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from empathic.core.privacy import min_group_size
from empathic.wellbeing.models import CheckIn, ReminderSetting, ResiliencePlan
from empathic.wellbeing.scoring import all_instruments, load_instrument

if TYPE_CHECKING:
    from collections.abc import Mapping, Set

    from django.db.models import QuerySet

    from empathic.accounts.models import Organisation, Team, User

ORG_KEY = "org"
MONTHS_SHOWN = 12


# --- Personal ---------------------------------------------------------------------------------
def checkins_of(user: User, instrument: str | None = None) -> QuerySet[CheckIn]:
    checkins = CheckIn.objects.filter(user=user)
    if instrument:
        checkins = checkins.filter(instrument=instrument)
    return checkins


def latest_by_instrument(user: User) -> dict[str, CheckIn | None]:
    return {
        instrument.code: checkins_of(user, instrument.code).first()
        for instrument in all_instruments()
    }


def plan_of(user: User) -> ResiliencePlan | None:
    return ResiliencePlan.objects.filter(user=user).first()


def reminder_of(user: User) -> ReminderSetting | None:
    return ReminderSetting.objects.filter(user=user).first()


# --- Periods ------------------------------------------------------------------------------------
def month_start(when: date | datetime) -> date:
    return date(when.year, when.month, 1)


def next_month(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1)


def completed_months(now: datetime | None = None, count: int = MONTHS_SHOWN) -> list[date]:
    """The ``count`` calendar months before the current one, oldest first."""
    current = month_start(timezone.localtime(now or timezone.now()))
    months = []
    month = current
    for _i in range(count):
        month = (month - timedelta(days=1)).replace(day=1)
        months.append(month)
    return list(reversed(months))


def _bounds(month: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime(month.year, month.month, 1))
    end_month = next_month(month)
    return start, timezone.make_aware(datetime(end_month.year, end_month.month, 1))


# --- Aggregates ---------------------------------------------------------------------------------
def team_key(team: Team) -> str:
    return team_key_for_id(team.pk)


def team_key_for_id(team_id: int) -> str:
    return f"team:{team_id}"


def _month_respondents(
    organisation: Organisation, instrument: str, month: date
) -> dict[int, CheckIn]:
    start, end = _bounds(month)
    checkins = CheckIn.objects.filter(
        organisation=organisation, instrument=instrument, taken_at__gte=start, taken_at__lt=end
    ).order_by("taken_at", "pk")
    return {checkin.user_id: checkin for checkin in checkins}  # the latest per person wins


def _groups(respondents: dict[int, CheckIn]) -> dict[str, set[int]]:
    """The month's groups from the frozen snapshots, deleted teams included.

    A deleted team is never shown (nobody can ask for it), but it stays in the decision so that
    deleting it cannot make a group publishable that was withheld before, which would let the
    month's aggregates be compared before and after the deletion.
    """
    groups: dict[str, set[int]] = defaultdict(set)
    groups[ORG_KEY] = set(respondents)
    for user_id, checkin in respondents.items():
        for team_id in checkin.team_ids:
            groups[team_key_for_id(team_id)].add(user_id)
    return dict(groups)


def atom_sizes(groups: Mapping[str, Set[int]]) -> Counter[frozenset[str]]:
    """How many people share each membership vector across ``groups``.

    Keys are the set of group keys a person belongs to; people in none of the groups are left
    out (nothing shown covers them).
    """
    memberships: dict[int, set[str]] = defaultdict(set)
    for key, members in groups.items():
        for person in members:
            memberships[person].add(key)
    return Counter(frozenset(keys) for keys in memberships.values())


def publishable_groups(groups: Mapping[str, Set[int]], k: int) -> set[str]:
    """The groups that may be shown together, so that no combination of them singles anyone out.

    Why atoms. Every figure shown is additive over people: a mean times its respondent count is
    a sum of scores, and band counts are sums of 0/1 indicators. So whoever sees several groups
    can add and subtract them: "organisation - team A - team B + (A and B)" by
    inclusion-exclusion, "A - B", "A + B - organisation" and so on. Each such combination is a
    weighted sum of the groups' indicator vectors, and an indicator sum is constant on each
    *atom*: the set of people with exactly the same memberships across the shown groups. So
    combinations can reveal the aggregate of any atom (each atom is itself such a combination),
    but never split one. Requiring every non-empty atom to hold at least ``k`` people is
    therefore sufficient, whatever combination is tried; checking groups two at a time is not
    (organisation 12, A 6, B 6 sharing one person: every pairwise difference is 6 or 0, yet
    org - A - B + (the overlap counted twice) isolates the one in both).

    Greedy and deterministic: the organisation first, then teams from largest (ties by key); a
    group is added only if every atom is still at least ``k`` afterwards. The result depends only
    on the month's frozen groups, so it is the same for every viewer and never changes later.
    """
    order = sorted(groups, key=lambda key: (key != ORG_KEY, -len(groups[key]), key))
    accepted: dict[str, Set[int]] = {}
    for key in order:
        members = groups[key]
        if len(members) < k:
            continue  # cheap early skip: a group is the union of its atoms
        trial = {**accepted, key: members}
        if all(size >= k for size in atom_sizes(trial).values()):
            accepted[key] = members
    return set(accepted)


@dataclass(frozen=True)
class BandCount:
    band: str
    count: int
    percent: int


@dataclass(frozen=True)
class SubscaleAggregate:
    code: str
    mean: float
    bands: tuple[BandCount, ...]


@dataclass(frozen=True)
class MonthAggregate:
    month: date
    # True only for shown months: a withheld month must not tell whether anyone in the group
    # responded (that alone can say that a colleague checked in).
    any_responses: bool
    shown: bool
    respondents: int | None  # only when shown
    subscales: tuple[SubscaleAggregate, ...] = ()


@dataclass(frozen=True)
class GroupReport:
    instrument: str
    months: tuple[MonthAggregate, ...]

    @property
    def latest(self) -> MonthAggregate | None:
        """The most recent completed month that is shown."""
        for month in reversed(self.months):
            if month.any_responses:
                return month
        return None

    @property
    def any_shown(self) -> bool:
        return any(month.shown for month in self.months)


def _summarise(checkins: list[CheckIn], instrument: str) -> tuple[SubscaleAggregate, ...]:
    definition = load_instrument(instrument)
    summaries = []
    for subscale in definition.subscales:
        values = [c.scores[subscale.code]["value"] for c in checkins]
        bands = [c.scores[subscale.code]["band"] for c in checkins]
        counts = tuple(
            BandCount(
                band.code,
                bands.count(band.code),
                round(100 * bands.count(band.code) / len(bands)),
            )
            for band in subscale.bands
        )
        summaries.append(
            SubscaleAggregate(subscale.code, round(sum(values) / len(values), 1), counts)
        )
    return tuple(summaries)


def group_report(
    organisation: Organisation,
    group: str,
    instrument: str,
    *,
    now: datetime | None = None,
) -> GroupReport:
    """Aggregates for one group (``"org"`` or ``"team:<id>"``) over the completed months.

    Callers authorise the viewer for the group first (see ``access.py``).
    """
    k = min_group_size()
    months = []
    for month in completed_months(now):
        respondents = _month_respondents(organisation, instrument, month)
        groups = _groups(respondents)
        members = groups.get(group, set())
        if group in publishable_groups(groups, k):
            checkins = [respondents[user_id] for user_id in members]
            months.append(
                MonthAggregate(month, True, True, len(members), _summarise(checkins, instrument))
            )
        else:
            months.append(MonthAggregate(month, False, False, None))
    return GroupReport(instrument, tuple(months))
