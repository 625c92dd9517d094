from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from empathic.core import i18n


class CoreConfig(AppConfig):
    name = "empathic.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # The Django-free vocabulary, highlighter and charts speak the request's language.
        i18n.use_translator(gettext)
