"""The simulator's receiver against the real outbox sender: errors, a timeout, then success."""

import pytest

from grassroots.integrations.management.commands.city12345_sim import Receiver
from grassroots.integrations.services import outbox, signing

pytestmark = pytest.mark.django_db


@pytest.fixture
def sim_server():
    import threading
    from http.server import ThreadingHTTPServer

    receiver = Receiver(fail_first=1, timeout_first=1, hang_seconds=2, secret=signing.city_secret())
    server = ThreadingHTTPServer(("127.0.0.1", 0), receiver.handler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield receiver, f"http://127.0.0.1:{server.server_port}/callback"
    server.shutdown()


def test_outbox_survives_errors_and_a_timeout(county, service_tree, sim_server, settings,
                                              monkeypatch):
    from django.utils import timezone

    from grassroots.demands.services import assignment_acknowledge, demand_dispatch
    from grassroots.integrations.models import OutboxMessage
    from grassroots.integrations.services import city12345

    receiver, url = sim_server
    settings.GRASSROOTS_CITY12345_CALLBACK_URL = url
    monkeypatch.setattr(outbox, "SENDER", lambda u, b, h: outbox.send_http(u, b, h, timeout=0.5))
    item, _ = city12345.city_item_receive(body=(
        '{"id": "SIM-1", "title": "停水", "content": "金城社区停水三天了。"}').encode())
    lead, _ = demand_dispatch(actor=county.dispatcher, demand=item.demand, lead_unit=county.water,
                              assisting_units=[county.housing])
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assert outbox.outbox_flush() == {"retry": 1}  # 1st try: 503
    message = OutboxMessage.objects.get()
    assert message.attempts == 1 and "503" in message.last_error
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert outbox.outbox_flush() == {"retry": 1}  # 2nd try: the city does not answer in time
    message.refresh_from_db()
    assert "timed out" in message.last_error.lower()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert outbox.outbox_flush() == {"sent": 1}
    assert [(e[0], e[1], e[2]) for e in receiver.events] == [
        (str(message.idempotency_key), "acknowledge", True)]


def test_every_simulator_option_is_explained_in_help():
    from grassroots.integrations.management.commands.city12345_sim import Command

    parser = Command().create_parser("manage.py", "city12345_sim")
    own = [a for a in parser._actions if a.dest in {
        "base_url", "items", "prefix", "malformed", "port", "fail_first", "timeout_first",
        "hang_seconds", "listen", "secret"}]
    assert len(own) == 10
    assert all(a.help for a in own), [a.dest for a in own if not a.help]
    parser.format_help()  # every %(default)s placeholder renders
