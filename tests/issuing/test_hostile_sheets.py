"""Issue 16, "an XLSX that declares a huge sheet": a 5 KB file claiming <dimension ref="A1:XFD20001"/> cost
105 s of CPU and 2.7 GB, and was parsed again on every preview and on start (holding the write lock). The
declared size is never trusted, rows and columns are bounded while streaming, and the upload is parsed once."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest

from mimis.errors import ValidationFailed
from mimis.issuing import batches, tabular
from mimis.issuing.tabular import read_table
from tests.issuing.test_batches import issuer, published, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.django_db

SHEET = "xl/worksheets/sheet1.xml"


def crafted(*, dimension: str | None = None, sheet_data: str | None = None) -> bytes:
    """A real workbook whose first sheet says what an attacker wants: a false size, or other rows."""
    original = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Namn", "E-post"], ["Omar Said", "omar@example.se"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == SHEET:
                text = data.decode()
                if dimension is not None:
                    text = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', text)
                if sheet_data is not None:
                    text = re.sub(
                        r"<sheetData>.*</sheetData>", f"<sheetData>{sheet_data}</sheetData>", text, flags=re.S
                    )
                data = text.encode()
            archive.writestr(info.filename, data)
    return out.getvalue()


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def learner_rows(count: int, start: int = 2) -> str:
    return "".join(
        f'<row r="{n}">{cell(f"A{n}", f"Person {n}")}{cell(f"B{n}", f"p{n}@example.se")}</row>'
        for n in range(start, start + count)
    )


HEADER = f'<row r="1">{cell("A1", "Namn")}{cell("B1", "E-post")}</row>'


def timed(function, *args):  # type: ignore[no-untyped-def]
    started = time.process_time()
    try:
        return function(*args), time.process_time() - started
    except ValidationFailed as error:
        return error, time.process_time() - started


class TestDeclaredSize:
    def test_a_sheet_declaring_xfd20001_is_read_as_the_cells_it_holds_in_well_under_a_second(self):
        content = crafted(dimension="A1:XFD20001")
        assert len(content) < 10_000
        table, seconds = timed(read_table, content, "lista.xlsx")
        assert seconds < 2, seconds
        assert table.headers == ["Namn", "E-post"]
        assert table.rows == [["Omar Said", "omar@example.se"]]

    def test_too_many_learners_are_refused_while_streaming(self):
        content = crafted(dimension="A1:XFD1048576", sheet_data=HEADER + learner_rows(20_001))
        error, seconds = timed(read_table, content, "lista.xlsx")
        assert seconds < 10, seconds
        assert isinstance(error, ValidationFailed)
        assert error.message == "Filen har 20001 deltagare; en omgång kan ha högst 20000."

    def test_a_cell_far_to_the_right_is_a_clear_error(self):
        content = crafted(sheet_data=HEADER + f'<row r="2">{cell("A2", "Omar")}{cell("AY2", "x")}</row>')
        error, _seconds = timed(read_table, content, "lista.xlsx")
        assert isinstance(error, ValidationFailed)
        assert "Kalkylbladet har fler än 50 kolumner." in error.message

    def test_cells_in_every_row_at_column_xfd_cost_nothing(self):
        rows = "".join(f'<row r="{n}">{cell(f"XFD{n}", "x")}</row>' for n in range(2, 20_002))
        content = crafted(dimension="A1:XFD20001", sheet_data=HEADER + rows)
        error, seconds = timed(read_table, content, "lista.xlsx")
        assert seconds < 10, seconds
        assert isinstance(error, ValidationFailed)
        assert error.message == "Filen har en rubrikrad men inga deltagare under den."

    def test_a_learner_a_million_rows_down_is_refused_not_walked_to(self):
        content = crafted(sheet_data=HEADER + learner_rows(1, start=1_048_576))
        error, seconds = timed(read_table, content, "lista.xlsx")
        assert seconds < 10, seconds
        assert isinstance(error, ValidationFailed)
        assert "fler än 40002 rader, de flesta tomma" in error.message


class TestParsedOnce:
    def test_upload_preview_and_start_read_the_spreadsheet_once(self, published, issuer, monkeypatch):  # noqa: F811
        calls = []
        real = tabular._read_xlsx
        monkeypatch.setattr(tabular, "_read_xlsx", lambda content: calls.append(1) or real(content))
        content = crafted(dimension="A1:XFD20001")
        batch = batches.create_batch(
            organisation=published.microcredential.provider,
            version=published,
            credential_format="ldp",
            filename="lista.xlsx",
            content=content,
            acting_user=issuer,
        )
        preview = batches.preview(batch=batch)
        assert [row.email for row in preview.rows] == ["omar@example.se"]
        started = batches.start_batch(batch=batch, mapping=batch.mapping, acting_user=issuer)
        assert started.total == 1
        assert len(calls) == 1
