from __future__ import annotations

from empathic.audit.models import AuditEvent
from empathic.demo.seed import seed_demo
from empathic.wellbeing import selectors
from empathic.wellbeing.demo import MONTHS_BACK
from empathic.wellbeing.models import CheckIn, ResiliencePlan
from empathic.wellbeing.selectors import ORG_KEY


def test_demo_seed_gives_people_check_ins_once(db):
    seed_demo()
    count = CheckIn.objects.count()
    # 9 demo people x 5 months x 2 instruments.
    assert count == 9 * MONTHS_BACK * 2
    assert ResiliencePlan.objects.filter(user__email="practitioner@riverside.example").exists()
    seed_demo()
    assert CheckIn.objects.count() == count
    events = AuditEvent.objects.filter(event_type="wellbeing.check_in_completed")
    assert events.count() == count


def test_demo_shows_the_organisation_but_not_the_small_teams(db):
    seed_demo()
    sam = CheckIn.objects.filter(user__email="practitioner@riverside.example").first()
    organisation = sam.organisation
    org_report = selectors.group_report(organisation, ORG_KEY, "proqol5")
    assert org_report.latest.shown and org_report.latest.respondents == 7
    crisis = organisation.teams.get(name="Crisis Line")
    team_report = selectors.group_report(organisation, selectors.team_key(crisis), "proqol5")
    # Withheld in every month; a withheld month no longer says whether anyone responded.
    assert not team_report.any_shown and team_report.latest is None
