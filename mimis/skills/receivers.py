"""What the skills app does when something happens below it."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from mimis.skills import semantic


def embed_after_import(sender: object, **kwargs: object) -> None:
    """After a taxonomy import, queue the skills' embeddings (semantic extra only; a no-op without it).

    Queued on commit, so the worker sees the imported concepts; built in the background because the full
    taxonomy takes about a minute, far longer than an import request should wait.
    """
    if not settings.MIMIS_SKILLS_EMBED_AFTER_IMPORT or not semantic.is_installed():
        return
    from mimis.skills import tasks

    transaction.on_commit(tasks.build_skill_embeddings.enqueue)
