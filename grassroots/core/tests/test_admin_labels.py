"""Every field a person can see in the admin has a Chinese label (no "RECORDED AT" headers)."""

import pytest
from django.apps import apps

# Apps whose labels are finished; the rest are listed in their own tests as they are done.
LABELLED_APPS = {"core", "people", "demands", "triage", "integrations"}


def test_model_fields_have_labels():
    unlabelled = [
        f"{model._meta.label}.{f.name}"
        for model in apps.get_models() if model._meta.app_label in LABELLED_APPS
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False) and not f.auto_created
        and str(f.verbose_name) == f.name.replace("_", " ")
    ]
    assert unlabelled == []


@pytest.mark.django_db
def test_follow_up_changelist_headers_are_chinese(admin_client, county):
    from grassroots.demands.models import FollowUp
    from grassroots.demands.services import demand_record_from_phone

    demand = demand_record_from_phone(actor=county.dispatcher, type="help", title="路灯不亮",
                                      text="村东头路灯坏了一个月。", division=county.village_a,
                                      citizen_phone="13800001111")
    FollowUp.objects.create(demand=demand, satisfaction="satisfied", by_staff=True)
    response = admin_client.get("/admin/demands/followup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "记录时间" in html and "Recorded at" not in html and "By staff" not in html


@pytest.mark.django_db
def test_outbox_changelist_shows_readable_kinds(admin_client, county):
    from grassroots.demands.services import demand_record_from_phone
    from grassroots.integrations.models import OutboxMessage

    demand = demand_record_from_phone(actor=county.dispatcher, type="help", title="停水",
                                      text="金城社区停水三天了。", division=county.village_a,
                                      citizen_phone="13800001111")
    OutboxMessage.objects.create(demand=demand, external_id="SD-1", kind="acknowledge",
                                 payload={}, status="sent")
    html = admin_client.get("/admin/integrations/outboxmessage/").content.decode()
    assert "<td class=\"field-kind_shown\">签收</td>" in html
    assert "<td class=\"field-next_attempt_shown\">—</td>" in html


@pytest.mark.django_db
def test_event_log_shows_action_labels_and_names(admin_client, county):
    from grassroots.demands.services import demand_record_from_phone

    demand_record_from_phone(actor=county.dispatcher, type="help", title="路灯不亮",
                             text="村东头路灯坏了一个月。", division=county.village_a,
                             citizen_phone="13800001111")
    html = admin_client.get("/admin/core/event/").content.decode()
    assert '<td class="field-action_shown">受理登记</td>' in html
    name = county.dispatcher.person.name
    assert f'<td class="field-actor_shown">{name}</td>' in html
