"""The notification inbox: opening an item or "mark all" counts it read, and the badge drops."""

from grassroots.core.models import Notification
from grassroots.core.notifications import notification_mark_read, notify


def _unread(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, county):
    notify(recipients=[county.handler], kind="t", title="新工单（主办）：小区水压低",
           url="/inbox/", dedup_key="t:1")
    notify(recipients=[county.handler], kind="t", title="另一条", url="/inbox/", dedup_key="t:2")
    client.force_login(county.handler)
    page = client.get("/notifications/").content.decode()
    assert 'class="badge">2<' in page
    n = Notification.objects.get(dedup_key="t:1")
    # The item is a POST form (with its CSRF token), not a link that a GET would follow.
    assert f'<form method="post" action="/notifications/{n.pk}/open/"' in page
    assert f'href="/notifications/{n.pk}/open/"' not in page
    r = client.post(f"/notifications/{n.pk}/open/")
    assert r.status_code == 302 and r["Location"] == "/inbox/"
    n.refresh_from_db()
    assert n.read_at is not None
    assert 'class="badge">1<' in client.get("/notifications/").content.decode()


def test_mark_all_read_clears_the_badge(client, county):
    notify(recipients=[county.handler], kind="t", title="一", dedup_key="a:1")
    notify(recipients=[county.handler], kind="t", title="二", dedup_key="a:2")
    client.force_login(county.handler)
    assert "全部标为已读" in client.get("/notifications/").content.decode()
    assert client.get("/notifications/read-all/").status_code == 405
    r = client.post("/notifications/read-all/")
    assert r.status_code == 302 and _unread(county.handler) == 0
    page = client.get("/notifications/").content.decode()
    assert 'class="badge"' not in page and "全部标为已读" not in page


def test_someone_elses_notification_is_a_404_and_stays_unread(client, county):
    notify(recipients=[county.dispatcher], kind="t", title="退单待裁定", url="/dispatch/",
           dedup_key="o:1")
    n = Notification.objects.get(dedup_key="o:1")
    client.force_login(county.handler)
    assert client.get(f"/notifications/{n.pk}/open/").status_code == 404
    assert client.post(f"/notifications/{n.pk}/open/").status_code == 404
    assert notification_mark_read(actor=county.handler, notification_id=n.pk) == 0
    n.refresh_from_db()
    assert n.read_at is None


def test_an_outside_link_is_not_followed(client, county):
    notify(recipients=[county.handler], kind="t", title="x", url="https://evil.example/",
           dedup_key="e:1")
    n = Notification.objects.get(dedup_key="e:1")
    client.force_login(county.handler)
    r = client.post(f"/notifications/{n.pk}/open/")
    assert r.status_code == 302 and r["Location"] == "/notifications/"


def test_a_get_follows_the_link_but_changes_nothing(client, county):
    """A state change on GET is refused: link prefetchers, crawlers and mail scanners follow
    links; only the inbox's POST counts a notification read."""
    notify(recipients=[county.handler], kind="t", title="新工单", url="/inbox/", dedup_key="g:1")
    n = Notification.objects.get(dedup_key="g:1")
    client.force_login(county.handler)
    r = client.get(f"/notifications/{n.pk}/open/")
    assert r.status_code == 302 and r["Location"] == "/inbox/"
    n.refresh_from_db()
    assert n.read_at is None and _unread(county.handler) == 1
