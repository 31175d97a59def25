"""The application dossier pages: read and copy each section, write the provider's parts, download PDFs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from mimis.accounts.forms import add_service_error
from mimis.catalog.models import MicroCredential
from mimis.errors import MimisError, NotFound
from mimis.issuing.artefacts import specimen_certificate_pdf
from mimis.recognition import services
from mimis.recognition.dossier import build_dossier, dossier_of, level_descriptor
from mimis.recognition.forms import DossierForm
from mimis.recognition.models import DOSSIER_FIELDS
from mimis.recognition.pdf import dossier_pdf


def _microcredential(request: HttpRequest, slug: str) -> MicroCredential:
    microcredential = MicroCredential.objects.select_related("provider").filter(slug=slug).first()
    if microcredential is None:
        raise NotFound()
    services.require_dossier_editor(request.user, microcredential)
    return microcredential


@login_required
def dossier(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = _microcredential(request, slug)
    version = services.published_version(microcredential)
    form = DossierForm(request.POST or None, instance=dossier_of(microcredential.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_dossier(
                microcredential=microcredential,
                acting_user=request.user,
                data={name: form.cleaned_data.get(name, "") for name in DOSSIER_FIELDS},
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved. The application below is made again from what you wrote."))
            return redirect("recognition:dossier", slug=slug)
    language = translation.get_language() or "sv"
    return render(
        request,
        "recognition/dossier.html",
        {
            "microcredential": microcredential,
            "version": version,
            "dossier": build_dossier(version),
            "form": form,
            "descriptor": level_descriptor(version.seqf_level, language),
        },
    )


@login_required
def dossier_pdf_view(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = _microcredential(request, slug)
    version = services.published_version(microcredential)
    language = translation.get_language() or "sv"
    response = HttpResponse(
        dossier_pdf(build_dossier(version), language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="seqf-{microcredential.slug}.pdf"'
    return response


@login_required
def specimen(request: HttpRequest, slug: str) -> HttpResponse:
    microcredential = _microcredential(request, slug)
    version = services.published_version(microcredential)
    pdf = specimen_certificate_pdf(version, translation.get_language() or "sv")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="specimen-{microcredential.slug}.pdf"'
    return response
