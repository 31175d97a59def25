"""Batch issuing: from an uploaded learner list (or an API list) to signed credentials, durably.

The steps an issuer sees: upload a CSV/XLSX file (``create_batch``), choose which column is what and
look at every row's check (``preview``), start (``start_batch``). A background task then works through
the rows in chunks (``process_batch``); each chunk is one transaction that signs, stores, audits and
queues the e-mails, and marks its rows done. A worker that dies mid-chunk leaves nothing half-done, and
``resume_interrupted_batches`` (run by every worker) picks the batch up where it stopped. The idempotency
key of ``issue_credentials`` means nobody gets the same version twice, whatever happens.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mimis.accounts.models import Organisation, User
from mimis.accounts.permissions import Capability, require_capability
from mimis.accounts.services import normalise_email
from mimis.audit.services import record
from mimis.catalog.models import MicroCredentialVersion, VersionStatus
from mimis.errors import MimisError, NotFound, PermissionDenied, ValidationFailed
from mimis.issuing import services, tasks
from mimis.issuing.errors import QualityAssuranceLapsed, VersionNotPublished
from mimis.issuing.models import (
    MAX_BATCH_ROWS,
    BatchRow,
    BatchStatus,
    CredentialFormat,
    IssuingBatch,
)
from mimis.issuing.tabular import Table, guess_mapping, read_table, stored_table, table_to_bytes

logger = logging.getLogger(__name__)

CHUNK_SIZE = 200  # rows per transaction: big enough to amortise locks, small enough to show progress
STALE_AFTER = timedelta(minutes=2)  # a running batch with no heartbeat for this long lost its worker
MAPPING_FIELDS = ("email", "name", "given_name", "family_name", "language")


class BatchRowsInvalid(ValidationFailed):
    """Some rows cannot be issued; ``rows`` names each one. Nothing is issued."""

    code = "batch_rows_invalid"

    def __init__(self, rows: list[RowCheck]) -> None:
        self.rows = [row for row in rows if row.errors]
        super().__init__(
            _("%(count)d rows have errors. Correct them and try again; nothing was issued.")
            % {"count": len(self.rows)},
            field="rows",
        )


@dataclass
class RowCheck:
    number: int
    email: str
    name: str
    language: str
    errors: list[str] = field(default_factory=list)
    already_issued: bool = False


@dataclass
class Preview:
    rows: list[RowCheck]
    mapping_errors: list[str]

    @property
    def invalid(self) -> list[RowCheck]:
        return [row for row in self.rows if row.errors]

    @property
    def to_issue(self) -> int:
        return sum(1 for row in self.rows if not row.errors and not row.already_issued)

    @property
    def already_issued(self) -> int:
        return sum(1 for row in self.rows if not row.errors and row.already_issued)

    @property
    def ok(self) -> bool:
        return not self.mapping_errors and not self.invalid and bool(self.rows)


def _publishable_version(organisation: Organisation, version: MicroCredentialVersion) -> None:
    if version.microcredential.provider_id != organisation.pk:
        raise NotFound()
    if version.status != VersionStatus.PUBLISHED:
        raise VersionNotPublished()
    if version.qa_lapsed:
        raise QualityAssuranceLapsed()


def _require_issuer(acting_user: User | None, organisation: Organisation) -> None:
    # None is the server's shell (``mimis credentials batch``), which is trusted, as for single awards.
    if acting_user is not None:
        require_capability(acting_user, Capability.ISSUE_CREDENTIALS, organisation)


def _check_format(credential_format: str) -> None:
    if credential_format not in CredentialFormat.values:
        raise ValidationFailed(_("Choose the format ldp or jwt."), field="format")


# --- checking rows -------------------------------------------------------------------------------------


def check_rows(*, version: MicroCredentialVersion, rows: list[tuple[int, str, str, str]]) -> list[RowCheck]:
    """Every problem of every row (number, e-mail, name, language), and who already holds the version."""
    checks, first_row_of = [], {}
    languages = dict(settings.LANGUAGES)
    for number, raw_email, raw_name, raw_language in rows:
        check = RowCheck(
            number=number,
            email=(raw_email or "").strip(),
            name=(raw_name or "").strip(),
            language=(raw_language or "sv").strip().lower() or "sv",
        )
        if not check.email:
            check.errors.append(_("The e-mail address is missing."))
        else:
            try:
                check.email = normalise_email(check.email)
            except ValidationFailed:
                check.errors.append(_("%(email)s is not a valid e-mail address.") % {"email": check.email})
            else:
                if check.email in first_row_of:
                    check.errors.append(
                        _("The same e-mail address as row %(row)d.") % {"row": first_row_of[check.email]}
                    )
                else:
                    first_row_of[check.email] = number
        if not check.name:
            check.errors.append(_("The name is missing."))
        elif len(check.name) > 200:
            check.errors.append(_("The name is longer than 200 characters."))
        if check.language not in languages:
            check.errors.append(
                _("The language must be sv or en, not %(language)s.") % {"language": check.language}
            )
        checks.append(check)
    wanted = {services.idempotency_key(version, c.email): c for c in checks if not c.errors}
    issued = set(
        version.credentials.filter(idempotency_key__in=list(wanted)).values_list("idempotency_key", flat=True)
    )
    for key in issued:
        wanted[key].already_issued = True
    return checks


def _table_rows(table: Table, mapping: dict[str, int | None]) -> list[tuple[int, str, str, str]]:
    def cell(row: list[str], key: str) -> str:
        index = mapping.get(key)
        return row[index] if index is not None and index < len(row) else ""

    rows = []
    for offset, row in enumerate(table.rows):
        name = cell(row, "name") or " ".join(
            filter(None, [cell(row, "given_name"), cell(row, "family_name")])
        )
        rows.append((offset + 2, cell(row, "email"), name, cell(row, "language")))
    return rows


def clean_mapping(table: Table, raw: dict[str, object]) -> tuple[dict[str, int | None], list[str]]:
    """The chosen columns as indexes, and what is wrong with the choice (missing columns)."""
    mapping: dict[str, int | None] = {}
    errors = []
    for key in MAPPING_FIELDS:
        value = raw.get(key)
        if value in (None, ""):
            mapping[key] = None
            continue
        try:
            index = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            index = -1
        if not 0 <= index < len(table.headers):
            errors.append(_("The file has no column %(column)s.") % {"column": value})
            mapping[key] = None
        else:
            mapping[key] = index
    if mapping["email"] is None:
        errors.append(_("Choose the column with the learners' e-mail addresses."))
    if mapping["name"] is None and mapping["given_name"] is None:
        errors.append(_("Choose the column with the learners' names (or first and last name)."))
    return mapping, errors


# --- the issuer's steps -------------------------------------------------------------------------------


def create_batch(
    *,
    organisation: Organisation,
    version: MicroCredentialVersion,
    credential_format: str,
    filename: str,
    content: bytes,
    acting_user: User | None,
) -> IssuingBatch:
    """Keep an uploaded file as a draft batch, with a guessed column mapping. Issues nothing yet."""
    _require_issuer(acting_user, organisation)
    _publishable_version(organisation, version)
    _check_format(credential_format)
    table = read_table(content, filename)
    return IssuingBatch.objects.create(
        id=uuid.uuid4(),
        organisation=organisation,
        version=version,
        format=credential_format,
        source_name=filename[:255],
        source_file=table_to_bytes(table),  # parsed once, here; preview and start read this
        mapping=guess_mapping(table),
        total=len(table.rows),
        created_by=acting_user,
        from_shell=acting_user is None,
    )


def batch_table(batch: IssuingBatch) -> Table:
    return stored_table(bytes(batch.source_file or b""), batch.source_name)


def preview(*, batch: IssuingBatch, mapping: dict[str, object] | None = None) -> Preview:
    """Check every row of a draft batch with the given (or saved) column mapping."""
    table = batch_table(batch)
    cleaned, mapping_errors = clean_mapping(table, mapping if mapping is not None else batch.mapping)
    rows = [] if mapping_errors else check_rows(version=batch.version, rows=_table_rows(table, cleaned))
    return Preview(rows=rows, mapping_errors=mapping_errors)


def start_batch(*, batch: IssuingBatch, mapping: dict[str, object], acting_user: User | None) -> IssuingBatch:
    """Check every row again; if all are good, store them and queue the job. Otherwise issue nothing, and
    keep the reason on the draft (the list of batches shows it) before raising."""
    try:
        return _start_batch(batch=batch, mapping=mapping, acting_user=acting_user)
    except PermissionDenied:
        raise
    except MimisError as error:
        record_start_failure(batch=batch, message=error.message)
        raise


@transaction.atomic
def _start_batch(
    *, batch: IssuingBatch, mapping: dict[str, object], acting_user: User | None
) -> IssuingBatch:
    batch = (
        IssuingBatch.objects.select_for_update().select_related("version__microcredential").get(pk=batch.pk)
    )
    _require_issuer(acting_user, batch.organisation)
    if batch.status != BatchStatus.DRAFT:
        raise ValidationFailed(_("This batch has already been started."), field="batch")
    _publishable_version(batch.organisation, batch.version)
    table = batch_table(batch)
    cleaned, mapping_errors = clean_mapping(table, mapping)
    if mapping_errors:
        raise ValidationFailed(" ".join(mapping_errors), field="mapping")
    checks = check_rows(version=batch.version, rows=_table_rows(table, cleaned))
    batch.mapping = cleaned
    return _queue(batch, checks, acting_user)


@transaction.atomic
def create_batch_from_rows(
    *,
    organisation: Organisation,
    version: MicroCredentialVersion,
    credential_format: str,
    rows: list[dict[str, str]],
    acting_user: User | None,
) -> IssuingBatch:
    """The API's way: a list of {email, name, language?}; checked and queued in one step."""
    _require_issuer(acting_user, organisation)
    _publishable_version(organisation, version)
    _check_format(credential_format)
    if not rows:
        raise ValidationFailed(_("The list of learners is empty."), field="recipients")
    if len(rows) > MAX_BATCH_ROWS:
        raise ValidationFailed(
            _("One batch takes at most %(max)d learners.") % {"max": MAX_BATCH_ROWS}, field="recipients"
        )
    checks = check_rows(
        version=version,
        rows=[
            (number, row.get("email", ""), row.get("name", ""), row.get("language") or "sv")
            for number, row in enumerate(rows, start=1)
        ],
    )
    batch = IssuingBatch(
        id=uuid.uuid4(),
        organisation=organisation,
        version=version,
        format=credential_format,
        source_name="api",
        created_by=acting_user,
        from_shell=acting_user is None,
    )
    return _queue(batch, checks, acting_user)


