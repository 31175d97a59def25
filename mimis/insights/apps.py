from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "mimis.insights"
    label = "insights"
    verbose_name = _("Regional insights")

    def ready(self) -> None:
        from mimis.insights import navigation

        navigation.register()
        from mimis.insights import handlers
        from mimis.issuing.models import Credential
        from mimis.issuing.signals import credential_state_changed, credentials_issued, credentials_replaced

        # Issuing announces new, revoked, suspended, reinstated and replaced credentials; insights
        # recomputes the affected version's months (issuing never imports insights).
        credentials_issued.connect(handlers.on_issued, sender=Credential, dispatch_uid="insights.issued")
        credential_state_changed.connect(
            handlers.on_state_changed, sender=Credential, dispatch_uid="insights.state_changed"
        )
        credentials_replaced.connect(
            handlers.on_replaced, sender=Credential, dispatch_uid="insights.replaced"
        )
