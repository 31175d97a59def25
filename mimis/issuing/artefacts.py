"""Human-readable outputs of issued credentials: badge images, baked badges and the PDF certificate.

* ``badge_svg(version)`` / ``badge_png(version)``: one badge image per micro-credential version (title,
  provider, level and credits), drawn from the same layout so both look alike. The SVG keeps its text as
  text with a ``<title>`` and ``<desc>``; the PNG is drawn with Pillow (no browser).
* ``baked_svg(credential)`` / ``baked_png(credential)``: the badge with the signed credential inside
  (Open Badges 3.0 baking, ``mimis.vc.baking``): the JSON-LD credential, or the compact JWS of a JWT one.
* ``certificate_pdf(credential, language)``: an A4 certificate in Swedish or English with a QR code that
  opens the public verification page of the credential, and the signed credential embedded as a file
  attachment (``credential.json`` or ``credential.jwt``) so the PDF itself can be checked on ``/verify/``.

Texts follow the active language (the certificate switches to the one asked for). Everything is drawn
with DejaVu Sans, shipped in ``fonts/`` (see its LICENSE.txt), so å, ä, ö and other Latin, Greek and
Cyrillic letters render the same everywhere and no font is fetched at run time.
"""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import qrcode
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    ListFlowable,
    ListItem,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from mimis.catalog.levels import level_status
from mimis.catalog.models import MicroCredentialVersion
from mimis.issuing.models import Credential, CredentialFormat, CredentialState
from mimis.quality.selectors import qa_record
from mimis.vc import baking

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR_TTF = FONT_DIR / "DejaVuSans.ttf"
BOLD_TTF = FONT_DIR / "DejaVuSans-Bold.ttf"
SVG_FONT_FAMILY = "'DejaVu Sans', Verdana, 'Segoe UI', sans-serif"

# The palette of mimis.css (AA contrast: white on BRAND is 8.6:1).
BRAND = "#0b4f6c"
INK = "#1a1a1a"
MUTED = "#4a4a4a"
LINE = "#c5ccd3"
WASH = "#f3f6f8"
ERROR = "#a4161a"

BADGE_SIZE = 600

#: Names of the signed credential embedded in the PDF certificate (``mimis.verification`` reads them).
CERTIFICATE_JSON_ATTACHMENT = "credential.json"
CERTIFICATE_JWT_ATTACHMENT = "credential.jwt"


def signed_credential(credential: Credential) -> dict[str, Any] | str:
    """The credential exactly as signed: the JSON-LD document, or the compact JWS of a JWT credential."""
    return credential.token if credential.format == CredentialFormat.JWT else credential.document


def verification_url(credential: Credential, language: str | None = None) -> str:
    """The public page that checks this credential live (what the certificate's QR code opens)."""
    with translation.override(language or translation.get_language()):
        return settings.MIMIS_BASE_URL + reverse("verification:credential", args=[credential.pk])


def localised(obj: Any, field: str) -> str:
    """The English text (``<field>_en``) when the active language is English and there is one."""
    if translation.get_language() == "en":
        return getattr(obj, f"{field}_en", "") or getattr(obj, field)
    return getattr(obj, field)


