from __future__ import annotations

import csv
import io
import json

from django.urls import reverse
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from empathic.wellbeing import exports
from empathic.wellbeing.scoring import all_instruments
from empathic.wellbeing.tests.helpers import SECRET_CBI, check_in, uniform_answers


def test_csv_export_holds_only_ones_own_answers_and_scores(client_for, practitioner, supervisor):
    mine = check_in(practitioner, "cbi", SECRET_CBI)
    check_in(supervisor, "cbi", uniform_answers("cbi", 0))
    response = client_for(practitioner).get(reverse("wellbeing:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["check_in_id"] for row in rows} == {str(mine.pk)}
    answers = [row for row in rows if row["kind"] == "answer"]
    scores = {row["code"]: row for row in rows if row["kind"] == "score"}
    assert len(answers) == 19
    assert answers[0]["code"] == "p1" and answers[0]["label"] == "Always"
    assert scores["personal"]["value"] == "66.67" and scores["personal"]["label"] == "moderate"
    # The supervisor's export is theirs alone.
    other = client_for(supervisor).get(reverse("wellbeing:export_csv")).content.decode()
    assert str(mine.pk) not in [row["check_in_id"] for row in csv.DictReader(io.StringIO(other))]
    assert "66.67" not in other


def test_fhir_export_is_a_valid_bundle(client_for, practitioner, supervisor):
    cbi = check_in(practitioner, "cbi", SECRET_CBI)
    check_in(practitioner, "proqol5")
    check_in(supervisor, "proqol5", uniform_answers("proqol5", 4))
    response = client_for(practitioner).get(reverse("wellbeing:export_fhir"))
    assert response["Content-Type"] == "application/fhir+json"
    data = json.loads(response.content)
    bundle = Bundle.model_validate(data)
    kinds = [entry.resource.get_resource_type() for entry in bundle.entry]
    assert sorted(kinds) == [
        "Questionnaire",
        "Questionnaire",
        "QuestionnaireResponse",
        "QuestionnaireResponse",
    ]
    responses = [
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] != "Questionnaire"
    ]
    cbi_response = next(r for r in responses if r["id"] == f"wellbeing-check-in-{cbi.pk}")
    QuestionnaireResponse.model_validate(cbi_response)
    assert cbi_response["status"] == "completed"
    assert cbi_response["questionnaire"].endswith(
        "/wellbeing/instruments/cbi/questionnaire.json|2005"
    )
    first = cbi_response["item"][0]
    assert first["linkId"] == "p1"
    assert first["answer"][0]["valueCoding"]["code"] == "always"
    scores = cbi_response["item"][-1]["item"]
    assert [s["answer"][0]["valueDecimal"] for s in scores] == [66.67, 67.86, 83.33]
    assert all(r["author"]["display"] == practitioner.full_name for r in responses)


def test_questionnaires_are_valid_and_credit_their_authors():
    for instrument in all_instruments():
        resource = exports.questionnaire(instrument)
        model = Questionnaire.model_validate(resource)
        assert model.status == "active"
        assert len(resource["item"]) == len(instrument.items) + 1
        assert instrument.attribution in resource["copyright"]
        # Every response that the form can produce is a declared answer option.
        item = resource["item"][0]
        assert [o["valueCoding"]["code"] for o in item["answerOption"]] == [
            o.code for o in instrument.items[0].options
        ]


def test_questionnaire_endpoint(client_for, practitioner):
    data = client_for(practitioner).get(reverse("wellbeing:questionnaire", args=["cbi"])).json()
    assert data["url"].endswith(reverse("wellbeing:questionnaire", args=["cbi"]))
    assert len(data["item"]) == 20
    assert (
        client_for(practitioner).get(reverse("wellbeing:questionnaire", args=["nope"])).status_code
        == 404
    )
