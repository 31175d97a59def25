from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "mimis.catalog"
    label = "catalog"
    verbose_name = _("Micro-credential catalogue")

    def ready(self) -> None:
        from mimis.catalog import navigation

        navigation.register()
