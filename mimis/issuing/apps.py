from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IssuingConfig(AppConfig):
    name = "mimis.issuing"
    label = "issuing"
    verbose_name = _("Issuing credentials")

    def ready(self) -> None:
        from mimis.issuing import navigation

        navigation.register()
