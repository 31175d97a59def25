"""What the wallet does when issuing, below it, announces something (``mimis.issuing.signals``); connected
in ``WalletConfig.ready``. Issuing never imports the wallet."""

from __future__ import annotations

from typing import Any

from mimis.issuing.models import Credential
from mimis.wallet import services


def on_holder_email_due(*, credential: Credential, template: str, **_: Any) -> None:
    services.send_holder_email(credential=credential, template=template)


def on_credentials_replaced(*, pairs: list[tuple[Credential, Credential]], **_: Any) -> None:
    services.keep_replacements_in_wallet(pairs=pairs)
