from __future__ import annotations

import pytest
from django.urls import reverse

from empathic.accounts import actions

pytestmark = pytest.mark.django_db


def test_admin_filters_by_event_type_and_actor(client_for, org_admin, organisation, practitioner):
    actions.create_team(organisation=organisation, name="Night", acting_user=org_admin)
    client = client_for(org_admin)
    response = client.get(reverse("audit:trail"), {"event_type": "team.created"})
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert rows and all(row.event_type == "team.created" for row in rows)
    response = client.get(reverse("audit:trail"), {"actor": "admin@riverside.test"})
    assert all(row.actor_label == "admin@riverside.test" for row in response.context["page"])


def test_audit_trail_is_scoped_to_the_organisation(client_for, outsider, org_admin, organisation):
    actions.create_team(organisation=organisation, name="Secret team", acting_user=org_admin)
    response = client_for(outsider).get(reverse("audit:trail"))
    assert response.status_code == 200
    assert b"Secret team" not in response.content
    assert all(e.organisation_id != organisation.pk for e in response.context["page"])


def test_invalid_filter_is_a_form_error_not_a_crash(client_for, org_admin):
    response = client_for(org_admin).get(reverse("audit:trail"), {"since": "not-a-date"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_private_counts_sit_in_the_page_not_its_title(client_for, org_admin):
    html = client_for(org_admin).get(reverse("audit:trail")).content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<section" not in title and "Audit trail" in title
    main = html.split('<main id="main"', 1)[1]
    assert main.count("Private wellbeing activity") == 1
