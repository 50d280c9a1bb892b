"""The phone with no signal (Chromium at 375 px, network switched off by Playwright): visits
and theme-day records wait in the outbox, survive a reload, and are sent once when back online
(issue #26)."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from PIL import Image

from grassroots.demands.models import Demand
from grassroots.gridwork import months
from grassroots.gridwork.models import Visit, VisitPhoto
from grassroots.partyday.models import DayStatus, Suggestion
from grassroots.testing.browser import signed_in_page
from grassroots.testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAVED = "未联网，已保存在本机，联网后自动提交"

READ_OUTBOX = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open("grassroots-offline", 1);
  open.onsuccess = () => {
    const req = open.result.transaction("outbox").objectStore("outbox").getAll();
    req.onsuccess = async () => {
      const out = [];
      for (const item of req.result) {
        const sizes = [];
        for (const p of item.photos || []) {
          const bmp = await createImageBitmap(p.blob);
          sizes.push([bmp.width, bmp.height, p.blob.type]);
        }
        out.push({key: item.key, status: item.status, recorded_at: item.recorded_at,
                  fields: item.fields, url: item.url, sizes: sizes});
      }
      resolve(out);
    };
  };
  open.onerror = () => reject(open.error);
})"""


def big_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (3200, 2400), (30, 120, 200)).save(buf, "JPEG", quality=70)
    return buf.getvalue()


def ready_offline(page, url):
    """Open ``url`` online and wait until the service worker has kept the offline copies."""
    page.goto(url)
    page.wait_for_selector("html[data-offline-ready]", state="attached")
    if page.evaluate("document.documentElement.dataset.offlineReady") != "1":
        page.reload()  # the very first page is not yet served by the worker
        page.wait_for_selector("html[data-offline-ready='1']", state="attached")


def fill_visit(page, notes):
    page.locator("input[name=households_met]").fill("4")
    page.locator("input[name=date]").fill(months.today().isoformat())
    page.locator("textarea[name=notes]").fill(notes)
    page.locator("input[name='demand-1-title']").fill("路灯不亮")
    page.locator("textarea[name='demand-1-text']").fill("村东头路灯坏了三天，晚上出行不便。")
    page.get_by_test_id("add-demand").click()  # offline: the fragment comes from the worker
    page.locator("input[name='demand-2-title']").fill("道路破损")
    page.locator("textarea[name='demand-2-text']").fill("村南主路有大坑，下雨积水严重。")
    page.locator("input[name=photos]").set_input_files(
        files=[{"name": "field.jpg", "mimeType": "image/jpeg", "buffer": big_jpeg()}])
    page.get_by_test_id("submit-visit").click()


def record_offline(page, live_server, notes):
    """A visit typed and saved with the network off; the outbox item as stored."""
    page.context.set_offline(True)
    fill_visit(page, notes)
    page.get_by_test_id("offline-banner").filter(has_text=SAVED).wait_for()
    page.wait_for_selector("[data-testid=outbox-item][data-status=waiting]")
    items = page.evaluate(READ_OUTBOX)
    assert len([i for i in items if i["status"] == "waiting"]) == 1
    # nothing reached the server, and the form is empty for the next visit
    assert not Visit.objects.filter(notes=notes).exists()
    assert page.locator("textarea[name=notes]").input_value() == ""
    return [i for i in items if i["status"] == "waiting"][0]


def check_synced(item, notes):
    visit = Visit.objects.get(notes=notes)
    demands = list(visit.demands.order_by("id"))
    assert [d.title for d in demands] == ["路灯不亮", "道路破损"]
    assert visit.date == months.today() and visit.households_met == 4
    typed = parse_datetime(item["recorded_at"])
    # the demands were received when typed on the phone, not when they reached the server
    for d in demands:
        assert abs((d.received_at - typed).total_seconds()) < 1
        assert d.received_at <= visit.created_at
    assert VisitPhoto.objects.filter(visit=visit).count() == 1
    return visit, demands


