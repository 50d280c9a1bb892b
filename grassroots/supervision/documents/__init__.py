"""Documents: .docx after GB/T 9704 (python-docx), .xlsx (openpyxl), PDF (WeasyPrint)."""

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