# ---------------------------------------------------------------------------------------------------
# Badge images
# ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD_TTF if bold else REGULAR_TTF), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap by the font's real advance widths; a word wider than the line is cut."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while font.getlength(word) > width:
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _clip(lines: list[str], limit: int, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    if len(lines) <= limit:
        return lines
    last = lines[limit - 1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1].rstrip()
    return [*lines[: limit - 1], last + "…"]


@dataclass(frozen=True)
class _Text:
    text: str
    x: float
    y: float  # baseline
    size: int
    bold: bool
    fill: str


@dataclass(frozen=True)
class _BadgeLayout:
    title: str  # for <title> and PNG metadata
    description: str
    texts: list[_Text]
    separator_y: float
    pill: tuple[float, float, float, float] | None  # x, y, width, height


def _badge_facts(version: MicroCredentialVersion) -> str:
    facts = []
    # The badge is too small to say "proposed": only a level MYH has decided is printed on it.
    status = level_status(version)
    if status.decided:
        facts.append(f"SeQF {status.seqf_level}")
    if version.workload_ects:
        facts.append(f"{formats.number_format(version.workload_ects.normalize())} ECTS")
    elif version.workload_hours:
        facts.append(_("%(hours)s hours") % {"hours": version.workload_hours})
    return " · ".join(facts)


def _badge_layout(version: MicroCredentialVersion) -> _BadgeLayout:
    centre = BADGE_SIZE / 2
    title = version.display_title
    provider = version.microcredential.provider.name
    facts = _badge_facts(version)
    label = pgettext("badge label", "MICRO-CREDENTIAL")

    title_width, size = 410, 40
    for size in (40, 36, 32, 28):
        lines = _wrap(title, _font(True, size), title_width)
        if len(lines) <= (3 if size > 28 else 4):
            break
    title_lines = _clip(lines, 4, _font(True, size), title_width)
    provider_lines = _clip(_wrap(provider, _font(False, 22), 380), 2, _font(False, 22), 380)

    title_leading, provider_leading = round(size * 1.2), 28
    block = len(title_lines) * title_leading + 44 + len(provider_lines) * provider_leading
    top = max(190.0, 318 - block / 2)  # centred a little below the middle, under the label
    texts = [_Text(label, centre, 158, 22, True, BRAND)]
    y = top + size
    for line in title_lines:
        texts.append(_Text(line, centre, y, size, True, INK))
        y += title_leading
    separator_y = y - title_leading + 24
    y = separator_y + 20 + 22
    for line in provider_lines:
        texts.append(_Text(line, centre, y, 22, False, MUTED))
        y += provider_leading
    pill = None
    if facts:
        width = _font(True, 22).getlength(facts) + 44
        pill = (centre - width / 2, 450.0, width, 44.0)
        texts.append(_Text(facts, centre, 480, 22, True, "#ffffff"))
    texts.append(_Text("MIMIS", centre, 589, 18, True, "#ffffff"))
    description = " · ".join(filter(None, [provider, facts]))
    return _BadgeLayout(
        title=f"{label.capitalize()}: {title}",
        description=description,
        texts=texts,
        separator_y=separator_y,
        pill=pill,
    )


def badge_svg(version: MicroCredentialVersion) -> str:
    """An accessible SVG badge for the version: real text, a <title> and a <desc>, no scripts or links."""
    layout = _badge_layout(version)
    c = BADGE_SIZE / 2
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{BADGE_SIZE}" height="{BADGE_SIZE}" '
        f'viewBox="0 0 {BADGE_SIZE} {BADGE_SIZE}" role="img" aria-labelledby="badge-title badge-desc" '
        f'lang="{translation.get_language()}">',
        f'<title id="badge-title">{escape(layout.title)}</title>',
        f'<desc id="badge-desc">{escape(layout.description)}</desc>',
        f'<circle cx="{c:g}" cy="{c:g}" r="298" fill="{BRAND}"/>',
        f'<circle cx="{c:g}" cy="{c:g}" r="268" fill="#ffffff"/>',
        f'<circle cx="{c:g}" cy="{c:g}" r="256" fill="none" stroke="{LINE}" stroke-width="2"/>',
        f'<line x1="{c - 70:g}" y1="{layout.separator_y:g}" x2="{c + 70:g}" y2="{layout.separator_y:g}" '
        f'stroke="{BRAND}" stroke-width="3" stroke-linecap="round"/>',
    ]
    if layout.pill:
        x, y, w, h = layout.pill
        parts.append(
            f'<rect x="{x:.1f}" y="{y:g}" width="{w:.1f}" height="{h:g}" rx="{h / 2:g}" fill="{BRAND}"/>'
        )
    parts.append(f'<g font-family={quoteattr(SVG_FONT_FAMILY)} text-anchor="middle">')
    for t in layout.texts:
        weight = ' font-weight="bold"' if t.bold else ""
        parts.append(
            f'<text x="{t.x:g}" y="{t.y:g}" font-size="{t.size}"{weight} fill="{t.fill}">{escape(t.text)}</text>'
        )
    parts.append("</g></svg>\n")
    return "".join(parts)


def badge_png(version: MicroCredentialVersion) -> bytes:
    """The same badge as ``badge_svg``: 600×600 PNG, transparent outside the circle, drawn at 2× and reduced."""
    layout = _badge_layout(version)
    scale = 2
    size = BADGE_SIZE * scale
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    c = size / 2

    def circle(radius: float, **kwargs: Any) -> None:
        r = radius * scale
        draw.ellipse((c - r, c - r, c + r, c + r), **kwargs)

    circle(298, fill=BRAND)
    circle(268, fill="#ffffff")
    circle(256, outline=LINE, width=2 * scale)
    y = layout.separator_y * scale
    draw.line((c - 70 * scale, y, c + 70 * scale, y), fill=BRAND, width=3 * scale)
    if layout.pill:
        x, py, w, h = (v * scale for v in layout.pill)
        draw.rounded_rectangle((x, py, x + w, py + h), radius=h / 2, fill=BRAND)
    for t in layout.texts:
        draw.text(
            (t.x * scale, t.y * scale), t.text, font=_font(t.bold, t.size * scale), fill=t.fill, anchor="ms"
        )
    image = image.reduce(scale)  # averages each 2×2 block: smooth edges at the final size
    info = PngInfo()
    info.add_itxt("Title", layout.title)
    info.add_itxt("Description", layout.description)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def baked_png(credential: Credential) -> bytes:
    """The version's PNG badge with the signed credential in an ``openbadgecredential`` iTXt chunk."""
    return baking.bake_png(badge_png(credential.version), signed_credential(credential))