def test_visit_recorded_offline_survives_reload_and_syncs_once(browser, live_server, county):
    errors = []
    page = signed_in_page(browser, live_server, county.secretary, errors=errors)
    ready_offline(page, f"{live_server.url}/grid/visits/new/")
    item = record_offline(page, live_server, "走访村东五户，了解用水情况。")
    # the photo was made smaller on the phone before it was stored
    (w, h, kind), = item["sizes"]
    assert max(w, h) == 1600 and kind == "image/jpeg"

    page.reload()  # still offline: the worker answers with the kept form
    page.wait_for_selector("[data-testid=outbox-item][data-status=waiting]")
    assert page.get_by_test_id("visit-form").count() == 1
    assert not Visit.objects.exists()

    page.context.set_offline(False)
    page.wait_for_selector("[data-testid=outbox-item][data-status=done]")
    visit, demands = check_synced(item, "走访村东五户，了解用水情况。")
    assert Visit.objects.count() == 1 and Demand.objects.count() == 2
    result = page.get_by_test_id("outbox-result").inner_text()
    assert demands[0].number in result and demands[1].number in result

    # the visit's timeline shows the phone's time beside the server's
    page.goto(f"{live_server.url}/grid/visits/{visit.pk}/")
    local = timezone.localtime(parse_datetime(item["recorded_at"]))
    assert f"本机记录于{local:%Y-%m-%d %H:%M}" in page.content()
    assert not errors, errors
    page.context.close()


def test_session_expired_meanwhile_asks_to_log_in_then_continues(browser, live_server, county):
    page = signed_in_page(browser, live_server, county.secretary)
    ready_offline(page, f"{live_server.url}/grid/visits/new/")
    item = record_offline(page, live_server, "田间地头走访，了解灌溉情况。")

    Session.objects.all().delete()  # the session runs out while the phone has no signal
    page.context.set_offline(False)
    page.get_by_test_id("outbox-login").wait_for()
    assert "登录已过期" in page.get_by_test_id("outbox-login").inner_text()
    assert page.locator("[data-testid=outbox-item][data-status=waiting]").count() == 1
    assert not Visit.objects.exists()

    page.get_by_test_id("outbox-login").locator("a").click()
    page.wait_for_url("**/login/**")
    page.fill("input[name=username]", county.secretary.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/grid/visits/new/$"))
    page.wait_for_selector("[data-testid=outbox-item][data-status=done]")
    check_synced(item, "田间地头走访，了解灌溉情况。")
    assert Visit.objects.count() == 1 and Demand.objects.count() == 2
    page.context.close()


def test_twice_in_a_row_no_duplicates(browser, live_server, county):
    page = signed_in_page(browser, live_server, county.secretary)
    ready_offline(page, f"{live_server.url}/grid/visits/new/")
    first = record_offline(page, live_server, "第一次走访。")

    # back online, the server records the visit but its answer is lost on the way back
    page.evaluate("""() => {
      const send = window.fetch;
      window.fetch = async (url, options) => {
        if (String(url).includes("/api/v1/offline/visits") && !window.lostKey) {
          window.lostKey = options.headers["Idempotency-Key"];
          await send(url, options);  // reaches the server
          throw new TypeError("Failed to fetch");
        }
        return send(url, options);
      };
    }""")
    runs = int(page.evaluate("document.documentElement.dataset.outboxRuns || '0'"))
    page.context.set_offline(False)
    page.wait_for_function(
        f"+(document.documentElement.dataset.outboxRuns || 0) > {runs} && !!window.lostKey")
    assert page.evaluate("window.lostKey") == first["key"]
    assert page.locator("[data-testid=outbox-item][data-status=waiting]").count() == 1
    assert Visit.objects.count() == 1  # created, but the phone does not know yet

    page.reload()  # the next page load sends it again, with the same key: the same answer
    page.wait_for_selector("[data-testid=outbox-item][data-status=done]")
    assert Visit.objects.count() == 1 and Demand.objects.count() == 2
    page.reload()  # and a later page load sends nothing already sent
    page.wait_for_selector("[data-testid=outbox-item][data-status=done]")
    assert Visit.objects.count() == 1 and Demand.objects.count() == 2

    second = record_offline(page, live_server, "第二次走访。")
    assert second["key"] != first["key"]
    page.context.set_offline(False)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=outbox-item][data-status=done]').length == 2")
    assert Visit.objects.count() == 2 and Demand.objects.count() == 4
    check_synced(first, "第一次走访。")
    check_synced(second, "第二次走访。")
    page.context.close()


