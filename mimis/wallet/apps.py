from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalletConfig(AppConfig):
    name = "mimis.wallet"
    label = "wallet"
    verbose_name = _("Learner wallet")

    def ready(self) -> None:
        from mimis.wallet import navigation

        navigation.register()
        from mimis.issuing.models import Credential
        from mimis.issuing.signals import credentials_replaced, holder_email_due
        from mimis.wallet import handlers

        # Issuing announces e-mails to a credential's holder and replaced credentials; the wallet knows the
        # holder, the claim links and the wallets.
        holder_email_due.connect(
            handlers.on_holder_email_due, sender=Credential, dispatch_uid="wallet.holder_email"
        )
        credentials_replaced.connect(
            handlers.on_credentials_replaced, sender=Credential, dispatch_uid="wallet.credentials_replaced"
        )