def baked_svg(credential: Credential) -> bytes:
    """The version's SVG badge (UTF-8) with the signed credential in ``<openbadges:credential>``."""
    return baking.bake_svg(badge_svg(credential.version), signed_credential(credential))


# ---------------------------------------------------------------------------------------------------
# PDF certificate
# ---------------------------------------------------------------------------------------------------

PDF_FONT = "MimisSans"
PDF_FONT_BOLD = "MimisSans-Bold"


def register_pdf_fonts() -> None:
    """Register the fonts MIMIS's PDFs use (Swedish letters included); other apps' PDFs call it too."""
    _register_pdf_fonts()


def pdf_styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of MIMIS's PDFs, for other apps' documents."""
    return _styles()


def _register_pdf_fonts() -> None:
    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(REGULAR_TTF)))
        pdfmetrics.registerFont(TTFont(PDF_FONT_BOLD, str(BOLD_TTF)))
        pdfmetrics.registerFontFamily(PDF_FONT, normal=PDF_FONT, bold=PDF_FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body",
        fontName=PDF_FONT,
        bulletFontName=PDF_FONT,
        fontSize=10,
        leading=14,
        textColor=colors.HexColor(INK),
    )
    return {
        "body": base,
        "kicker": ParagraphStyle(
            "kicker", parent=base, fontName=PDF_FONT_BOLD, fontSize=10, textColor=colors.HexColor(BRAND)
        ),
        "lead": ParagraphStyle(
            "lead", parent=base, fontSize=12, leading=16, textColor=colors.HexColor(MUTED)
        ),
        "name": ParagraphStyle("name", parent=base, fontName=PDF_FONT_BOLD, fontSize=26, leading=32),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=PDF_FONT_BOLD,
            fontSize=19,
            leading=24,
            textColor=colors.HexColor(BRAND),
        ),
        "heading": ParagraphStyle("heading", parent=base, fontName=PDF_FONT_BOLD, fontSize=12, leading=16),
        "label": ParagraphStyle("label", parent=base, fontName=PDF_FONT_BOLD, fontSize=9.5, leading=13),
        "value": ParagraphStyle("value", parent=base, fontSize=9.5, leading=13),
        "small": ParagraphStyle(
            "small", parent=base, fontSize=9, leading=12, textColor=colors.HexColor(MUTED)
        ),
        "warning": ParagraphStyle(
            "warning", parent=base, fontName=PDF_FONT_BOLD, fontSize=11, textColor=colors.HexColor(ERROR)
        ),
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
    }


def _date(value: Any) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def quality_facts(version: MicroCredentialVersion) -> list[tuple[str, str]]:
    """(label, value) of the version's quality assurance, as its public QA record shows it: who approved
    it, when, against which criteria, and until when; a lapsed approval says so."""
    record = qa_record(version)
    if record is None:
        return [
            (
                _("Quality assurance"),
                f"{version.get_quality_assurance_display()}. "
                + _("Published before independent review was recorded in MIMIS."),
            )
        ]
    if record.review_by is None:
        next_review = "–"
    elif record.lapsed:
        next_review = _(
            "The approval passed its review-by date on %(date)s. Credentials issued before then are still "
            "valid; no new ones are issued until a new version is approved."
        ) % {"date": formats.date_format(record.review_by, "DATE_FORMAT")}
    else:
        next_review = _("by %(date)s") % {"date": formats.date_format(record.review_by, "DATE_FORMAT")}
    return [
        (_("Quality assured by"), record.qa_body.name),
        (_("Approved on"), _date(record.decided_at)),
        (_("Quality criteria"), _("Criteria version %(n)s") % {"n": record.criteria_version}),
        (_("Next review"), next_review),
    ]


def credential_facts(credential: Credential) -> list[tuple[str, str]]:
    """(label, value) of the credential's main standard elements, in the active language."""
    version = credential.version
    workload = []
    if version.workload_hours:
        workload.append(_("%(hours)s hours") % {"hours": version.workload_hours})
    if version.workload_ects:
        ects = formats.number_format(version.workload_ects.normalize())
        workload.append(f"{ects} {_('ECTS credits')}" if not workload else f"({ects} {_('ECTS credits')})")
    # Plain words, and honest: a level is the provider's proposal unless MYH had decided it when the
    # credential was issued (what the signed credential says too; see mimis.catalog.levels).
    issued_on = timezone.localdate(credential.issued_at) if credential.issued_at else None
    status = level_status(version, on=issued_on)
    levels = status.text() if status.stated else ""
    assessment = " – ".join(
        filter(None, [version.get_assessment_type_display(), version.assessment_description])
    )
    return [
        (_("Awarding body"), credential.organisation.name),
        (pgettext("certificate", "Issued on"), _date(credential.issued_at)),
        (_("Valid until"), _date(credential.valid_until) if credential.valid_until else _("No time limit")),
        (_("Workload"), " ".join(workload) or "–"),
        (_("Level"), levels or "–"),
        (_("Assessment"), assessment or "–"),
        *quality_facts(version),
        (_("Credential ID"), str(credential.pk)),
    ]


