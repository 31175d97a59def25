from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValidationConfig(AppConfig):
    name = "mimis.validation"
    label = "validation"
    verbose_name = _("Validation of prior learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mimis.validation import navigation

        navigation.register()
        from django.db.models.signals import post_delete

        from mimis.validation import handlers
        from mimis.validation.models import Evidence
        from mimis.wallet.signals import account_erased

        post_delete.connect(
            handlers.delete_evidence_file, sender=Evidence, dispatch_uid="validation_evidence_file"
        )
        account_erased.connect(handlers.erase_person, dispatch_uid="validation_erase_person")
        from django.contrib.auth.signals import user_logged_in

        from mimis.validation.drafts import attach_draft

        user_logged_in.connect(attach_draft, dispatch_uid="validation_attach_draft")
