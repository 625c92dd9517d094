from django.urls import path

from empathic.conversations import views

app_name = "conversations"
urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("growth/", views.growth, name="growth"),
    path("growth/<int:membership_id>/", views.member_growth, name="member_growth"),
    path("team/", views.team, name="team"),
    path("settings/", views.policy, name="policy"),
    path("settings/erase-client/", views.erase_client, name="erase_client"),
    path("<int:conversation_id>/", views.detail, name="detail"),
    path("<int:conversation_id>/status.json", views.status, name="status"),
    path("<int:conversation_id>/retry/", views.retry, name="retry"),
    path("<int:conversation_id>/erase/", views.erase, name="erase"),
    path("<int:conversation_id>/review/", views.review, name="review"),
    path(
        "<int:conversation_id>/turns/<int:turn_index>/comments/",
        views.comment,
        name="comment",
    ),
]
