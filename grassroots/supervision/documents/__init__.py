"""Supervision's documents: what goes into a bulletin, a notice and a special report, as .docx,
.xlsx and PDF. The layout (GB/T 9704, PDF base, charts, table cells) is ``grassroots.documents``."""

from .render import (
    bulletin_docx,
    bulletin_pdf,
    bulletin_xlsx,
    notice_docx,
    notice_pdf,
    report_docx,
    report_pdf,
    report_xlsx,
)

__all__ = ["bulletin_docx", "bulletin_pdf", "bulletin_xlsx", "notice_docx", "notice_pdf",
           "report_docx", "report_pdf", "report_xlsx"]
