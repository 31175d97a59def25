"""Pages for batch issuing: upload a learner list, map its columns, check every row, start, watch."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mimis.accounts.forms import add_service_error
from mimis.accounts.permissions import Capability
from mimis.accounts.selectors import organisation_for
from mimis.catalog.models import MicroCredentialVersion
from mimis.errors import MimisError
from mimis.issuing import batches
from mimis.issuing.forms import BatchUploadForm, ColumnMappingForm
from mimis.issuing.models import BatchStatus, IssuingBatch
from mimis.issuing.tabular import Table, example_workbook

PREVIEW_ROWS = 20


def _batch_for(request: HttpRequest, slug: str, batch_id: uuid.UUID) -> IssuingBatch:
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.ISSUE_CREDENTIALS)
    return get_object_or_404(
        IssuingBatch.objects.select_related("version", "organisation"), pk=batch_id, organisation=organisation
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_batch(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for(user=request.user, slug=slug, capability=Capability.ISSUE_CREDENTIALS)
    form = BatchUploadForm(request.POST or None, request.FILES or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = batches.create_batch(
                organisation=organisation,
                version=get_object_or_404(MicroCredentialVersion, pk=form.cleaned_data["version"]),
                credential_format=form.cleaned_data["format"],
                filename=upload.name,
                content=upload.read(),
                acting_user=request.user,
            )
        except MimisError as error:
            add_service_error(form, error)
        else:
            return redirect("issuer_batch", slug=slug, batch_id=batch.pk)
    recent = IssuingBatch.objects.filter(organisation=organisation).select_related("version")[:10]
    return render(
        request, "issuing/batch_new.html", {"organisation": organisation, "form": form, "recent": recent}
    )


def _columns(table: Table) -> list[tuple[int, str]]:
    return [(index, table.column_label(index)) for index in range(len(table.headers))]


@login_required
@require_http_methods(["GET", "POST"])
def batch_detail(request: HttpRequest, slug: str, batch_id: uuid.UUID) -> HttpResponse:
    """A draft batch: column mapping and the check of every row. A started batch: its progress."""
    batch = _batch_for(request, slug, batch_id)
    if batch.status != BatchStatus.DRAFT:
        if request.method == "POST" and "retry" in request.POST:
            try:
                batches.retry_batch(batch=batch, acting_user=request.user)
            except MimisError as error:
                messages.error(request, error.message)
            return redirect("issuer_batch", slug=slug, batch_id=batch.pk)
        return render(
            request, "issuing/batch_progress.html", {"batch": batch, "organisation": batch.organisation}
        )

    table = batches.batch_table(batch)
    initial = {key: "" if value is None else str(value) for key, value in batch.mapping.items()}
    form = ColumnMappingForm(request.POST or None, initial=initial, columns=_columns(table))
    mapping = form.data if request.method == "POST" else batch.mapping
    error_rows = None
    if request.method == "POST" and form.is_valid() and "start" in request.POST:
        try:
            batches.start_batch(batch=batch, mapping=form.cleaned_data, acting_user=request.user)
        except batches.BatchRowsInvalid as error:
            error_rows = error.rows
            form.add_error(None, error.message)
        except MimisError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The batch has started. You can leave this page; it goes on."))
            return redirect("issuer_batch", slug=slug, batch_id=batch.pk)
    check = batches.preview(batch=batch, mapping={k: mapping.get(k) for k in batches.MAPPING_FIELDS})
    return render(
        request,
        "issuing/batch_preview.html",
        {
            "batch": batch,
            "organisation": batch.organisation,
            "form": form,
            "check": check,
            "invalid_rows": error_rows if error_rows is not None else check.invalid,
            "sample_rows": [row for row in check.rows if not row.errors][:PREVIEW_ROWS],
        },
    )


@login_required
def batch_progress(request: HttpRequest, slug: str, batch_id: uuid.UUID) -> HttpResponse:
    """The progress bar alone, for htmx to poll while the batch runs."""
    batch = _batch_for(request, slug, batch_id)
    return render(
        request, "issuing/_batch_progress.html", {"batch": batch, "organisation": batch.organisation}
    )


@login_required
def example_file(request: HttpRequest, slug: str) -> HttpResponse:
    """An XLSX file to fill in, with the column headers the upload recognises."""
    organisation_for(user=request.user, slug=slug, capability=Capability.ISSUE_CREDENTIALS)
    response = HttpResponse(
        example_workbook(language=get_language() or "sv"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = _("learners")  # the file's name in the user's language
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