def record_start_failure(*, batch: IssuingBatch, message: str) -> None:
    """Keep why a draft batch could not start, so the list of batches says so instead of "Not started"."""
    IssuingBatch.objects.filter(pk=batch.pk, status=BatchStatus.DRAFT).update(error=message[:2000])


def _queue(batch: IssuingBatch, checks: list[RowCheck], acting_user: User | None) -> IssuingBatch:
    if any(check.errors for check in checks):
        raise BatchRowsInvalid(checks)
    batch.status = BatchStatus.QUEUED
    batch.error = ""
    batch.total = len(checks)
    batch.source_file = None  # the learners now live in the rows; the file is not kept longer than needed
    batch.heartbeat_at = timezone.now()
    batch.save()
    BatchRow.objects.bulk_create(
        [
            BatchRow(batch=batch, number=c.number, email=c.email, name=c.name, language=c.language)
            for c in checks
        ],
        batch_size=1000,
    )
    record(
        "batch.started",
        actor=acting_user,
        actor_label=None if acting_user else "shell",
        organisation=batch.organisation,
        target=batch,
        data={"version": batch.version_id, "rows": batch.total, "format": batch.format},
    )
    # Queued in this transaction: the job exists exactly when the batch does.
    tasks.run_issuing_batch.enqueue(batch_id=str(batch.pk))
    return batch


