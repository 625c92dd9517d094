from django.urls import path

from empathic.wellbeing import views

app_name = "wellbeing"
urlpatterns = [
    path("", views.home, name="home"),
    path("check-in/<slug:code>/", views.check_in, name="check_in"),
    path("check-ins/<int:check_in_id>/", views.result, name="result"),
    path("plan/", views.plan, name="plan"),
    path("reminders/", views.reminders, name="reminders"),
    path("export/responses.csv", views.export_csv, name="export_csv"),
    path("export/responses.fhir.json", views.export_fhir, name="export_fhir"),
    path("instruments/<slug:code>/questionnaire.json", views.questionnaire, name="questionnaire"),
    path("groups/", views.groups, name="groups"),
    path("groups/organisation/", views.organisation_report, name="organisation_report"),
    path("groups/teams/<int:team_id>/", views.team_report, name="team_report"),
]
