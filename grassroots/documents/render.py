"""PDF from a Django template, by WeasyPrint (HTML and CSS; no office suite needed).

A document's template extends ``documents/base.html`` (A4, the GB/T 9704 margins, "— N —"
page numbers, the classes ``copy``, ``mark``, ``number``, ``caption``, ``sign``, ``chart``) and
includes ``documents/_table.html`` with a table from ``tables.html_table``.
"""

from __future__ import annotations

from django.template.loader import render_to_string


def html_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported late: a heavy import only the PDF downloads need

    html = render_to_string(template, context)
    return HTML(string=html, base_url=".").write_pdf()
