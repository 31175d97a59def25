"""Signals issuing sends for the apps above it (the wallet), so issuing never imports them.

``holder_email_due``: a credential's holder should get an e-mail about it (``template`` names the
subject/text/html triplet, e.g. ``issuing/emails/credential_issued``). Who the holder is and the claim link
in it are the wallet's business: ``mimis.wallet`` handles it (connected in ``WalletConfig.ready``).

``credentials_replaced``: after a key compromise, new credentials stand in for old ones (``pairs``: a list of
(old, new)), sent inside the re-issuing transaction. The wallet keeps a collected credential's replacement in
the same wallet and lets the old credentials' unused claim links stop working.

``credentials_issued``: new credentials of one version were stored (``credentials``: a list, ``version_id``),
sent after the issuing transaction commits. ``credential_state_changed``: a credential was revoked,
suspended or reinstated (``credential``, ``state``, ``previous_state``), sent after that commit. Matching
keeps each learner's verified skills up to date from these (``mimis.matching.handlers``); regional insights
recompute the version's figures (``mimis.insights.handlers``).
"""

from __future__ import annotations

from django.dispatch import Signal

holder_email_due = Signal()  # sender: Credential (the class); kwargs: credential, template
credentials_replaced = Signal()  # sender: Credential (the class); kwargs: pairs
credentials_issued = Signal()  # sender: Credential (the class); kwargs: credentials, version_id
credential_state_changed = (
    Signal()
)  # sender: Credential (the class); kwargs: credential, state, previous_state
