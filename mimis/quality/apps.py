from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "mimis.quality"
    label = "quality"
    verbose_name = _("Quality assurance")

    def ready(self) -> None:
        from mimis.quality import navigation

        navigation.register()
