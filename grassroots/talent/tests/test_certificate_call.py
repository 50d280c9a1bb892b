"""The certificate of an awarded title (.docx and PDF, its number on it) and the annual call
(a round opened on its page, the call document listing its levels, quotas and conditions)."""

import io
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import Client
from docx import Document

from grassroots.publicity.gate import publicity_of

from ..documents import certificate_parts
from ..models import EvaluationRound
from ..services import award
from .test_titles import _after, _reviewed
from .world import build_title_world, date_plus, new_application


@pytest.fixture
def world(county):
    return build_title_world(county)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _text(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.mark.django_db
def test_the_certificate_carries_its_number_for_the_holder_and_the_officers_only(world, county):
    application = _reviewed(world, new_application(world))
    url = f"/talent/applications/{application.pk}/certificate.docx"
    assert _client(world.applicant).get(url).status_code == 404  # not awarded yet
    award.round_publicise(actor=world.secretariat, round=world.round,
                          contact_phone="0537-8888888")
    with _after(publicity_of(world.round).end_on + timedelta(days=1)):
        title = award.title_award(actor=world.hr, application=application)
    body = _client(world.applicant).get(url)
    assert body.status_code == 200
    text = _text(body.content)
    assert title.certificate_no in text and "张种植" in text and "农民初级职称" in text
    assert "特发此证" in text
    pdf = _client(world.secretariat).get(
        f"/talent/applications/{application.pk}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    html = render_to_string("talent/doc/certificate.html", {"p": certificate_parts(title)})
    assert title.certificate_no in html and "种植" in html
    assert _client(county.town_staff).get(url).status_code == 200  # his town's application
    other = _client(world.experts[4].person.user)  # an expert not assigned to it
    assigned = set(application.assignments.values_list("expert_id", flat=True))
    assert world.experts[4].pk not in assigned and other.get(url).status_code == 404
    assert _client(world.applicant).get(
        f"/talent/applications/{application.pk}/certificate.txt").status_code == 404


@pytest.mark.django_db
def test_the_secretariat_opens_a_round_and_downloads_its_call(world, county):
    client = _client(world.secretariat)
    form = client.get("/talent/rounds/new/")
    assert form.status_code == 200
    data = {"committee": world.committee.pk, "year": world.round.year + 1,
            "apply_from": f"{date_plus(30):%Y-%m-%d}", "apply_to": f"{date_plus(60):%Y-%m-%d}",
            "specialties": [world.planting.pk], f"quota_{world.junior.code}": "20",
            f"quota_{world.intermediate.code}": "8"}
    repeat = client.post("/talent/rounds/new/", {**data, "year": world.round.year})
    assert repeat.status_code == 400 and "年度评审已经发布" in repeat.content.decode()
    response = client.post("/talent/rounds/new/", data)
    rnd = EvaluationRound.objects.get(year=world.round.year + 1)
    assert response.url == f"/talent/rounds/{rnd.pk}/"
    assert dict(rnd.quotas.values_list("level__code", "quota")) == {
        "ws_junior": 20, "ws_intermediate": 8}
    assert "评审通知" in client.get(response.url).content.decode()
    call = client.get(f"/talent/rounds/{rnd.pk}/documents/call/")
    assert call.status_code == 200
    text = _text(call.content)
    assert f"关于开展{rnd.title}工作的通知" in text
    assert "农民初级职称" in text and "20" in text and "种植" in text
    assert "不设学历和论文要求" in text and "从业年限不少于3年" in text
    # Town staff may not open a round (the policy's refusal), nothing is written.
    town = _client(county.town_staff)
    assert town.get("/talent/rounds/new/").status_code == 403
    assert town.post("/talent/rounds/new/", {**data, "year": 2090}).status_code == 403
    assert not EvaluationRound.objects.filter(year=2090).exists()
