"""Text messages (SMS) to citizens' phones, through a pluggable sender.

``GRASSROOTS_SMS_BACKEND`` names the sender class:

- ``grassroots.people.sms.ConsoleSender`` (the default): writes the message to the log
  ``grassroots.sms`` and keeps it in ``outbox`` — for development, the demo and the tests;
- ``grassroots.people.sms.HttpGatewaySender``: POSTs JSON ``{"phone", "text", "sign"}`` to
  ``GRASSROOTS_SMS_GATEWAY_URL`` with ``Authorization: Bearer GRASSROOTS_SMS_GATEWAY_TOKEN``,
  waiting at most ``GRASSROOTS_SMS_TIMEOUT`` seconds; any answer other than 2xx is a failure.

A sender raises ``SmsError`` when the message could not be handed over; callers turn it into a
message the person can act on ("短信发送失败，请稍后再试。").
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

from .pii import mask_phone

log = logging.getLogger("grassroots.sms")

# Messages the console sender "sent", newest last (tests and the demo read the codes here).
outbox: list[dict] = []
OUTBOX_MAX = 200


class SmsError(Exception):
    """The message could not be handed to the gateway."""


class ConsoleSender:
    def send(self, phone: str, text: str) -> None:
        outbox.append({"phone": phone, "text": text})
        del outbox[:-OUTBOX_MAX]
        # The development log shows the code (that is its purpose); the number is masked.
        log.warning("SMS to %s: %s", mask_phone(phone), text)


class HttpGatewaySender:
    def __init__(self):
        self.url = getattr(settings, "GRASSROOTS_SMS_GATEWAY_URL", "")
        self.token = getattr(settings, "GRASSROOTS_SMS_GATEWAY_TOKEN", "")
        self.sign = getattr(settings, "GRASSROOTS_SMS_SIGN", "")
        self.timeout = float(getattr(settings, "GRASSROOTS_SMS_TIMEOUT", 5))

    def send(self, phone: str, text: str) -> None:
        if not self.url.startswith(("https://", "http://")):
            log.error("GRASSROOTS_SMS_GATEWAY_URL is not set (or not an http(s) address): "
                      "no SMS can be sent")
            raise SmsError("GRASSROOTS_SMS_GATEWAY_URL is not set")
        body = json.dumps({"phone": phone, "text": text, "sign": self.sign},
                          ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (urllib.error.URLError, OSError, ValueError) as exc:
            log.error("SMS gateway unreachable for %s: %s", mask_phone(phone), exc)
            raise SmsError(f"gateway unreachable: {exc}") from exc
        if not 200 <= status < 300:
            log.error("SMS gateway answered HTTP %s for %s", status, mask_phone(phone))
            raise SmsError(f"gateway answered HTTP {status}")


def get_sender():
    path = getattr(settings, "GRASSROOTS_SMS_BACKEND", "grassroots.people.sms.ConsoleSender")
    return import_string(path)()


def sms_send(phone: str, text: str) -> None:
    """Send one message now; raises ``SmsError``."""
    get_sender().send(phone, text)
