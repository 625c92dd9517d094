from django.urls import path

from empathic.accounts import views_org as views

app_name = "org"
urlpatterns = [
    path("settings/", views.organisation_settings, name="settings"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/<int:team_id>/", views.team_detail, name="team_detail"),
    path("teams/<int:team_id>/delete/", views.team_delete, name="team_delete"),
    path("members/", views.member_list, name="member_list"),
    path("members/invite/", views.invite, name="invite"),
    path("members/<int:member_id>/", views.member_detail, name="member_detail"),
    path("members/<int:member_id>/active/", views.member_set_active, name="member_set_active"),
    path(
        "invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
