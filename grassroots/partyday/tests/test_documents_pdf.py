"""The theme day's documents as PDFs (WeasyPrint, read back with poppler's pdftotext): the key
text of each is in the PDF, the same as in the .docx."""

import re
import shutil
import subprocess

import pytest

from .. import services
from ..models import SuggestionKind

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed (poppler-utils)")
    path = tmp_path / "d.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                         text=True).stdout
    return re.sub(r"\s+", "", out)


def test_record_and_feedback_slip_as_pdf(client, party, held_day, tmp_path):
    s = services.suggestion_record(actor=party.secretary_a, day=held_day,
                                   content="村东头路灯坏了很久希望尽快修好", kind=SuggestionKind.DEMAND,
                                   raised_by=held_day.invitations.get())
    demand = services.suggestion_to_demand(actor=party.secretary_a, suggestion=s)
    client.force_login(party.secretary_a)
    r = client.get(f"/partyday/{held_day.pk}/doc/record/?format=pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    body = b"".join(r.streaming_content) if r.streaming else r.content
    assert body.startswith(b"%PDF")
    text = pdf_text(body, tmp_path)
    for key in ("主题党日活动记录", held_day.branch.name, "学习党章议村务", "学习了党章第一章",
                "王群众", "村东头路灯坏了很久希望尽快修好", "应到党员", "12", "实到党员", "8"):
        assert key in text, key
    r = client.get(f"/partyday/suggestions/{s.pk}/slip/?format=pdf")
    body = b"".join(r.streaming_content) if r.streaming else r.content
    text = pdf_text(body, tmp_path)
    assert "意见建议办理反馈单" in text and demand.number in text and "民意诉求" in text
    # without the parameter it stays the .docx
    r = client.get(f"/partyday/{held_day.pk}/doc/record/")
    assert "wordprocessingml" in r["Content-Type"]
