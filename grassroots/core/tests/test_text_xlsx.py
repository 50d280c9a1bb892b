"""clean_text / xml_safe and the one .xlsx writer: text is a value, never a formula."""

import io
import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from grassroots.core import xlsx
from grassroots.core.text import clean_text, xml_safe

BAD = "\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff\U0001fffe\U0010ffff\ud800\udfff\ufdd0"


def test_clean_text_removes_what_xml_cannot_hold():
    assert clean_text(f" 水压{BAD}低\r\n三楼\r四楼\t\x7f ") == "水压低\n三楼\n四楼"
    assert clean_text(None) == "" and clean_text(12) == "12"
    assert xml_safe(f"a{BAD}\r\nb") == "a\r\nb"


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def _round_trip(write_only):
    wb = xlsx.workbook(write_only=write_only)
    ws = wb.create_sheet("s")
    xlsx.append(ws, ['=HYPERLINK("http://x","y")', "+1+1", " -2", "@SUM(A1)", "\t=1",
                     f"x{BAD}y", 3, None, "普通"])
    return xlsx.to_bytes(wb)


def test_formulas_are_written_as_strings_in_both_modes():
    for write_only in (True, False):
        data = _round_trip(write_only)
        assert "<f>" not in _sheet_xml(data)
        row = next(load_workbook(io.BytesIO(data)).active.iter_rows())
        assert row[0].value == '=HYPERLINK("http://x","y")' and row[0].data_type == "s"
        assert all(c.data_type == "s" for c in row[:6])
        assert all(c.quotePrefix for c in row[:5]) and not row[8].quotePrefix
        assert row[5].value == "xy"
        assert row[6].value == 3 and row[6].data_type == "n"


def test_every_xlsx_writer_uses_the_helper():
    root = Path(__file__).resolve().parents[2]
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "tests" not in p.parts and p.name != "xlsx.py"
                 and re.search(r"\bWorkbook\b", p.read_text(encoding="utf-8"))]
    assert offenders == []
