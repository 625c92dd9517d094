from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "empathic.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        # App loading: the receivers import models, which exist only once the registry is ready.
        from empathic.accounts import signals  # noqa: F401, PLC0415  (sign-in audit receivers)
