"""Signals of the taxonomy app, for apps above it (the import graph stays one-way).

``taxonomy_imported`` is sent once an import has committed, with ``sender`` the source ("jobtech", "esco")
and ``report`` the ``ImportReport``. The skills app listens to store the new skills' embeddings.
"""

from __future__ import annotations

import django.dispatch

taxonomy_imported = django.dispatch.Signal()
