"""What the pages share: a report as a page or an .xlsx download; form values."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from grassroots.core import xlsx
from grassroots.core.errors import ApplicationError
from grassroots.core.files import MIME, download_response
from grassroots.core.parsing import BadValue, parse_date, parse_int


def report_response(request, report, *, template="partymembers/development/report.html",
                    link=None, extra=None, filename=None):
    """The report as a page, or with ``?format=xlsx`` as a spreadsheet (the same rows)."""
    width = len(report.headers)
    if request.GET.get("format") == "xlsx":
        wb = xlsx.workbook()
        ws = wb.create_sheet(report.title[:30])
        xlsx.append(ws, report.headers)
        for row in report.rows:
            xlsx.append(ws, [v if v is not None else "" for v in row[:width]])
        return download_response(xlsx.to_bytes(wb), f"{filename or report.title}.xlsx",
                                 MIME["xlsx"])
    rows = [{"cells": row[:width], "pk": row[width] if len(row) > width else None}
            for row in report.rows]
    return render(request, template, {"report": report, "rows": rows, "link": link,
                                      **(extra or {})})


def form_int(value, field):
    try:
        return parse_int(value, maximum=10_000, message=_("请填写整数。"))
    except BadValue as exc:
        raise ApplicationError(exc.message, field=field) from None


def form_date(value, field="on"):
    try:
        return parse_date(value)
    except BadValue as exc:
        raise ApplicationError(exc.message, field=field) from None


def year_of(request, default):
    try:
        year = parse_int(request.GET.get("year"), maximum=2999)
    except BadValue:
        year = None
    return year if year and year >= 1990 else default
