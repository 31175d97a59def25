"""Batch issuing: a learner list in, every row checked, signed credentials out, durably and only once."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from mimis.accounts import services as account_services
from mimis.audit.models import AuditEntry
from mimis.audit.services import verify_chain
from mimis.demo.data import DEMO_EMAIL_DOMAIN
from mimis.errors import NotFound, PermissionDenied, ValidationFailed
from mimis.issuing import batches, services
from mimis.issuing.models import BatchStatus, Credential, IssuingBatch, StatusList
from mimis.issuing.tabular import guess_mapping, read_table
from tests.conftest import verified_client
from tests.factories import member, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, region_admin):
    return publish(draft)


@pytest.fixture
def issuer(provider):
    return member(provider, "issuer", email="jonas.issuer@hkr.example.se")


def csv_bytes(*lines: str, encoding: str = "utf-8-sig") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


GOOD_CSV = csv_bytes(
    "Förnamn;Efternamn;E-post;Språk",
    "Fatima;Ahmed;fatima@example.se;sv",
    "Johan;Berg;JOHAN@example.se;en",
    "Linnéa;Åberg;linnea@example.se;",
)


def start(published, issuer, content=GOOD_CSV, filename="deltagare.csv", **kwargs):
    batch = batches.create_batch(
        organisation=published.microcredential.provider,
        version=published,
        credential_format=kwargs.pop("credential_format", "ldp"),
        filename=filename,
        content=content,
        acting_user=issuer,
    )
    return batches.start_batch(batch=batch, mapping=kwargs.pop("mapping", batch.mapping), acting_user=issuer)


class TestReadingFiles:
    def test_swedish_excel_csv_with_semicolons_and_split_names(self):
        table = read_table(GOOD_CSV, "deltagare.csv")
        assert table.headers == ["Förnamn", "Efternamn", "E-post", "Språk"]
        assert table.rows[1] == ["Johan", "Berg", "JOHAN@example.se", "en"]
        assert guess_mapping(table) == {
            "email": 2,
            "name": None,
            "given_name": 0,
            "family_name": 1,
            "language": 3,
        }

    def test_windows_1252_csv_with_commas(self):
        table = read_table(csv_bytes("Name,Email", "Åsa Öberg,asa@example.se", encoding="cp1252"), "x.csv")
        assert table.rows == [["Åsa Öberg", "asa@example.se"]]
        assert guess_mapping(table)["name"] == 0

    def test_xlsx_first_sheet(self):
        table = read_table(xlsx_bytes([["Namn", "E-postadress"], ["Omar Said", "omar@example.se"]]), "a.xlsx")
        assert table.rows == [["Omar Said", "omar@example.se"]]
        assert guess_mapping(table)["email"] == 1

    def test_email_column_found_from_its_cells_when_the_header_says_nothing(self):
        table = read_table(csv_bytes("Deltagare;Kontakt", "A B;a@example.se"), "x.csv")
        assert guess_mapping(table)["email"] == 1

    @pytest.mark.parametrize(
        ("content", "filename", "message"),
        [
            (b"", "x.csv", "Filen är tom."),
            (csv_bytes("Namn;E-post"), "x.csv", "Filen har en rubrikrad men inga deltagare under den."),
            (
                b"\xd0\xcf\x11\xe0 old excel",
                "x.xls",
                "Spara kalkylbladet som .xlsx eller .csv och ladda upp den filen.",
            ),
            (b"PK\x03\x04 not really a zip", "x.xlsx", "XLSX-filen gick inte att läsa."),
            (b"a\x00b\x00c", "x.csv", "Filen är inte en CSV- eller XLSX-fil."),
        ],
    )
    def test_unreadable_files_are_refused_with_the_reason(self, content, filename, message):
        with pytest.raises(ValidationFailed) as error:
            read_table(content, filename)
        assert error.value.message == message

    def test_too_large_file_is_refused(self):
        with pytest.raises(ValidationFailed, match="större än 5 MB"):
            read_table(b"x" * (5 * 1024 * 1024 + 1), "big.csv")


class TestCheckingRows:
    def test_every_bad_row_is_named_with_what_is_wrong(self, published, issuer):
        services.issue_credential(version=published, email="had@example.se", name="Had", acting_user=issuer)
        checks = batches.check_rows(
            version=published,
            rows=[
                (2, "ok@example.se", "Ok", "sv"),
                (3, "not-an-address", "Bad Mail", "sv"),
                (4, "", "", "sv"),
                (5, "OK@example.se", "Twice", "sv"),
                (6, "lang@example.se", "Lang", "de"),
                (7, "had@example.se", "Had", "sv"),
            ],
        )
        assert [(c.number, c.errors, c.already_issued) for c in checks] == [
            (2, [], False),
            (3, ["not-an-address är inte en giltig e-postadress."], False),
            (4, ["E-postadressen saknas.", "Namnet saknas."], False),
            (5, ["Samma e-postadress som rad 2."], False),
            (6, ["Språket måste vara sv eller en, inte de."], False),
            (7, [], True),
        ]

    def test_a_batch_with_any_bad_row_issues_none_and_stays_a_draft(self, published, issuer):
        content = csv_bytes("Namn;E-post", "Fatima;fatima@example.se", "Utan adress;", "Fel;fel@")
        batch = batches.create_batch(
            organisation=published.microcredential.provider,
            version=published,
            credential_format="ldp",
            filename="x.csv",
            content=content,
            acting_user=issuer,
        )
        with pytest.raises(batches.BatchRowsInvalid) as error:
            batches.start_batch(batch=batch, mapping=batch.mapping, acting_user=issuer)
        assert [row.number for row in error.value.rows] == [3, 4]
        batch.refresh_from_db()
        assert batch.status == BatchStatus.DRAFT and not batch.rows.exists()
        assert Credential.objects.count() == 0 and mail.outbox == []
        # The draft keeps why it could not start, and the lists say so instead of "Not started".
        assert batch.error == "2 rader har fel. Rätta dem och försök igen; inget utfärdades."
        page = verified_client(issuer).get(
            reverse("issuer_credentials", args=[published.microcredential.provider.slug])
        )
        assert "Kunde inte starta" in page.content.decode() and batch.error in page.content.decode()
        assert "Inte startad" not in page.content.decode()

    def test_missing_columns_are_reported_before_any_row(self, published, issuer):
        batch = batches.create_batch(
            organisation=published.microcredential.provider,
            version=published,
            credential_format="ldp",
            filename="x.csv",
            content=csv_bytes("Kurs;Ort", "Demens;Ystad"),
            acting_user=issuer,
        )
        preview = batches.preview(batch=batch)
        assert preview.mapping_errors == [
            "Välj kolumnen med deltagarnas e-postadresser.",
            "Välj kolumnen med deltagarnas namn (eller för- och efternamn).",
        ]
        with pytest.raises(ValidationFailed) as error:
            batches.start_batch(batch=batch, mapping={"email": "7"}, acting_user=issuer)
        assert "Filen har ingen kolumn 7." in error.value.message


class TestRunningABatch:
    def test_every_learner_gets_a_signed_credential_an_email_and_an_audit_entry(self, published, issuer):
        batch = start(published, issuer)
        batch.refresh_from_db()
        assert (batch.status, batch.total, batch.issued_count, batch.existing_count) == ("done", 3, 3, 0)
        credentials = Credential.objects.filter(batch=batch).order_by("recipient_email")
        assert [(c.recipient_email, c.recipient_name, c.recipient_language) for c in credentials] == [
            ("fatima@example.se", "Fatima Ahmed", "sv"),
            ("johan@example.se", "Johan Berg", "en"),
            ("linnea@example.se", "Linnéa Åberg", "sv"),
        ]
        assert all(c.issued_by == issuer for c in credentials)
        subjects = {m.to[0]: m.subject for m in mail.outbox}
        assert subjects == {
            "fatima@example.se": "Du har fått mikromeriten Demensvård – grunder",
            "johan@example.se": "You have received the micro-credential Demensvård – grunder",
            "linnea@example.se": "Du har fått mikromeriten Demensvård – grunder",
        }
        assert "http://testserver/claim/" in mail.outbox[0].body  # a single-use claim link (the wallet)
        assert AuditEntry.objects.filter(action="credential.issued").count() == 3
        assert list(
            AuditEntry.objects.filter(action__startswith="batch.").values_list("action", flat=True)
        ) == [
            "batch.finished",
            "batch.started",
        ]
        assert verify_chain().intact
        assert batch.source_file is None  # the uploaded list is not kept once its rows are stored

    def test_status_indexes_are_distinct_and_the_credentials_verify(self, published, issuer, provider):
        from tests.issuing.test_issuing import verify

        start(published, issuer)
        credentials = list(Credential.objects.all())
        assert len({c.status_entry_index for c in credentials}) == 3
        assert StatusList.objects.get(purpose="message").next_index == 3
        for credential in credentials:
            assert verify(credential.document, provider).verified

    def test_jwt_batch(self, published, issuer):
        batch = start(published, issuer, credential_format="jwt")
        assert all(c.token.count(".") == 2 for c in Credential.objects.filter(batch=batch))

    def test_learners_who_already_hold_it_are_skipped_not_issued_twice(self, published, issuer):
        first = services.issue_credential(
            version=published, email="johan@example.se", name="Johan", acting_user=issuer
        )
        batch = start(published, issuer)
        batch.refresh_from_db()
        assert (batch.issued_count, batch.existing_count) == (2, 1)
        assert batch.rows.get(email="johan@example.se").credential == first.credential
        assert Credential.objects.count() == 3

    def test_an_xlsx_file_with_explicit_mapping(self, published, issuer):
        content = xlsx_bytes([["Deltagare", "Adress"], ["Omar Said", "omar@example.se"]])
        batch = start(
            published, issuer, content=content, filename="lista.xlsx", mapping={"email": 1, "name": 0}
        )
        assert Credential.objects.get(batch=batch).recipient_name == "Omar Said"

    def test_a_batch_whose_microcredential_was_retired_stops_and_says_why(self, published, issuer, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        batch = start(published, issuer)
        published.status = "retired"
        published.save(update_fields=["status"])
        batch = batches.process_batch(batch_id=str(batch.pk))
        assert batch.status == BatchStatus.FAILED
        assert batch.error == "Bara publicerade mikromeriter kan utfärdas."
        assert Credential.objects.count() == 0

    def test_a_batch_of_someone_who_left_does_not_run_as_the_shell(self, published, issuer, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        batch = start(published, issuer)
        issuer.delete()
        batch = batches.process_batch(batch_id=str(batch.pk))
        assert batch.status == BatchStatus.FAILED and Credential.objects.count() == 0


@pytest.mark.django_db(transaction=True)
class TestSurvivingAWorkerCrash:
    def test_a_batch_interrupted_half_way_is_resumed_and_nobody_is_issued_twice(
        self, published, issuer, settings, monkeypatch
    ):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        monkeypatch.setattr(batches, "CHUNK_SIZE", 2)
        content = csv_bytes("Namn;E-post", *[f"Person {n};p{n}@example.se" for n in range(7)])
        batch = start(published, issuer, content=content)
        assert DBTaskResult.objects.count() == 1  # queued in the same transaction as the batch
        # A worker takes the job, finishes one chunk and dies (the task stays marked as running).
        task = DBTaskResult.objects.get()
        task.claim("crashed-worker")
        batches.process_batch(batch_id=str(batch.pk), max_chunks=1)
        batch.refresh_from_db()
        assert (batch.status, batch.issued_count) == ("running", 2)
        # Nothing happens while the heartbeat is fresh: the worker may still be alive.
        assert batches.resume_interrupted_batches() == []
        IssuingBatch.objects.filter(pk=batch.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=3))
        # A new worker starts: it notices the stale batch and finishes it.
        call_command("worker", "--batch", "--interval", "0")
        batch.refresh_from_db()
        assert (batch.status, batch.issued_count, batch.existing_count) == ("done", 7, 0)
        assert Credential.objects.count() == 7
        credential_mails = [m.to[0] for m in mail.outbox if m.subject.startswith("Du har fått")]
        assert sorted(credential_mails) == sorted(f"p{n}@example.se" for n in range(7))
        assert batches.resume_interrupted_batches(stale_after=timedelta(0)) == []


class TestBatchPages:
    def test_issuer_uploads_checks_starts_and_sees_progress(self, published, issuer, provider):
        browser = verified_client(issuer)
        credentials_page = browser.get(reverse("issuer_credentials", args=[provider.slug])).content.decode()
        new_url = reverse("issuer_batch_new", args=[provider.slug])
        assert new_url in credentials_page
        upload = io.BytesIO(csv_bytes("Namn;E-post", "Fatima Ahmed;fatima@example.se", "Utan;"))
        upload.name = "deltagare.csv"
        response = browser.post(new_url, {"version": published.pk, "format": "ldp", "file": upload})
        batch = IssuingBatch.objects.get()
        assert response.status_code == 302 and response["Location"] == reverse(
            "issuer_batch", args=[provider.slug, batch.pk]
        )
        page = browser.get(response["Location"]).content.decode()
        assert "1 deltagare får meriten." in page
        assert "1 rad har fel." in page
        assert "E-postadressen saknas." in page
        assert 'name="start"' not in page  # nothing can be started while a row is wrong

        # The issuer points the name column elsewhere, sees it, then fixes the file and starts.
        upload = io.BytesIO(
            csv_bytes("Namn;E-post", "Fatima Ahmed;fatima@example.se", "Johan Berg;johan@example.se")
        )
        upload.name = "deltagare.csv"
        response = browser.post(new_url, {"version": published.pk, "format": "ldp", "file": upload})
        batch_url = response["Location"]
        page = browser.get(batch_url).content.decode()
        assert "Utfärda 2 meriter" in page
        response = browser.post(batch_url, {"email": "1", "name": "0", "start": "1"})
        assert response.status_code == 302
        progress = browser.get(batch_url).content.decode()
        assert "2 av 2 deltagare klara" in progress
        assert "Klar" in progress
        assert Credential.objects.count() == 2

    def test_the_example_file_is_recognised_as_it_is(self, published, issuer, provider):
        response = verified_client(issuer).get(reverse("issuer_batch_example", args=[provider.slug]))
        assert response["Content-Disposition"] == 'attachment; filename="deltagare.xlsx"'
        table = read_table(response.content, "deltagare.xlsx")
        assert table.headers == ["Förnamn", "Efternamn", "E-post", "Språk"]
        assert guess_mapping(table) == {
            "email": 2,
            "name": None,
            "given_name": 0,
            "family_name": 1,
            "language": 3,
        }
        assert [row[2] for row in table.rows] == [
            f"fatima@{DEMO_EMAIL_DOMAIN}",
            f"johan@{DEMO_EMAIL_DOMAIN}",
            f"linnea@{DEMO_EMAIL_DOMAIN}",
        ]  # the demo's learners, so the README's walk from batch to wallet follows
        batch = start(published, issuer, content=response.content, filename="deltagare.xlsx")
        assert batch.total == 3

    def test_a_started_batch_shows_the_bad_rows_when_the_list_changed(self, published, issuer, provider):
        browser = verified_client(issuer)
        batch = batches.create_batch(
            organisation=provider,
            version=published,
            credential_format="ldp",
            filename="x.csv",
            content=csv_bytes("Namn;E-post", "A;a@example.se", "B;b@example.se"),
            acting_user=issuer,
        )
        # Mapping the name column onto the e-mail column makes every row fail the check at start.
        response = browser.post(
            reverse("issuer_batch", args=[provider.slug, batch.pk]), {"email": "0", "name": "0", "start": "1"}
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "2 rader har fel. Rätta dem och försök igen; inget utfärdades." in page
        assert Credential.objects.count() == 0

    def test_progress_fragment_polls_while_running(self, published, issuer, provider, settings):
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        batch = start(published, issuer)
        fragment = verified_client(issuer).get(
            reverse("issuer_batch_progress", args=[provider.slug, batch.pk])
        )
        html = fragment.content.decode()
        assert 'hx-trigger="every 1s"' in html and "0 av 3 deltagare klara" in html
        assert "<html" not in html

    def test_other_organisations_and_learners_cannot_see_a_batch(
        self, published, issuer, provider, other_provider, learner
    ):
        batch = start(published, issuer)
        other_issuer = member(other_provider, "issuer")
        url = reverse("issuer_batch", args=[provider.slug, batch.pk])
        assert verified_client(other_issuer).get(url).status_code == 404
        assert (
            verified_client(other_issuer)
            .get(reverse("issuer_batch", args=[other_provider.slug, batch.pk]))
            .status_code
            == 404
        )
        assert verified_client(learner).get(url).status_code in (403, 404)
        assert Client().get(url).status_code == 302

    def test_issuer_cannot_batch_another_organisations_microcredential(self, published, other_provider):
        other_issuer = member(other_provider, "issuer")
        with pytest.raises((NotFound, PermissionDenied)):
            batches.create_batch(
                organisation=other_provider,
                version=published,
                credential_format="ldp",
                filename="x.csv",
                content=GOOD_CSV,
                acting_user=other_issuer,
            )


def api_client(user, scopes, organisation=None):
    _token, secret = account_services.create_api_token(
        user=user, name="t", scopes=scopes, organisation=organisation
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


class TestBatchApi:
    def test_json_batch_is_accepted_and_reports_progress(self, published, issuer, provider):
        client = api_client(issuer, ["issue", "read"], provider)
        response = client.post(
            "/api/v1/credentials/batches",
            {
                "microcredential": published.microcredential.slug,
                "recipients": [
                    {"email": "a@example.se", "name": "A"},
                    {"email": "b@example.se", "name": "B", "language": "en"},
                ],
            },
            content_type="application/json",
        )
        assert response.status_code == 202, response.content
        body = response.json()
        # The tests' immediate task backend has run the job by the time the response is built.
        assert (body["total"], body["status"]) == (2, "done")
        progress = client.get(f"/api/v1/credentials/batches/{body['id']}").json()
        assert (progress["status"], progress["issued"], progress["already_issued"]) == ("done", 2, 0)

    def test_bad_rows_give_422_listing_each_and_nothing_is_issued(self, published, issuer, provider):
        client = api_client(issuer, ["issue"], provider)
        response = client.post(
            "/api/v1/credentials/batches",
            {
                "microcredential": published.microcredential.slug,
                "recipients": [
                    {"email": "a@example.se", "name": "A"},
                    {"email": "a@example.se", "name": "A again"},
                    {"email": "nope", "name": ""},
                ],
            },
            content_type="application/json",
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "batch_rows_invalid"
        assert body["rows"] == [
            {"row": 2, "email": "a@example.se", "errors": ["The same e-mail address as row 1."]},
            {
                "row": 3,
                "email": "nope",
                "errors": ["nope is not a valid e-mail address.", "The name is missing."],
            },
        ]
        assert Credential.objects.count() == 0 and IssuingBatch.objects.count() == 0

    def test_file_upload(self, published, issuer, provider):
        client = api_client(issuer, ["issue", "read"], provider)
        upload = io.BytesIO(GOOD_CSV)
        upload.name = "deltagare.csv"
        response = client.post(
            "/api/v1/credentials/batches/upload",
            {"microcredential": published.microcredential.slug, "file": upload, "format": "jwt"},
        )
        assert response.status_code == 202, response.content
        assert Credential.objects.filter(format="jwt").count() == 3

    def test_another_organisations_token_cannot_batch_or_read(
        self, published, issuer, provider, other_provider
    ):
        batch = start(published, issuer)
        other = api_client(member(other_provider, "issuer"), ["issue", "read"], other_provider)
        response = other.post(
            "/api/v1/credentials/batches",
            {
                "microcredential": published.microcredential.slug,
                "recipients": [{"email": "x@example.se", "name": "X"}],
            },
            content_type="application/json",
        )
        assert response.status_code in (403, 404)
        assert other.get(f"/api/v1/credentials/batches/{batch.pk}").status_code in (403, 404)

    def test_read_scope_cannot_start_a_batch(self, published, issuer, provider):
        client = api_client(issuer, ["read"], provider)
        response = client.post(
            "/api/v1/credentials/batches",
            {
                "microcredential": published.microcredential.slug,
                "recipients": [{"email": "x@example.se", "name": "X"}],
            },
            content_type="application/json",
        )
        assert response.status_code == 403


class TestBatchCommand:
    def test_shell_issues_a_file_and_reports(self, published, tmp_path):
        path = tmp_path / "lista.csv"
        path.write_bytes(GOOD_CSV)
        out = io.StringIO()
        call_command(
            "credentials", "batch", str(path), "--microcredential", published.microcredential.slug, stdout=out
        )
        assert "Issued 3, already held 0, of 3." in out.getvalue()
        assert AuditEntry.objects.filter(action="batch.started", actor_label="shell").exists()

    def test_shell_lists_every_bad_row_and_issues_nothing(self, published, tmp_path):
        path = tmp_path / "lista.csv"
        path.write_bytes(csv_bytes("Namn;E-post", "A;a@example.se", "B;bad"))
        err = io.StringIO()
        with pytest.raises(CommandError):
            call_command(
                "credentials",
                "batch",
                str(path),
                "--microcredential",
                published.microcredential.slug,
                stderr=err,
            )
        assert "row 3 (bad): bad är inte en giltig e-postadress." in err.getvalue()
        assert Credential.objects.count() == 0
