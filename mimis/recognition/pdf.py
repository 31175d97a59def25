"""The application dossier as a PDF in the active language: each section with its text and its length."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from mimis.issuing.artefacts import PDF_FONT, pdf_styles, register_pdf_fonts
from mimis.recognition.dossier import Dossier


def _paragraphs(text: str, style) -> list:  # noqa: ANN001 - a reportlab style
    return [Paragraph(escape(line) or "&nbsp;", style) for line in text.split("\n")]


def dossier_pdf(dossier: Dossier, *, language: str) -> bytes:
    register_pdf_fonts()
    styles = pdf_styles()
    version = dossier.version
    buffer = io.BytesIO()
    title = _("Application for a SeQF level decision: %(title)s") % {"title": version.display_title}
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=version.microcredential.provider.name,
        subject=_("Made by MIMIS from the published micro-credential, version %(n)s") % {"n": version.number},
        creator="MIMIS",
        lang=language,
        displayDocTitle=True,
        initialFontName=PDF_FONT,
    )
    story: list = [
        Paragraph(
            escape(
                _("Application to MYH, the Swedish National Agency for Higher Vocational Education").upper()
            ),
            styles["kicker"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(escape(title), styles["title"]),
        Spacer(1, 2 * mm),
        Paragraph(
            escape(
                _(
                    "Made by MIMIS from the published micro-credential, version %(n)s. Paste each section into MYH's form; the length is given against the limit MIMIS checks."
                )
                % {"n": version.number}
            ),
            styles["small"],
        ),
    ]
    for number, section in enumerate(dossier.sections, start=1):
        story += [Spacer(1, 6 * mm), Paragraph(escape(f"{number}. {section.title}"), styles["heading"])]
        if section.limit is not None:
            story.append(
                Paragraph(
                    escape(
                        _("%(length)s of at most %(limit)s characters")
                        % {"length": section.length, "limit": section.limit}
                    ),
                    styles["small"],
                )
            )
        story += [Spacer(1, 1 * mm), *_paragraphs(section.text or "–", styles["body"])]
        for item in section.missing:
            story.append(Paragraph(escape(_("Still missing: %(what)s") % {"what": item}), styles["warning"]))
    if dossier.attachments:
        story += [Spacer(1, 6 * mm), Paragraph(escape(_("Attachments")), styles["heading"])]
        story += [Paragraph(escape(f"{a['name']}: {a['url']}"), styles["body"]) for a in dossier.attachments]
    doc.build(story)
    return buffer.getvalue()
