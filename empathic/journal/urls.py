from django.urls import path

from empathic.journal import views

app_name = "journal"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.create, name="create"),
    path("shared-with-me/", views.shared, name="shared"),
    path("export.<slug:fmt>", views.export, name="export"),
    path("entries/<int:entry_id>/", views.entry, name="entry"),
    path("entries/<int:entry_id>/edit/", views.edit, name="edit"),
    path("entries/<int:entry_id>/delete/", views.delete, name="delete"),
    path("entries/<int:entry_id>/share/", views.share, name="share"),
    path("entries/<int:entry_id>/unshare/", views.unshare, name="unshare"),
]
