from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValidationConfig(AppConfig):
    name = "mimis.validation"
    label = "validation"
    verbose_name = _("Validation of prior learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mimis.validation import navigation

        navigation.register()
