from django.urls import path

from empathic.practice import views

app_name = "practice"
urlpatterns = [
    path("", views.home, name="home"),
    path("progress/", views.progress, name="progress"),
    path("scenarios/new/", views.scenario_create, name="scenario_create"),
    path("scenarios/<int:scenario_id>/", views.scenario_detail, name="scenario"),
    path("scenarios/<int:scenario_id>/start/", views.start, name="start"),
    path("scenarios/<int:scenario_id>/edit/", views.scenario_edit, name="scenario_edit"),
    path("scenarios/<int:scenario_id>/copy/", views.scenario_copy, name="scenario_copy"),
    path("scenarios/<int:scenario_id>/publish/", views.scenario_publish, name="scenario_publish"),
    path("scenarios/<int:scenario_id>/turns/new/", views.node_create, name="node_create"),
    path("scenarios/<int:scenario_id>/turns/<int:node_id>/", views.node_edit, name="node_edit"),
    path(
        "scenarios/<int:scenario_id>/turns/<int:node_id>/delete/",
        views.node_delete,
        name="node_delete",
    ),
    path("sessions/<int:session_id>/", views.session, name="session"),
    path("sessions/<int:session_id>/summary/", views.summary, name="summary"),
    path("workshops/", views.workshop_list, name="workshop_list"),
    path("workshops/new/", views.workshop_create, name="workshop_create"),
    path("workshops/<int:workshop_id>/", views.workshop_detail, name="workshop"),
    path("workshops/<int:workshop_id>/people/", views.workshop_people, name="workshop_people"),
    path("workshops/<int:workshop_id>/assign/", views.assignment_create, name="assignment_create"),
    path("workshops/<int:workshop_id>/results.csv", views.workshop_export, name="workshop_export"),
    path(
        "workshops/<int:workshop_id>/trainees/<int:trainee_id>/",
        views.workshop_trainee,
        name="workshop_trainee",
    ),
]
