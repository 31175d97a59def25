from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalletConfig(AppConfig):
    name = "mimis.wallet"
    label = "wallet"
    verbose_name = _("Learner wallet")

    def ready(self) -> None:
        from mimis.wallet import navigation

        navigation.register()