# --- the job ------------------------------------------------------------------------------------------


def process_batch(*, batch_id: str, max_chunks: int | None = None) -> IssuingBatch:
    """Issue the rows that have no credential yet, a chunk per transaction, until none are left."""
    chunks = 0
    batch = IssuingBatch.objects.get(pk=batch_id)
    if batch.status not in (BatchStatus.QUEUED, BatchStatus.RUNNING):
        return batch
    IssuingBatch.objects.filter(pk=batch_id).update(
        status=BatchStatus.RUNNING, started_at=batch.started_at or timezone.now(), heartbeat_at=timezone.now()
    )
    while max_chunks is None or chunks < max_chunks:
        try:
            more = _process_chunk(batch_id)
        except MimisError as error:
            # The version was retired or the issuer lost the role since the start: stop and say why.
            IssuingBatch.objects.filter(pk=batch_id).update(
                status=BatchStatus.FAILED, error=error.message, finished_at=timezone.now()
            )
            logger.warning("batch %s stopped: %s", batch_id, error.code)
            break
        chunks += 1
        if not more:
            break
    return IssuingBatch.objects.get(pk=batch_id)


def _process_chunk(batch_id: str) -> bool:
    with transaction.atomic():
        # Locking the batch serialises two workers that were both handed the same batch.
        batch = (
            IssuingBatch.objects.select_for_update(of=("self",))
            .select_related("version", "created_by")
            .get(pk=batch_id)
        )
        if batch.status != BatchStatus.RUNNING:
            return False
        if batch.created_by is None and not batch.from_shell:
            raise PermissionDenied(_("The person who started the batch no longer has an account."))
        rows = list(batch.rows.filter(credential__isnull=True).order_by("number")[:CHUNK_SIZE])
        if not rows:
            batch.status = BatchStatus.DONE
            batch.finished_at = batch.heartbeat_at = timezone.now()
            batch.save(update_fields=["status", "finished_at", "heartbeat_at"])
            record(
                "batch.finished",
                actor=batch.created_by,
                organisation=batch.organisation,
                target=batch,
                data={"issued": batch.issued_count, "already_issued": batch.existing_count},
            )
            return False
        issued = services.issue_credentials(
            version=batch.version,
            recipients=[services.Recipient(row.email, row.name, row.language) for row in rows],
            acting_user=batch.created_by,
            credential_format=batch.format,
            batch=batch,
        )
        for row, result in zip(rows, issued, strict=True):
            row.credential = result.credential
            row.already_issued = not result.created
        BatchRow.objects.bulk_update(rows, ["credential", "already_issued"])
        new = sum(1 for result in issued if result.created)
        IssuingBatch.objects.filter(pk=batch.pk).update(
            issued_count=F("issued_count") + new,
            existing_count=F("existing_count") + len(rows) - new,
            heartbeat_at=timezone.now(),
        )
        return True


