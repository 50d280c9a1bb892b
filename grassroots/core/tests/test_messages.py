"""Messages stored untranslated (core.i18n): what is kept, and how a stored row still displays
when the code around it changed."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from grassroots.core.i18n import Message, render
from grassroots.core.models import Notification
from grassroots.core.notifications import notify
from grassroots.demands.models import AssignmentRole


@pytest.fixture(autouse=True, scope="module")
def compiled_catalogue():
    # CI starts from a fresh clone without .mo files (see docs/i18n.md).
    from django.core.management import call_command

    call_command("compile_translations", verbosity=0)


def test_only_a_msgid_and_plain_or_choice_parameters_are_accepted():
    with pytest.raises(TypeError) as exc:
        Message(gettext_lazy("新工单（%(role)s）：%(title)s"), role="x", title="y")
    assert str(exc.value) == "Message() takes the msgid itself: mark it with gettext_noop()."
    due = object()
    with pytest.raises(TypeError) as exc:
        Message(gettext_noop("%(title)s（时限 %(due)s）"), title="x", due=due)
    assert str(exc.value) == f"unsupported message parameter: {due!r}"
    stored = Message(gettext_noop("新工单（%(role)s）：%(title)s"), role=AssignmentRole.LEAD,
                     title="小区水压低").as_json()
    assert stored == {
        "msgid": "新工单（%(role)s）：%(title)s",
        "params": {"role": {"choice": "grassroots.demands.models.assignment.AssignmentRole",
                            "value": "lead"},
                   "title": "小区水压低"},
    }
    with translation.override("en"):
        assert render(stored) == "New assignment (Lead): 小区水压低"
    assert render(stored) == "新工单（主办）：小区水压低"


def test_a_choice_that_is_gone_shows_its_value():
    stored = {"msgid": "新工单（%(role)s）：%(title)s",
              "params": {"role": {"choice": "grassroots.demands.models.Gone", "value": "lead"},
                         "title": "小区水压低"}}
    assert render(stored) == "新工单（lead）：小区水压低"
    stored["params"]["role"] = {"choice": "os.system", "value": "lead"}  # never imported
    assert render(stored) == "新工单（lead）：小区水压低"


def test_a_translation_that_lost_a_placeholder_shows_the_source_text(monkeypatch):
    monkeypatch.setattr("grassroots.core.i18n.gettext", lambda msgid: "Overdue: %(count)s")
    stored = Message(gettext_noop("%(n)s 件工单已超时"), n=3).as_json()
    assert render(stored) == "3 件工单已超时"


def test_a_body_of_several_messages_reads_one_per_line(client, county):
    lines = [Message(gettext_noop("%(title)s（时限 %(due)s）"), title=t, due="12-01 17:30")
             for t in ("小区水压低", "路灯不亮")]
    notify(recipients=[county.handler], kind="deadline_over",
           title=Message(gettext_noop("%(n)s 件工单已超时，请尽快办理"), n=2), body=lines)
    row = Notification.objects.get(recipient=county.handler)
    assert (row.title, row.body) == ("", "")
    with translation.override("en"):
        assert row.body_text == "小区水压低 (due 12-01 17:30)\n路灯不亮 (due 12-01 17:30)"
    client.force_login(county.handler)
    page = client.get("/notifications/").content.decode()
    assert "小区水压低（时限 12-01 17:30）<br>路灯不亮（时限 12-01 17:30）" in page
