"""Reads. Personal reads take the person themselves; group reads return aggregates only.

How the aggregates protect individuals
--------------------------------------
* Periods are fixed calendar months, and only *completed* months are shown: an aggregate never
  changes after someone looks at it, so watching it before and after a colleague checks in
  reveals nothing. Nobody can choose a date range, so ranges cannot be slid to isolate a person.
* Each person counts once per month (their latest check-in that month).
* A group (the organisation, or a team) is shown for a month only when at least
  ``WELLBEING_MIN_GROUP_SIZE`` distinct people responded.
* Differencing: for every pair of groups shown for the same month and instrument, the people in
  one but not the other must be none or at least the minimum size; otherwise the smaller group
  is withheld (the organisation is considered first, then teams from largest). This stops
  "organisation minus team" or "team A minus team B" from isolating fewer people than the
  threshold. The decision is made over all groups of the organisation, whoever is looking.
* Team membership is the snapshot taken at check-in, and deactivating a member does not remove
  their past check-ins, so moving or deactivating someone cannot be used to subtract them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from empathic.accounts.models import Organisation, Team, User
from empathic.wellbeing.models import CheckIn, ReminderSetting, ResiliencePlan
from empathic.wellbeing.scoring import all_instruments, load_instrument

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
def min_group_size() -> int:
    return max(5, int(getattr(settings, "WELLBEING_MIN_GROUP_SIZE", 5)))


def team_key(team: Team) -> str:
    return f"team:{team.pk}"


def _month_respondents(
    organisation: Organisation, instrument: str, month: date
) -> dict[int, CheckIn]:
    start, end = _bounds(month)
    checkins = (
        CheckIn.objects.filter(
            organisation=organisation, instrument=instrument, taken_at__gte=start, taken_at__lt=end
        )
        .prefetch_related("teams")
        .order_by("taken_at", "pk")
    )
    return {checkin.user_id: checkin for checkin in checkins}  # the latest per person wins


def _groups(respondents: dict[int, CheckIn]) -> dict[str, set[int]]:
    groups: dict[str, set[int]] = defaultdict(set)
    groups[ORG_KEY] = set(respondents)
    for user_id, checkin in respondents.items():
        for team in checkin.teams.all():
            groups[team_key(team)].add(user_id)
    return dict(groups)


def _difference_is_safe(a: set[int], b: set[int], k: int) -> bool:
    return all(len(part) == 0 or len(part) >= k for part in (a - b, b - a))


def publishable_groups(groups: dict[str, set[int]], k: int) -> set[str]:
    """Groups that may be shown: big enough, and not differenceable against each other."""
    order = sorted(groups, key=lambda key: (key != ORG_KEY, -len(groups[key]), key))
    accepted: dict[str, set[int]] = {}
    for key in order:
        members = groups[key]
        if len(members) < k:
            continue
        if all(_difference_is_safe(members, other, k) for other in accepted.values()):
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
        """The most recent completed month in which anyone responded."""
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
            months.append(MonthAggregate(month, bool(members), False, None))
    return GroupReport(instrument, tuple(months))
