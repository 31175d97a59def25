from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "mimis.matching"
    label = "matching"
    verbose_name = _("Competence matching")

    def ready(self) -> None:
        from mimis.matching import handlers, navigation

        navigation.register()
        # Issuing and the wallet announce what changes a learner's verified skills; matching listens, so
        # neither of them imports matching (the import graph stays one-way).
        handlers.connect()
