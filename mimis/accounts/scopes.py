"""API token scopes. A token can never do more than its user could; scopes narrow it further."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

READ = "read"
WRITE = "write"
ISSUE = "issue"
REVIEW = "review"
ADMIN = "admin"

SCOPES = {
    READ: _("Read what you can see"),
    WRITE: _("Create and change drafts and profiles"),
    ISSUE: _("Issue and revoke credentials"),
    REVIEW: _("Record quality-assurance reviews"),
    ADMIN: _("Administer organisations and the platform"),
}
DEFAULT_SCOPES = [READ]
