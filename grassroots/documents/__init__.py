"""Documents every app renders: .docx after GB/T 9704, registration forms, PDF and charts.

- ``gbdocx.OfficialDocument``: 请示, 批复, 通报, notices and reports (header block, title,
  addressee, headings, body, tables, pictures, attachments list, signature and date, 版记).
- ``forms.FormDocument``: 登记表 and other forms (a title over one table of labelled fields).
- ``render.html_pdf``: a PDF from a template that extends ``documents/base.html``.
- ``chart``: bar charts as SVG (PDF) and PNG (.docx), no matplotlib.
- ``tables``: ``Num`` figure cells, their formats, and the PDF / .xlsx table layouts.

The package imports only ``grassroots.core``; apps import it, never the other way round.
"""

from .forms import FormDocument
from .gbdocx import OfficialDocument, cn_date, cn_span

__all__ = ["FormDocument", "OfficialDocument", "cn_date", "cn_span"]
