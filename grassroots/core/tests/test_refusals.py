"""One helper answers a service's refusal on every page (core/refusals.py)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from grassroots.core.errors import (
    ApplicationError,
    FieldErrors,
    NotInScope,
    NotVisible,
    TransitionNotAllowed,
)
from grassroots.core.refusals import refusals


def _request(htmx: bool):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    request = RequestFactory().post("/", **headers)
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


class TitleForm(forms.Form):
    title = forms.CharField(required=False)


HTMX = pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])


@HTMX
def test_nothing_refused_is_200_and_no_message(htmx):
    request = _request(htmx)
    with refusals(request) as refused:
        pass
    assert not refused and refused.status == 200 and refused.message == ""
    assert list(get_messages(request)) == []


@HTMX
def test_out_of_scope_is_the_403_page_with_the_message(htmx):
    request = _request(htmx)
    with pytest.raises(PermissionDenied) as exc, refusals(request):
        raise NotInScope("只有派单中心可以执行此操作。")
    assert str(exc.value) == "只有派单中心可以执行此操作。"
    assert list(get_messages(request)) == []


@HTMX
def test_not_visible_is_the_404_of_a_missing_page(htmx):
    with pytest.raises(Http404), refusals(_request(htmx)):
        raise NotVisible("未找到")


@HTMX
def test_transition_not_allowed_is_409_with_the_reason_flashed(htmx):
    request = _request(htmx)
    with refusals(request) as refused:
        raise TransitionNotAllowed("当前状态不能签收。")
    assert refused and refused.status == 409 and refused.message == "当前状态不能签收。"
    assert [str(m) for m in get_messages(request)] == ["当前状态不能签收。"]


@HTMX
def test_field_errors_go_to_the_form_not_to_the_flash(htmx):
    request = _request(htmx)
    form = TitleForm({"title": "x"})
    assert form.is_valid()
    with refusals(request, form=form) as refused:
        raise FieldErrors(field_errors={"title": ["标题至少2个字。"], "other": ["另一项有误。"]})
    assert refused.status == 400 and refused.field == "title"
    assert form.errors == {"title": ["标题至少2个字。"], "__all__": ["另一项有误。"]}
    assert list(get_messages(request)) == []


@HTMX
def test_a_plain_refusal_without_a_form_is_flashed_400(htmx):
    request = _request(htmx)
    with refusals(request) as refused:
        raise ApplicationError("请填写理由。", field="reason")
    assert refused.status == 400 and refused.field == "reason"
    assert [str(m) for m in get_messages(request)] == ["请填写理由。"]


def test_flash_false_leaves_the_message_to_the_view():
    request = _request(True)
    with refusals(request, flash=False) as refused:
        raise ApplicationError("请填写理由。")
    assert refused.message == "请填写理由。"
    assert list(get_messages(request)) == []


def test_other_exceptions_pass_through():
    with pytest.raises(ValueError), refusals(_request(False)):
        raise ValueError("bug")
