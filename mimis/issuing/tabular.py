"""Reading the learner lists issuers upload: CSV (as Excel and LibreOffice save it) and XLSX.

Only reading and column guessing lives here; which rows are valid is decided in ``batches``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from mimis.errors import ValidationFailed
from mimis.issuing.models import MAX_BATCH_FILE_BYTES, MAX_BATCH_ROWS


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]  # data rows, header excluded; row n of ``rows`` is line n + 2 of the file

    def column_label(self, index: int) -> str:
        letter = _column_letter(index)
        header = self.headers[index] if index < len(self.headers) else ""
        return f"{letter}: {header}" if header else letter


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def read_table(content: bytes, filename: str) -> Table:
    """The first sheet (XLSX) or the file (CSV) as text cells. Raises ValidationFailed naming the problem."""
    if not content:
        raise ValidationFailed(_("The file is empty."), field="file")
    if len(content) > MAX_BATCH_FILE_BYTES:
        raise ValidationFailed(
            _("The file is larger than %(mb)d MB. Split it into several batches.")
            % {"mb": MAX_BATCH_FILE_BYTES // (1024 * 1024)},
            field="file",
        )
    if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        cells = _read_xlsx(content)
    elif filename.lower().endswith((".xls", ".ods", ".numbers")):
        raise ValidationFailed(_("Save the spreadsheet as .xlsx or .csv and upload that file."), field="file")
    else:
        cells = _read_csv(content)
    cells = [row for row in cells if any(cell for cell in row)]
    if not cells:
        raise ValidationFailed(_("The file has no rows."), field="file")
    headers, rows = cells[0], cells[1:]
    if not rows:
        raise ValidationFailed(_("The file has a header row but no learners below it."), field="file")
    if len(rows) > MAX_BATCH_ROWS:
        raise ValidationFailed(
            _("The file has %(rows)d learners; one batch takes at most %(max)d.")
            % {"rows": len(rows), "max": MAX_BATCH_ROWS},
            field="file",
        )
    width = max(len(row) for row in cells)
    pad = lambda row: row + [""] * (width - len(row))  # noqa: E731
    return Table(headers=pad(headers), rows=[pad(row) for row in rows])


def _read_csv(content: bytes) -> list[list[str]]:
    # Excel saves CSV as UTF-8 with a BOM, or in Windows-1252 when asked for "CSV"; both are common here.
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ValidationFailed(_("The file is not a CSV or XLSX file."), field="file")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        dialect = type("Guessed", (csv.excel,), {"delimiter": delimiter})
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise ValidationFailed(
            _("The CSV file could not be read: %(error)s") % {"error": exc}, field="file"
        ) from exc


#: A learner list needs a handful of columns; more than this is not one (and would cost memory).
MAX_COLUMNS = 50
#: Empty rows between learners are skipped, but a sheet that is mostly empty rows is not read to its end.
MAX_SHEET_ROWS = 2 * (MAX_BATCH_ROWS + 1)


def _read_xlsx(content: bytes) -> list[list[str]]:
    """The first sheet's cells, streamed: the size the sheet declares (``<dimension ref="A1:XFD20001"/>``)
    is never trusted, rows and columns are bounded while reading, and reading stops at the first excess."""
    from openpyxl import load_workbook

    try:
        # openpyxl refuses XML entity tricks; the size limit above bounds what a zip bomb could expand
        # into only loosely, so the uncompressed size is checked too.
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(info.file_size for info in archive.infolist()) > 20 * MAX_BATCH_FILE_BYTES:
                raise ValidationFailed(_("The spreadsheet unpacks to too much data."), field="file")
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ValidationFailed:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationFailed(_("The XLSX file could not be read."), field="file") from exc
    try:
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # read the cells that are there, not the size the file claims
        rows: list[list[str]] = []
        filled = 0
        try:
            for count, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)):
                cells = ["" if value is None else str(value).strip() for value in row]
                if len(cells) > MAX_COLUMNS and cells[MAX_COLUMNS]:
                    raise ValidationFailed(
                        _(
                            "The sheet has more than %(max)d columns. Keep only the columns with the learners "
                            "(e-mail, name, language) and upload it again."
                        )
                        % {"max": MAX_COLUMNS},
                        field="file",
                    )
                cells = cells[:MAX_COLUMNS]
                while cells and not cells[-1]:
                    cells.pop()
                rows.append(cells)
                filled += bool(cells)
                if filled > MAX_BATCH_ROWS + 1:
                    break  # read_table reports "too many learners"
                if count >= MAX_SHEET_ROWS:
                    raise ValidationFailed(
                        _("The sheet has more than %(max)d rows, most of them empty. Remove the empty rows.")
                        % {"max": MAX_SHEET_ROWS},
                        field="file",
                    )
        except ValidationFailed:
            raise
        except Exception as exc:  # a broken sheet inside a valid zip
            raise ValidationFailed(_("The XLSX file could not be read."), field="file") from exc
        return rows
    finally:
        workbook.close()


def table_to_bytes(table: Table) -> bytes:
    """The parsed table as it is kept with a draft batch, so the upload is parsed only once."""
    return STORED_TABLE_MARK + json.dumps(
        {"headers": table.headers, "rows": table.rows}, ensure_ascii=False, separators=(",", ":")
    ).encode("utf-8")


def stored_table(content: bytes, filename: str) -> Table:
    """The table of a draft batch: the parsed form kept at upload, or (for drafts kept before that) the
    original file, parsed again."""
    if content.startswith(STORED_TABLE_MARK):
        data = json.loads(content[len(STORED_TABLE_MARK) :].decode("utf-8"))
        return Table(headers=data["headers"], rows=data["rows"])
    return read_table(content, filename)


STORED_TABLE_MARK = b"MIMIS-TABLE-1\n"


EMAIL_HEADERS = {
    "e-post",
    "epost",
    "e-postadress",
    "epostadress",
    "email",
    "e-mail",
    "mail",
    "email address",
    "e-mail address",
}
NAME_HEADERS = {
    "namn",
    "name",
    "fullständigt namn",
    "full name",
    "deltagare",
    "participant",
    "learner",
    "deltagarens namn",
}
GIVEN_NAME_HEADERS = {"förnamn", "fornamn", "first name", "given name", "firstname"}
FAMILY_NAME_HEADERS = {"efternamn", "last name", "family name", "surname", "lastname"}
LANGUAGE_HEADERS = {"språk", "sprak", "language", "lang"}


def guess_mapping(table: Table) -> dict[str, int | None]:
    """Which column holds what, from the header names (Swedish or English); None where unknown."""
    normalised = [" ".join(h.lower().replace("_", " ").split()) for h in table.headers]

    def find(names: set[str]) -> int | None:
        return next((i for i, header in enumerate(normalised) if header in names), None)

    mapping = {
        "email": find(EMAIL_HEADERS),
        "name": find(NAME_HEADERS),
        "given_name": find(GIVEN_NAME_HEADERS),
        "family_name": find(FAMILY_NAME_HEADERS),
        "language": find(LANGUAGE_HEADERS),
    }
    if mapping["email"] is None:
        # No header says e-mail: take the column whose cells look like addresses.
        for index in range(len(table.headers)):
            cells = [row[index] for row in table.rows[:20] if row[index]]
            if cells and all("@" in cell for cell in cells):
                mapping["email"] = index
                break
    return mapping


#: The e-mail domain of the demo's people (``mimis.demo.data.DEMO_EMAIL_DOMAIN``; issuing may not import demo).
DEMO_LEARNER_DOMAIN = "demo.mimis.example"


def example_workbook(*, language: str) -> bytes:
    """An XLSX file with the headers MIMIS recognises and three example rows (the demo's learners), for
    issuers to fill in."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    # The demo's learners, so that in the demo the example file leads from the batch to their wallets; the
    # addresses are under the reserved .example domain, so they reach nobody outside a demo.
    learners = [
        ("Fatima", "Ahmed", f"fatima@{DEMO_LEARNER_DOMAIN}", "sv"),
        ("Johan", "Persson", f"johan@{DEMO_LEARNER_DOMAIN}", "sv"),
        ("Linnea", "Berg", f"linnea@{DEMO_LEARNER_DOMAIN}", "en"),
    ]
    if language == "sv":
        sheet.title = "Deltagare"
        sheet.append(["Förnamn", "Efternamn", "E-post", "Språk"])
    else:
        sheet.title = "Learners"
        sheet.append(["First name", "Last name", "E-mail", "Language"])
    for row in learners:
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in "ABCD":
        sheet.column_dimensions[column].width = 28
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
