from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "mimis.recognition"
    label = "recognition"
    verbose_name = _("National recognition (SeQF)")
    default_auto_field = "django.db.models.BigAutoField"
