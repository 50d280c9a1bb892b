"""The upper committee's replies to the branch after GB/T 9704 for the two other exits of the
conversion meeting (S2 §4.10 转正 / 延长预备期 / 取消资格 批复): the extension of probation and the
cancellation, filled from the approving step's record."""

import io
from datetime import date, timedelta

import pytest
from docx import Document

from grassroots.core.errors import ApplicationError
from grassroots.rulesets.checks import add_natural_months
from grassroots.testing.refusals import refused

from ..documents import reply_docx
from ..models import CaseStatus, Step
from ..transitions import Action as A
from .test_pages import client_for
from .test_rules import step
from .world import apply as apply_on
from .world import at, passed_vote, walk


def _voted(dev, decision: str, **data):
    case = apply_on(dev, date(2020, 1, 10), sector="school")
    case, day = walk(dev, case, Step.CONVERSION_PUBLICISED)
    day = max(day, case.probation_end_on)
    with at(day):
        vote = passed_vote(dev, case, day)
    return step(dev, case, A.CONVERSION_VOTE, day, vote=vote, decision=decision, **data), day


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


@pytest.mark.django_db
def test_the_extension_reply_states_the_months_and_the_new_end_of_probation(dev):
    case, day = _voted(dev, "extend", months=6)
    with refused(ApplicationError, "上级党委批准延长预备期后才能打印延长预备期的批复。"):
        reply_docx(case, "extension")
    end = case.probation_end_on
    approved = day + timedelta(days=5)
    case = step(dev, case, A.EXTEND, approved)
    new_end = add_natural_months(end, 6)
    assert case.probation_end_on == new_end
    text = _text(reply_docx(case, "extension"))
    name = case.person.name
    assert f"关于延长{name}同志预备期的批复" in text
    assert (f"同意延长{name}同志的预备期6个月，预备期延长至"
            f"{(new_end - timedelta(days=1)).year}年") in text
    assert f"经{approved.year}年{approved.month}月{approved.day}日党委会议研究" in text
    assert "中共金乡街道工作委员会" in text

    client = client_for(dev.tree.town_officer)
    page = client.get(f"/party/development/{case.pk}/").content.decode()
    assert 'data-testid="reply-extension-reply"' in page
    assert 'data-testid="reply-cancellation-reply"' not in page
    pdf = client.get(f"/party/development/{case.pk}/documents/extension-reply.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_the_cancellation_reply_follows_the_cancelling_approval(dev):
    case, day = _voted(dev, "cancel")
    with refused(ApplicationError, "上级党委批准取消预备党员资格后才能打印取消资格的批复。"):
        reply_docx(case, "cancellation")
    client = client_for(dev.tree.town_officer)
    # Before the approval the page offers no reply and the download explains why.
    early = client.get(f"/party/development/{case.pk}/documents/cancellation-reply.docx")
    assert early.status_code == 400
    assert "上级党委批准取消预备党员资格后才能打印取消资格的批复。" in early.content.decode()
    approved = day + timedelta(days=3)
    case = step(dev, case, A.CANCEL, approved)
    assert case.status == CaseStatus.TERMINATED
    text = _text(reply_docx(case, "cancellation"))
    assert f"同意取消{case.person.name}同志的预备党员资格" in text
    assert f"经{approved.year}年{approved.month}月{approved.day}日党委会议研究" in text
    page = client.get(f"/party/development/{case.pk}/").content.decode()
    assert 'data-testid="reply-cancellation-reply"' in page
    docx = client.get(f"/party/development/{case.pk}/documents/cancellation-reply.docx")
    assert docx.status_code == 200 and _text(docx.content) == text
