from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_library(sender, **kwargs):
    # App loading: the library imports models, which apps.py is imported before.
    from empathic.practice.library import sync_library  # noqa: PLC0415

    sync_library()


class PracticeConfig(AppConfig):
    name = "empathic.practice"
    label = "practice"
    verbose_name = _("Practice")

    def ready(self) -> None:
        post_migrate.connect(_sync_library, sender=self, dispatch_uid="practice-sync-library")
