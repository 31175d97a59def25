"""Checking an uploaded evidence file before it is stored.

The size is checked before anything is read; the type is decided from the content (magic bytes and,
for office documents, the ZIP's own table of contents) and must agree with the name's extension;
office documents are refused when their ZIP would expand to far more than they weigh (a zip bomb), and
images when their pixel count would exhaust memory when opened (a decompression bomb). The stored name
is random; the original name is only kept, cleaned, to show the person what they sent. Nothing here
renders the file: it is only ever sent back as a download.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from mimis.validation.errors import BadUpload

MAX_IMAGE_PIXELS = 40_000_000
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_RATIO = 100  # uncompressed size per compressed byte, for any one entry
MAX_ZIP_UNCOMPRESSED = 100 * 1024 * 1024

OFFICE = {
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/"),
}
ODF = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}
IMAGES = {".png": ("image/png", "PNG"), ".jpg": ("image/jpeg", "JPEG"), ".jpeg": ("image/jpeg", "JPEG")}
ALLOWED_EXTENSIONS = (".pdf", *IMAGES, *OFFICE, *ODF)


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int


def max_upload_bytes() -> int:
    return int(getattr(settings, "MIMIS_VALIDATION_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def clean_name(name: str) -> str:
    """The file's own name without folders, control characters or anything a shell or browser reads."""
    name = unicodedata.normalize("NFKC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w.\- ]", "_", name).strip(" .")
    name = re.sub(r"\s+", " ", name)
    if len(name) > 100:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 100 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 8 else name[:100]
    return name or "fil"


def _refuse(message: str) -> BadUpload:
    return BadUpload(message, field="file")


def _check_zip(data: bytes, extension: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise _refuse(_("The file is damaged. Save it again and send it once more.")) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _refuse(_("The document is too complex to check. Save it as PDF and send it again."))
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1) or total > MAX_ZIP_UNCOMPRESSED:
            raise _refuse(_("The document is too complex to check. Save it as PDF and send it again."))
        if info.filename.lower().endswith((".bin", ".exe", ".dll", ".vbs", ".js")) or "vbaProject" in (
            info.filename
        ):
            raise _refuse(_("Documents with macros or programs are not allowed. Save it as PDF."))
    names = {info.filename for info in infos}
    if extension in OFFICE:
        content_type, folder = OFFICE[extension]
        if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
            raise _refuse(_("The file's content does not match its name. Choose another file."))
        return content_type
    expected = ODF[extension]
    try:
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    except KeyError as exc:
        raise _refuse(_("The file's content does not match its name. Choose another file.")) from exc
    if mimetype != expected:
        raise _refuse(_("The file's content does not match its name. Choose another file."))
    return expected


def _check_image(data: bytes, extension: str) -> str:
    from PIL import Image

    content_type, pil_format = IMAGES[extension]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width, height = image.size
                actual = image.format
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _refuse(_("The picture is too large. Make it smaller and send it again.")) from exc
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise _refuse(_("The picture is damaged. Take it again or choose another.")) from exc
    if actual != pil_format:
        raise _refuse(_("The file's content does not match its name. Choose another file."))
    if width * height > MAX_IMAGE_PIXELS:
        raise _refuse(_("The picture is too large. Make it smaller and send it again."))
    return content_type


def check_upload(upload: IO[bytes], *, name: str, size: int) -> tuple[CheckedFile, bytes]:
    """The checked file and its bytes; BadUpload with a plain message when it cannot be used."""
    limit = max_upload_bytes()
    if size > limit:
        raise _refuse(
            _("The file is too large. The largest allowed is %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        )
    cleaned = clean_name(name)
    extension = ("." + cleaned.rsplit(".", 1)[-1].lower()) if "." in cleaned else ""
    if extension not in ALLOWED_EXTENSIONS:
        raise _refuse(
            _(
                "Send a PDF, a picture (JPG or PNG) or an office document (Word, Excel, PowerPoint, OpenDocument)."
            )
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _refuse(
            _("The file is too large. The largest allowed is %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        )
    if not data:
        raise _refuse(_("The file is empty. Choose another file."))
    if extension == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise _refuse(_("The file's content does not match its name. Choose another file."))
        content_type = "application/pdf"
    elif extension in IMAGES:
        content_type = _check_image(data, extension)
    else:
        if not data.startswith(b"PK\x03\x04"):
            raise _refuse(_("The file's content does not match its name. Choose another file."))
        content_type = _check_zip(data, extension)
    return CheckedFile(cleaned, extension, content_type, len(data)), data
