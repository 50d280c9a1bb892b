"""The shared timeline rows: labels from the subject's tables, the acting person's name, 系统 only
for events without an actor."""

import pytest
from django.db import models
from django.template.loader import render_to_string

from grassroots.core.events import event_record
from grassroots.core.timeline import subject_timeline

pytestmark = pytest.mark.django_db


class Colour(models.TextChoices):
    RED = "red", "红色"
    BLUE = "blue", "蓝色"


def test_rows_carry_labels_and_the_person_name(county, django_assert_num_queries):
    subject = county.water
    event_record(subject=subject, actor=county.supervisor, action="paint", from_state="red",
                 to_state="blue", note="重新刷漆")
    event_record(subject=subject, actor=None, action="watch", to_state="free text")
    event_record(subject=subject, actor=county.dispatcher, action="unknown_code")
    with django_assert_num_queries(1):  # the events with their actors and people
        rows = subject_timeline(subject, actions={"paint": "刷漆", "watch": "巡查"},
                                states=Colour)
    assert [(r["label"], r["from_label"], r["to_label"], r["actor_name"]) for r in rows] == [
        ("刷漆", "红色", "蓝色", "督查员"),
        ("巡查", "", "free text", ""),
        ("unknown_code", "", "", "派单员"),
    ]
    html = render_to_string("components/timeline.html", {"events": rows})
    assert "刷漆" in html and "红色 → 蓝色" in html and "督查员" in html and "重新刷漆" in html
    assert html.count("系统") == 1  # the one event without an actor


def test_an_action_may_label_its_states_from_another_table(county):
    subject = county.water
    event_record(subject=subject, actor=county.admin, action="choose", to_state="red")
    event_record(subject=subject, actor=county.admin, action="other", to_state="red")
    rows = subject_timeline(subject, actions={}, states={"red": "红"},
                            action_states={"choose": Colour})
    assert [r["to_label"] for r in rows] == ["红色", "红"]
