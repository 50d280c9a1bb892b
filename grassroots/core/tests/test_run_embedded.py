"""`manage.py run_embedded` serves with waitress (threads, a deep backlog) and static files, and
starts the in-process scheduler."""

from unittest import mock

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import CommandError, call_command

from grassroots.core.management.commands.run_embedded import parse_addr


@pytest.mark.parametrize(("addr", "expected"), [
    ("127.0.0.1:8000", ("127.0.0.1", 8000)), ("8001", ("127.0.0.1", 8001)),
    ("[::1]:8002", ("::1", 8002)), ("0.0.0.0:80", ("0.0.0.0", 80))])
def test_parse_addr(addr, expected):
    assert parse_addr(addr) == expected


@pytest.mark.parametrize("addr", ["127.0.0.1:http", "127.0.0.1:0", "127.0.0.1:８０００", "x:99999"])
def test_a_bad_address_is_refused_with_a_message(addr):
    with pytest.raises(CommandError) as exc:
        parse_addr(addr)
    assert str(exc.value) == f"地址 {addr!r} 无效：应为 主机:端口，例如 127.0.0.1:8000。"


def test_serves_with_waitress_static_files_and_the_scheduler(db):
    with mock.patch("waitress.serve") as serve, mock.patch(
            "grassroots.core.management.commands.run_embedded.EmbeddedScheduler") as scheduler:
        call_command("run_embedded", "--addr", "127.0.0.1:8123", "--insecure")
    scheduler.return_value.start.assert_called_once_with()
    (app,), kwargs = serve.call_args
    assert isinstance(app, StaticFilesHandler)
    assert kwargs["host"] == "127.0.0.1" and kwargs["port"] == 8123
    assert kwargs["threads"] >= 4 and kwargs["backlog"] >= 1024


def test_no_scheduler(db):
    with mock.patch("waitress.serve"), mock.patch(
            "grassroots.core.management.commands.run_embedded.EmbeddedScheduler") as scheduler:
        call_command("run_embedded", "--no-scheduler")
    scheduler.assert_not_called()