def test_theme_day_recorded_offline_files_the_demand(browser, live_server, county):
    from grassroots.meetings.tests.party_world import build_party_world
    from grassroots.partyday import services

    party = build_party_world(county)
    today = timezone.localdate()
    day = services.themeday_plan(actor=party.secretary_a, branch=party.branch_a,
                                 month=today.replace(day=1), theme="学党章、议村务",
                                 planned_on=today)
    page = signed_in_page(browser, live_server, party.secretary_a)
    record_url = f"{live_server.url}/offline/themedays/{day.pk}/"
    ready_offline(page, record_url)
    page.context.set_offline(True)
    page.reload()  # from the worker's copy
    page.get_by_test_id("minutes").fill("学习新修订的党章，讨论村内道路维修和路灯安装。")
    row = page.get_by_test_id("suggestion-1")
    row.locator("input").fill("孙代表")
    row.locator("select").select_option("demand")
    row.locator("textarea").fill("村东头道路坑洼，雨天无法通行，希望尽快修缮。")
    page.get_by_test_id("submit-themeday").click()
    page.get_by_test_id("offline-banner").filter(has_text=SAVED).wait_for()
    (item,) = page.evaluate(READ_OUTBOX)
    assert not Suggestion.objects.exists()

    page.context.set_offline(False)
    page.wait_for_selector("[data-testid=outbox-item][data-status=done]")
    demand = Demand.objects.get()
    assert demand.origin_type == "partyday" and demand.origin_id == day.pk
    suggestion = Suggestion.objects.get()
    assert suggestion.demand_id == demand.pk
    day.refresh_from_db()
    assert day.status == DayStatus.SUGGESTIONS_RECORDED
    typed = parse_datetime(item["recorded_at"])
    assert abs((day.held_at - typed).total_seconds()) < 1
    assert abs((suggestion.recorded_at - typed).total_seconds()) < 1
    assert day.held_at <= timezone.now() + timedelta(seconds=1)
    assert demand.number in page.get_by_test_id("outbox-result").inner_text()
    page.context.close()


def test_refused_item_is_fixed_on_the_phone_and_sent_again(browser, live_server, county):
    page = signed_in_page(browser, live_server, county.secretary)
    ready_offline(page, f"{live_server.url}/grid/visits/new/")
    page.context.set_offline(True)
    page.locator("input[name=households_met]").fill("2")
    page.locator("textarea[name=notes]").fill("村委会座谈。")
    page.locator("input[name='demand-1-title']").fill("路灯不亮")
    page.locator("textarea[name='demand-1-text']").fill("村东头路灯坏了三天，晚上出行不便。")
    page.locator("input[name='demand-1-solved_on_spot']").check()  # but no note: refused
    page.get_by_test_id("submit-visit").click()
    page.get_by_test_id("offline-banner").filter(has_text=SAVED).wait_for()

    page.context.set_offline(False)
    page.wait_for_selector("[data-testid=outbox-item][data-status=invalid]")
    assert "第1条诉求：" in page.get_by_test_id("outbox-error").inner_text()
    assert not Visit.objects.exists()

    page.get_by_test_id("outbox-open").click()
    page.get_by_test_id("outbox-form-error").wait_for()
    assert page.locator("textarea[name=notes]").input_value() == "村委会座谈。"
    assert page.locator("input[name='demand-1-solved_on_spot']").is_checked()
    page.locator("textarea[name='demand-1-on_spot_note']").fill("现场联系电工更换了灯泡。")
    page.get_by_test_id("submit-visit").click()
    page.wait_for_selector("[data-testid=outbox-item][data-status=done]")
    assert page.locator("[data-testid=outbox-item]").count() == 1  # the same item, updated
    visit = Visit.objects.get()
    assert visit.notes == "村委会座谈。" and visit.demands.get().solved_on_spot


