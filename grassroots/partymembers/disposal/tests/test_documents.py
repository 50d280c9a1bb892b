"""The disposal documents: each is offered once the case reached the step it records, carries
that step's facts, and is refused (not an empty form) before."""

from datetime import date
from io import BytesIO

import pytest
from docx import Document

from ..documents import DOCUMENTS, documents_ready
from .test_pages import _in_education, client_for
from .world import flag


def _text(content: bytes) -> str:
    doc = Document(BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.django_db
def test_every_document_prints_the_facts_of_its_step(dsp):
    case, _day = _in_education(dsp)
    client = client_for(dsp.tree.town_officer)
    texts = {}
    for slug in DOCUMENTS:
        response = client.get(f"/party/disposal/{case.pk}/documents/{slug}.docx")
        assert response.status_code == 200, slug
        texts[slug] = _text(response.content)
    name = dsp.subject.person.name
    assert "初步认定为不合格党员" in texts["initial-finding"] and "C12" in texts["initial-finding"]
    assert "所反映问题属实" in texts["investigation"]
    assert "本人承认未履行党员义务" in texts["investigation"]
    vote = case.vote
    assert f"{vote.yes}票" in texts["vote-record"] and "无记名" in texts["vote-record"]
    assert "本人到会作了申辩" in texts["vote-record"]
    assert f"关于对{name}同志作出限期改正处置的通报" in texts["bulletin"]
    assert "党内通报" in texts["bulletin"] and "第八党支部" in texts["bulletin"]
    page = client.get(f"/party/disposal/{case.pk}/").content.decode()
    for slug, label in documents_ready(case):
        assert f"/documents/{slug}.docx" in page and label in page


@pytest.mark.django_db
def test_a_candidate_offers_no_document_and_refuses_them(dsp):
    case = flag(dsp, date(2025, 3, 1))
    assert documents_ready(case) == []
    client = client_for(dsp.tree.town_officer)
    for slug in ("initial-finding", "investigation", "vote-record", "bulletin"):
        response = client.get(f"/party/disposal/{case.pk}/documents/{slug}.docx")
        assert response.status_code == 400, slug
    assert 'data-testid="documents"' not in client.get(f"/party/disposal/{case.pk}/").content.decode()
