from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "mimis.taxonomy"
    label = "taxonomy"
    verbose_name = _("Taxonomy")
    default_auto_field = "django.db.models.BigAutoField"
