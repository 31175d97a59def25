from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerificationConfig(AppConfig):
    name = "mimis.verification"
    label = "verification"
    verbose_name = _("Verification")

    def ready(self) -> None:
        from mimis.verification import navigation

        navigation.register()
