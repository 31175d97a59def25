"""The domain's errors: one base class, subclasses with a stable code and a translated message.

Views show ``error.message`` to people; the API returns ``error.code`` (and the message) to programs.
``mimis.api`` maps them to HTTP responses in one place.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class MimisError(Exception):
    """Base of every domain error. Never raised itself."""

    code: str = "error"
    default_message = _("Something went wrong.")
    http_status: int = 400

    def __init__(self, message: str | None = None, **params: object) -> None:
        self.params = params
        self.message = str(message if message is not None else self.default_message)
        super().__init__(self.message)


class PermissionDenied(MimisError):
    code = "permission_denied"
    default_message = _("You do not have permission to do that.")
    http_status = 403


class NotFound(MimisError):
    """Also used when an object exists but belongs to another organisation: never leak existence."""

    code = "not_found"
    default_message = _("What you were looking for was not found.")
    http_status = 404


class ValidationFailed(MimisError):
    code = "validation_failed"
    default_message = _("The input was not valid.")
    http_status = 422

    def __init__(self, message: str | None = None, *, field: str | None = None, **params: object) -> None:
        self.field = field
        super().__init__(message, **params)


class Conflict(MimisError):
    code = "conflict"
    default_message = _(
        "That cannot be done now because something has changed. Reload the page and try again."
    )
    http_status = 409
