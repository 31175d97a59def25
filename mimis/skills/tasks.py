"""Background work of the skills app, on the durable task queue (django-tasks-db)."""

from __future__ import annotations

from django_tasks import task


@task()
def build_skill_embeddings() -> dict[str, object]:
    """Embed the current skills' names once (about a minute for the full taxonomy); a no-op if stored."""
    from mimis.skills import semantic, services

    if not semantic.is_installed():
        return {"built": False, "reason": "semantic extra not installed"}
    return services.build_concept_embeddings().as_dict()
