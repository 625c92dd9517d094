"""The site's URLs and error handlers, plus views that fail, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from empathic.urls import handler403, handler404, handler500, urlpatterns

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def database_down(request):
    raise OperationalError("could not connect to server")


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test-errors/database-down/", database_down),
    path("test-errors/broken/", broken),
    *urlpatterns,
]