def resume_interrupted_batches(*, stale_after: timedelta = STALE_AFTER) -> list[str]:
    """Queue again every started batch whose worker stopped sending heartbeats. Returns their ids.

    Every worker runs this at start and then every minute, so a batch survives its worker's crash.
    """
    cutoff = timezone.now() - stale_after
    resumed = []
    for batch_id in IssuingBatch.objects.filter(
        status__in=[BatchStatus.QUEUED, BatchStatus.RUNNING], heartbeat_at__lt=cutoff
    ).values_list("pk", flat=True):
        with transaction.atomic():
            # Only one worker wins the conditional update, so a batch is queued once.
            claimed = IssuingBatch.objects.filter(pk=batch_id, heartbeat_at__lt=cutoff).update(
                heartbeat_at=timezone.now()
            )
            if claimed:
                tasks.run_issuing_batch.enqueue(batch_id=str(batch_id))
                resumed.append(str(batch_id))
    if resumed:
        logger.info("resumed interrupted batches: %s", ", ".join(resumed))
    return resumed


@transaction.atomic
def retry_batch(*, batch: IssuingBatch, acting_user: User | None) -> IssuingBatch:
    """Start a stopped batch again (after the reason is fixed); rows already issued stay issued."""
    batch = IssuingBatch.objects.select_for_update().get(pk=batch.pk)
    _require_issuer(acting_user, batch.organisation)
    if batch.status != BatchStatus.FAILED:
        raise ValidationFailed(_("Only a stopped batch can be started again."), field="batch")
    batch.status, batch.error, batch.heartbeat_at = BatchStatus.QUEUED, "", timezone.now()
    batch.save(update_fields=["status", "error", "heartbeat_at"])
    record("batch.retried", actor=acting_user, organisation=batch.organisation, target=batch)
    tasks.run_issuing_batch.enqueue(batch_id=str(batch.pk))
    return batch


def resume_interrupted_jobs() -> None:
    """Batches and key-compromise re-issues whose worker died are queued again."""
    from mimis.issuing.reissue import resume_interrupted_reissues

    resume_interrupted_batches()
    resume_interrupted_reissues()


def start_resume_watch(*, interval_seconds: float = 60.0) -> threading.Thread:
    """A daemon thread of the worker process: resume interrupted jobs now and every minute."""

    def watch() -> None:
        while True:
            try:
                resume_interrupted_jobs()
            except Exception:  # a database hiccup must not kill the watch; it tries again next round
                logger.exception("resuming interrupted batches failed")
            finally:
                close_old_connections()
            time.sleep(interval_seconds)

    thread = threading.Thread(target=watch, name="mimis-batch-watch", daemon=True)
    thread.start()
    return thread
