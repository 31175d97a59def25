"""Signals the wallet sends for the apps above it, so the wallet never imports them.

``account_erased``: a learner's account is being erased (``erase_account``), sent inside its transaction
before the user row is anonymised; apps that hold the person's own data (validation cases and their
evidence files) delete it.
"""

from __future__ import annotations

from django.dispatch import Signal

account_erased = Signal()  # sender: User (the class); kwargs: user
