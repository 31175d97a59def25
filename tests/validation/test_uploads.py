"""Evidence files: refused clearly when too large, of the wrong type, disguised or a bomb; nothing stored then."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from mimis.validation import services
from mimis.validation.errors import BadUpload
from mimis.validation.models import Evidence
from mimis.validation.uploads import check_upload, clean_name
from tests.validation.conftest import PDF


@pytest.fixture
def case(version, learner):  # type: ignore[no-untyped-def]
    return services.start_case(version=version, person=learner, acting_user=learner)


def add(case, learner, data: bytes, name: str, size: int | None = None):  # type: ignore[no-untyped-def]
    outcome = case.version.learning_outcomes.first()
    return services.add_file_evidence(
        case=case,
        acting_user=learner,
        upload=io.BytesIO(data),
        name=name,
        size=len(data) if size is None else size,
        title="Bevis",
        outcomes=[outcome.pk],
    )


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def docx(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


class TestRefused:
    def test_a_file_over_the_limit_is_refused_before_it_is_read(self, case, learner, settings):  # type: ignore[no-untyped-def]
        settings.MIMIS_VALIDATION_MAX_UPLOAD_BYTES = 1024

        class Unreadable(io.BytesIO):
            def read(self, *args):  # type: ignore[no-untyped-def]
                raise AssertionError("read before the size check")

        with pytest.raises(BadUpload) as caught:
            check_upload(Unreadable(), name="stor.pdf", size=2048)
        assert caught.value.code == "validation_bad_upload" and caught.value.field == "file"

    def test_a_file_that_lies_about_its_size_is_still_refused(self, case, learner, settings):  # type: ignore[no-untyped-def]
        settings.MIMIS_VALIDATION_MAX_UPLOAD_BYTES = 1024
        with pytest.raises(BadUpload):
            add(case, learner, PDF + b"0" * 2000, "intyg.pdf", size=10)
        assert not Evidence.objects.exists()

    @pytest.mark.parametrize(
        ("data", "name"),
        [
            (b"MZ\x90\x00 program", "program.exe"),
            (b"MZ\x90\x00 program", "intyg.pdf"),  # a program disguised as a PDF
            (b"<html><script>alert(1)</script>", "sida.html"),
            (PDF, "intyg.png"),  # a PDF named as a picture
            (b"GIF89a" + b"\x00" * 20, "bild.jpg"),
            (docx({"word/vbaProject.bin": b"macro"}), "makro.docx"),
            (docx(), "kalkyl.xlsx"),  # a Word document named as a spreadsheet
        ],
    )
    def test_wrong_or_disguised_types_are_refused(self, case, learner, data, name):  # type: ignore[no-untyped-def]
        with pytest.raises(BadUpload):
            add(case, learner, data, name)
        assert not Evidence.objects.exists()

    def test_a_zip_bomb_disguised_as_a_word_document_is_refused(self, case, learner):  # type: ignore[no-untyped-def]
        bomb = docx({"word/media/huge.xml": b"\x00" * (50 * 1024 * 1024)})
        assert len(bomb) < 1024 * 1024
        with pytest.raises(BadUpload):
            add(case, learner, bomb, "cv.docx")
        assert not Evidence.objects.exists()

    def test_an_image_decompression_bomb_is_refused(self, case, learner):  # type: ignore[no-untyped-def]
        bomb = png(10_000, 10_000)  # 100 million pixels in a few kilobytes
        assert len(bomb) < 1024 * 1024
        with pytest.raises(BadUpload):
            add(case, learner, bomb, "bild.png")


class TestAccepted:
    def test_a_pdf_a_picture_and_a_word_document_are_stored_privately_with_clean_names(self, case, learner):  # type: ignore[no-untyped-def]
        first = add(case, learner, PDF, "../../../etc/passwd<script>.pdf")
        second = add(case, learner, png(20, 20), "foto från jobbet.PNG")
        third = add(case, learner, docx(), "CV.docx")
        assert first.original_name == "passwd_script_.pdf"
        assert second.content_type == "image/png" and third.content_type.endswith("wordprocessingml.document")
        assert "/private/validation/" in first.file.path and "passwd" not in first.file.name

    def test_names_lose_folders_and_control_characters(self):  # type: ignore[no-untyped-def]
        assert clean_name("C:\\Users\\x\\intyg\x00.pdf") == "intyg_.pdf"
        assert clean_name("") == "fil"
