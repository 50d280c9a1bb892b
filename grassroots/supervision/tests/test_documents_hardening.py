"""A demand title stored before intake cleaned text (a character XML cannot hold, a formula) does
not break that month's bulletin: the .docx and .xlsx still build, the title stays text."""

import io
import zipfile

from docx import Document
from openpyxl import load_workbook

from grassroots.demands.models import Demand
from grassroots.supervision.documents import bulletin_docx, bulletin_xlsx
from grassroots.supervision.services import bulletins as svc
from grassroots.supervision.stats import Period

from .conftest import AS_OF

RAW_BAD = "\x01\x0b\x1f\ufffe\uffff\U0001fffe"


def test_bulletin_documents_survive_bad_characters_and_formulas(county, dataset):
    Demand.objects.filter(pk=dataset["W2"].demand.pk).update(title=f"=1+1{RAW_BAD}水压")
    b = svc.bulletin_compile(actor=county.supervisor, period=Period.month(2026, 10), at=AS_OF)
    doc = Document(io.BytesIO(bulletin_docx(b)))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "=1+1水压" in cells
    data = bulletin_xlsx(b)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if "worksheets/" in n)
    found = [c for ws in load_workbook(io.BytesIO(data)).worksheets for r in ws.iter_rows()
             for c in r if c.value == "=1+1水压"]
    assert found and all(c.data_type == "s" for c in found)