def _qr_matrix(url: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def _draw_qr(canvas: Canvas, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """Vector QR code (crisp at any zoom or print size); runs of dark modules are one rectangle each."""
    module = size / len(matrix)
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    for row, cells in enumerate(matrix):
        top = y + size - (row + 1) * module
        col = 0
        while col < len(cells):
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < len(cells) and cells[col]:
                col += 1
            # A hair of overlap so no light seams appear between modules when rasterised.
            canvas.rect(
                x + start * module, top, (col - start) * module + 0.05, module + 0.05, stroke=0, fill=1
            )


def certificate_pdf(credential: Credential, language: str) -> bytes:
    """An A4 certificate of the credential in Swedish or English, with a QR code to its verification page."""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    _register_pdf_fonts()
    with translation.override(language):
        return _certificate(credential, language)


def specimen_certificate_pdf(version: MicroCredentialVersion, language: str) -> bytes:
    """A specimen of the certificate the version's credentials get, marked as such on every page.

    What an application for a level decision shows MYH ("en kopia eller liknande av kvalifikationen"):
    the real layout and facts, an invented holder, a watermark, and no signed credential inside.
    """
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    _register_pdf_fonts()
    with translation.override(language):
        specimen = Credential(
            id=uuid.UUID(int=0),
            version=version,
            organisation=version.microcredential.provider,
            recipient_name=_("First name Last name (specimen)"),
            recipient_email="specimen@example.invalid",
            format=CredentialFormat.LDP,
            state=CredentialState.VALID,
            issued_at=timezone.now(),
        )
        return _certificate(specimen, language, specimen=True)


def _certificate(credential: Credential, language: str, *, specimen: bool = False) -> bytes:
    version = credential.version
    styles = _styles()
    url = verification_url(credential, language)
    title = version.display_title
    summary = localised(version, "summary")
    page_width, page_height = A4
    margin = 20 * mm
    band = 16 * mm
    check_box = 46 * mm  # the verification box at the foot of the first page
    footer = 12 * mm
    metadata_title = _("Certificate: %(title)s – %(name)s") % {
        "title": title,
        "name": credential.recipient_name,
    }

    labels = {
        "header": _("MIMIS – micro-credentials in Skåne"),
        "footer": _("Credential ID"),
        "check": _("Check this certificate"),
        "explain": _(
            "Scan the QR code or open the address below. The page shows whether the credential is genuine, "
            "unchanged and still valid."
        ),
        "page": _("Page %(number)s"),
    }

    def decorate(canvas: Canvas, doc: BaseDocTemplate, *, first: bool) -> None:
        canvas.saveState()
        if specimen:
            canvas.saveState()
            canvas.setFillColor(colors.HexColor(LINE))
            canvas.setFont(PDF_FONT_BOLD, 60)
            canvas.translate(page_width / 2, page_height / 2)
            canvas.rotate(35)
            canvas.drawCentredString(0, 0, _("SPECIMEN"))
            canvas.restoreState()
        canvas.setFillColor(colors.HexColor(BRAND))
        canvas.rect(0, page_height - band, page_width, band, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(PDF_FONT_BOLD, 11)
        canvas.drawString(margin, page_height - band + 6 * mm, labels["header"])
        canvas.setFont(PDF_FONT, 8)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawString(margin, 10 * mm, f"{labels['footer']}: {credential.pk}")
        canvas.drawRightString(page_width - margin, 10 * mm, labels["page"] % {"number": doc.page})
        if first:
            box_y = footer + 6 * mm
            box_width = page_width - 2 * margin
            canvas.setStrokeColor(colors.HexColor(LINE))
            canvas.setFillColor(colors.HexColor(WASH))
            canvas.roundRect(margin, box_y, box_width, check_box - 6 * mm, 3 * mm, stroke=1, fill=1)
            qr_size = check_box - 10 * mm
            _draw_qr(canvas, _qr_matrix(url), margin + 2 * mm, box_y + 2 * mm, qr_size)
            text_x = margin + qr_size + 8 * mm
            text_width = box_width - qr_size - 12 * mm
            y = box_y + check_box - 10 * mm
            for paragraph in (
                Paragraph(escape(labels["check"]), styles["heading"]),
                Paragraph(escape(labels["explain"]), styles["value"]),
                Paragraph(
                    f'<link href={quoteattr(url)} color="{BRAND}">{escape(url)}</link>', styles["value"]
                ),
            ):
                _w, h = paragraph.wrapOn(canvas, text_width, 40 * mm)
                y -= h
                paragraph.drawOn(canvas, text_x, y)
                y -= 2 * mm
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=metadata_title,
        author=credential.organisation.name,
        subject=_("Micro-credential certificate"),
        creator="MIMIS",
        lang=language,
        displayDocTitle=True,
        initialFontName=PDF_FONT,
    )
    top = page_height - band - 12 * mm
    first_bottom = footer + check_box + 6 * mm
    doc.addPageTemplates(
        [
            PageTemplate(
                id="first",
                frames=[Frame(margin, first_bottom, page_width - 2 * margin, top - first_bottom, id="f1")],
                onPage=lambda canvas, doc: decorate(canvas, doc, first=True),
                autoNextPageTemplate="next",
            ),
            PageTemplate(
                id="next",
                frames=[
                    Frame(margin, footer + 6 * mm, page_width - 2 * margin, top - footer - 6 * mm, id="f2")
                ],
                onPage=lambda canvas, doc: decorate(canvas, doc, first=False),
            ),
        ]
    )

    story: list[Any] = [
        Paragraph(escape(_("Micro-credential certificate").upper()), styles["kicker"]),
        Spacer(1, 5 * mm),
        Paragraph(escape(_("This is to certify that")), styles["lead"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(credential.recipient_name), styles["name"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(_("has been awarded the micro-credential")), styles["lead"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(title), styles["title"]),
    ]
    if summary:
        story += [Spacer(1, 2 * mm), Paragraph(escape(summary), styles["body"])]
    if credential.state != CredentialState.VALID:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(
                escape(
                    _("When this certificate was made, the credential was: %(state)s")
                    % {"state": credential.get_state_display()}
                ),
                styles["warning"],
            ),
        ]
    table = Table(
        [
            [Paragraph(escape(label), styles["label"]), Paragraph(escape(value), styles["value"])]
            for label, value in credential_facts(credential)
        ],
        colWidths=[45 * mm, page_width - 2 * margin - 45 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), PDF_FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor(LINE)),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [Spacer(1, 6 * mm), table]
    outcomes = [localised(outcome, "text") for outcome in version.learning_outcomes.all()]
    if outcomes:
        story += [
            Spacer(1, 6 * mm),
            Paragraph(escape(_("Learning outcomes")), styles["heading"]),
            Spacer(1, 1 * mm),
            ListFlowable(
                [ListItem(Paragraph(escape(text), styles["body"]), leftIndent=12) for text in outcomes],
                bulletType="bullet",
                bulletFontName=PDF_FONT,
                start="•",
                leftIndent=12,
            ),
        ]
    doc.build(story)
    if specimen:
        return buffer.getvalue()
    return _attach_credential(buffer.getvalue(), credential)


def credential_attachment(credential: Credential) -> tuple[str, bytes]:
    """The file name and content of the signed credential as it is embedded in the certificate."""
    if credential.format == CredentialFormat.JWT:
        return CERTIFICATE_JWT_ATTACHMENT, credential.token.encode("ascii")
    return CERTIFICATE_JSON_ATTACHMENT, json.dumps(credential.document, ensure_ascii=False).encode("utf-8")


def _attach_credential(pdf: bytes, credential: Credential) -> bytes:
    """The PDF with the signed credential as an embedded file, so the certificate itself can be checked
    on ``/verify/`` (and opened from a PDF reader's attachments panel). A credential erased at the
    holder's request has nothing to embed."""
    if not (credential.document or credential.token):
        return pdf
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    name, content = credential_attachment(credential)
    writer.add_attachment(name, content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
