"""Imports made before they were bound to their recipient (issue 16): each one whose recipient is not its
holder gets a failed "recipient" check and the status "could not be checked", so that no page or API answer
shows it as the holder's verified credential. Imports stay (the holder can see why and remove them)."""

from django.db import migrations
from django.db.models import Q

NOT_ISSUED_TO_HOLDER = {
    "name": "recipient",
    "ok": False,
    "code": "not_issued_to_holder",
    "message": "The credential was issued to someone else: it does not name any verified e-mail address of "
    "the person who holds it here.",
    "skipped": False,
}


def mark_unbound(apps, schema_editor):
    from mimis.wallet import imports, recipients

    ExternalCredential = apps.get_model("wallet", "ExternalCredential")
    LearnerEmail = apps.get_model("wallet", "LearnerEmail")
    Credential = apps.get_model("issuing", "Credential")
    for external in ExternalCredential.objects.select_related("user").iterator():
        user = external.user
        addresses = [user.email.lower()] if user.email_verified else []
        addresses += [
            e.lower()
            for e in LearnerEmail.objects.filter(user=user, verified_at__isnull=False).values_list("email", flat=True)
        ]
        dids = set()
        held = Q(wallet_entry__user=user) | Q(recipient_email__in=addresses, wallet_entry__isnull=True)
        for document in Credential.objects.filter(held).exclude(document__isnull=True).values_list(
            "document", flat=True
        ):
            subject = document.get("credentialSubject") if isinstance(document, dict) else None
            if isinstance(subject, dict) and str(subject.get("id", "")).startswith("did:"):
                dids.add(subject["id"])
        try:
            content = imports.stored_content(external)
        except ValueError:
            continue
        if recipients._matches(recipients.recipient_of(content), addresses, dids):
            continue
        if any(c.get("code") == NOT_ISSUED_TO_HOLDER["code"] for c in external.checks):
            continue
        external.checks = [*external.checks, NOT_ISSUED_TO_HOLDER]
        external.status = "unverifiable"
        external.save(update_fields=["checks", "status"])


class Migration(migrations.Migration):
    dependencies = [
        ("wallet", "0003_import_standard_vc"),
        ("issuing", "0006_status_purpose_message"),
    ]

    operations = [migrations.RunPython(mark_unbound, migrations.RunPython.noop)]