def session_marked_long_ago(page):
    """The page's session, marked as last touched long ago (a request that counts as activity
    now slides its expiry at once); returns (key, expire_date)."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    key = next(c["value"] for c in page.context.cookies()
               if c["name"] == settings.SESSION_COOKIE_NAME)
    store = SessionStore(session_key=key)
    store["_touched"] = 0
    store.save()
    return key, Session.objects.get(pk=key).expire_date


REFRESH = """() => navigator.serviceWorker.ready.then((registration) => new Promise((resolve) => {
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data && event.data.type.indexOf("refresh") === 0) resolve(event.data);
  });
  registration.active.postMessage({type: "refresh"});
}))"""


def test_background_work_does_not_keep_the_session_alive(browser, live_server, county):
    """The worker's refresh and the outbox's sync on reconnecting are not the person's activity:
    the session's expiry does not move (an idle phone is signed out on time)."""
    page = signed_in_page(browser, live_server, county.secretary)
    ready_offline(page, f"{live_server.url}/grid/visits/new/")
    key, expires = session_marked_long_ago(page)
    answer = page.evaluate(REFRESH)
    assert answer["type"] == "refreshed" and answer["pages"] > 3, answer
    assert Session.objects.get(pk=key).expire_date == expires

    item = record_offline(page, live_server, "傍晚走访，无人操作时手机自动提交。")
    key, expires = session_marked_long_ago(page)
    page.context.set_offline(False)  # the phone finds a signal in someone's pocket
    page.wait_for_selector("[data-testid=outbox-item][data-status=done]")
    check_synced(item, "傍晚走访，无人操作时手机自动提交。")
    assert Session.objects.get(pk=key).expire_date == expires

    page.goto(f"{live_server.url}/grid/visits/new/")  # the person opens a page: activity
    assert Session.objects.get(pk=key).expire_date > expires
    page.context.close()


def test_an_item_saved_before_the_move_is_sent_to_the_api(browser, live_server, county):
    """An outbox item kept on a phone before the endpoints moved into /api/v1 still names
    the old address in IndexedDB: it is sent to the new one and recorded once."""
    page = signed_in_page(browser, live_server, county.secretary)
    ready_offline(page, f"{live_server.url}/grid/visits/new/")
    item = record_offline(page, live_server, "旧版本保存的走访。")
    assert item["url"] == "/api/v1/offline/visits"
    page.evaluate("""(key) => new Promise((resolve) => {
      const open = indexedDB.open("grassroots-offline", 1);
      open.onsuccess = () => {
        const store = open.result.transaction("outbox", "readwrite").objectStore("outbox");
        const req = store.get(key);
        req.onsuccess = () => {
          req.result.url = "/offline/api/visits";
          store.put(req.result).onsuccess = () => resolve();
        };
      };
    })""", item["key"])
    page.context.set_offline(False)
    page.wait_for_selector("[data-testid=outbox-item][data-status=done]")
    check_synced(item, "旧版本保存的走访。")
    assert Visit.objects.count() == 1
    page.context.close()


def test_a_full_phone_says_so_and_keeps_what_was_typed(browser, live_server, county):
    """IndexedDB refuses the write (storage full): no silent loss, the form keeps its text."""
    page = signed_in_page(browser, live_server, county.secretary)
    ready_offline(page, f"{live_server.url}/grid/visits/new/")
    page.context.set_offline(True)
    page.evaluate("""() => {
      IDBObjectStore.prototype.put = function () {
        throw new DOMException("full", "QuotaExceededError");
      };
    }""")
    page.locator("textarea[name=notes]").fill("存储已满时的走访。")
    page.get_by_test_id("submit-visit").click()
    assert "存储空间不足" in page.get_by_test_id("outbox-storage").inner_text()
    assert page.locator("textarea[name=notes]").input_value() == "存储已满时的走访。"
    assert page.evaluate(READ_OUTBOX) == []
    page.context.close()
