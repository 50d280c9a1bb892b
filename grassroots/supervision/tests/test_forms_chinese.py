"""The supervisor's forms read as Chinese forms: no ASCII label suffix, no "---------"."""

import pytest

from grassroots.supervision.forms import (
    MeetingForm,
    MeetingItemForm,
    NoticeForm,
    ReportForm,
)


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [NoticeForm, ReportForm, MeetingForm, MeetingItemForm])
def test_forms_have_no_ascii_suffix_nor_dashes(form_class):
    html = form_class().as_p()
    assert "---------" not in html
    assert ":</label>" not in html and "：</label>" in html


def test_month_pickers_name_the_months_in_chinese(client, county):
    client.force_login(county.supervisor)
    body = client.get("/supervision/stats/?month=2026-10").content.decode()
    assert 'type="month"' not in body
    assert '<option value="2026-10" selected>2026年10月</option>' in body
