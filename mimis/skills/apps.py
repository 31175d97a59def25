from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "mimis.skills"
    label = "skills"
    verbose_name = _("Skills from text")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mimis.skills import receivers
        from mimis.taxonomy.signals import taxonomy_imported

        taxonomy_imported.connect(receivers.embed_after_import, dispatch_uid="skills.embed_after_import")
        from mimis.skills import navigation

        navigation.register()
