"""No path of the platform shows one person's wellbeing scores or plan to anyone else."""

from __future__ import annotations

import itertools

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from empathic.accounts import actions as account_actions
from empathic.journal import actions as journal_actions
from empathic.wellbeing import actions
from empathic.wellbeing.tests.helpers import (
    SECRET_CBI,
    SECRET_SCORE_TEXTS,
    add_people,
    check_in,
    last_month,
)

SECRET_PLAN = "SECRET-PLAN-of-Pat"


def _named_patterns(resolver: URLResolver, namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            child = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, child)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def _converters(pattern: URLPattern) -> dict[str, str]:
    converters = getattr(pattern.pattern, "converters", {})
    return {name: type(conv).__name__ for name, conv in converters.items()}


def _urls(values: dict[str, list[str]], int_ids: list[int]) -> list[str]:
    """Every named URL of the platform, each argument filled with real objects' ids."""
    urls = set()
    for name, pattern in _named_patterns(get_resolver()):
        converters = _converters(pattern)
        choices = []
        for arg, kind in converters.items():
            if arg in values:
                choices.append(values[arg])
            elif kind == "IntConverter":
                choices.append([str(i) for i in int_ids])
            else:
                choices.append(["proqol5", "cbi", "x"])
        for combo in itertools.product(*choices):
            kwargs = dict(zip(converters, combo, strict=True))
            try:
                urls.add(reverse(name, kwargs=kwargs or None))
            except Exception:  # noqa: S112 (a value the route refuses: try the others)
                continue
    return sorted(urls)


@pytest.fixture
def secret_world(
    organisation, crisis_team, org_admin, supervisor, practitioner, other_practitioner
):
    """Pat (the practitioner) has distinctive scores this month and last; others have some too."""
    last = check_in(practitioner, "cbi", SECRET_CBI, taken_at=last_month())
    now = check_in(practitioner, "cbi", SECRET_CBI)
    check_in(practitioner, "proqol5")
    for person in [
        supervisor,
        other_practitioner,
        *add_people(organisation, crisis_team, 2, org_admin),
    ]:
        check_in(person, "cbi", taken_at=last_month())
    actions.save_resilience_plan(
        acting_user=practitioner,
        warning_signs=SECRET_PLAN,
        what_helps=SECRET_PLAN,
        people_to_call="",
        self_care="",
    )
    actions.set_reminder_cadence(cadence="weekly", acting_user=practitioner)
    invitation = account_actions.invite_member(
        organisation=organisation,
        email="new@riverside.test",
        role="practitioner",
        acting_user=org_admin,
    )
    ids = sorted(
        {
            last.pk,
            now.pk,
            crisis_team.pk,
            practitioner.pk,
            practitioner.membership.pk,
            supervisor.membership.pk,
            invitation.pk,
        }
    )
    values = {"token": [invitation.token], "uidb64": ["MQ"], "code": ["proqol5", "cbi"]}
    return values, ids


@pytest.mark.parametrize("viewer", ["supervisor", "org_admin"])
def test_no_url_reveals_someone_elses_scores(request, secret_world, client, viewer):
    values, ids = secret_world
    user = request.getfixturevalue(viewer)
    urls = _urls(values, ids)
    assert any("/wellbeing/" in url for url in urls)
    checked = 0
    for url in urls:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = client.get(url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", "replace")
        for text in SECRET_SCORE_TEXTS:
            assert text not in body, f"{url} shows an individual score ({text}) to {viewer}"
        assert SECRET_PLAN not in body, f"{url} shows Pat's resilience plan to {viewer}"
        checked += 1
    assert checked >= 20


def test_the_owner_does_see_their_scores(secret_world, client_for, practitioner):
    html = client_for(practitioner).get(reverse("wellbeing:home")).content.decode()
    assert "66.7" in html and "83.3" in html


SECRET_JOURNAL = "SECRET-JOURNAL-of-Pat"
SHARED_JOURNAL = "SHARED-JOURNAL-of-Pat"


@pytest.mark.parametrize("viewer", ["supervisor", "outreach_supervisor", "org_admin"])
def test_no_url_reveals_someone_elses_journal(
    request, secret_world, client, practitioner, supervisor, viewer
):
    """Every page, with every id filled in: Pat's private entry reaches nobody, and the entry
    Pat shared reaches only the supervisor it was shared with."""
    private_entry = journal_actions.create_entry(
        acting_user=practitioner, title="Private", description=SECRET_JOURNAL
    )
    shared_entry = journal_actions.create_entry(
        acting_user=practitioner, title="Shared", description=SHARED_JOURNAL
    )
    journal_actions.share_entry(entry=shared_entry, supervisor=supervisor, acting_user=practitioner)
    values, ids = secret_world
    user = request.getfixturevalue(viewer)
    seen_shared = False
    for url in _urls(values, sorted({*ids, private_entry.pk, shared_entry.pk})):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = client.get(url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", "replace")
        assert SECRET_JOURNAL not in body, f"{url} shows Pat's private journal to {viewer}"
        if SHARED_JOURNAL in body:
            assert viewer == "supervisor", f"{url} shows Pat's shared entry to {viewer}"
            seen_shared = True
    assert seen_shared == (viewer == "supervisor")
