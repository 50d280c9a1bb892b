"""Dispatch suggestions: top-3 with confidences, feedback on accept / pick another, auto-dispatch."""


from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.models import Event
from grassroots.demands.models import DemandStatus
from grassroots.testing.refusals import refused
from grassroots.triage.models import SuggestionFeedback, TriageSettings
from grassroots.triage.selectors import dispatch_suggestions, suggest_batch, suggest_for_demand
from grassroots.triage.services import triage_settings_update
from grassroots.triage.services.dispatch import SYSTEM_USERNAME

WATER = ("金城社区3号楼水压低", "金城社区3号楼最近一周自来水水压很低，楼上用不上水，请尽快处理。")


def test_top3_categories_and_units_with_confidences(county, active_models, make_demand):
    demand = make_demand()
    s = suggest_for_demand(demand)
    assert len(s["categories"]) == 3 and len(s["units"]) == 3
    assert s["categories"][0][0] == "城乡建设"
    assert s["units"][0][0] == county.water  # an Organization row, mapped from the label
    confs = [c for _u, c in s["units"]]
    assert confs == sorted(confs, reverse=True) and all(0 < c <= 1 for c in confs)
    assert s["unit_version"] == 1 and s["category_version"] == 1


def test_no_active_model_means_no_suggestions(county, make_demand):
    s = suggest_for_demand(make_demand())
    assert s["units"] == [] and s["categories"] == []
    assert dispatch_suggestions([make_demand()]) == {}


def test_deactivated_unit_is_never_suggested(county, active_models, make_demand):
    county.water.is_active = False
    county.water.save(update_fields=["is_active"])
    units = suggest_for_demand(make_demand())["units"]
    assert county.water not in [u for u, _ in units] and len(units) == 3


def test_queue_page_offers_one_click_suggestions(client, county, active_models, make_demand):
    demand = make_demand()
    client.force_login(county.dispatcher)
    html = client.get("/dispatch/").content.decode()
    assert f'data-testid="suggest-{county.water.pk}"' in html
    assert "triage/triage.js" in html
    assert f'data-testid="dispatch-form-{demand.pk}"' in html


def test_accepting_the_suggestion_is_recorded(client, county, active_models, make_demand):
    demand = make_demand()
    client.force_login(county.dispatcher)
    resp = client.post(f"/demands/{demand.pk}/dispatch/", {"lead_unit": county.water.pk})
    assert resp.status_code == 302
    fb = SuggestionFeedback.objects.get(demand=demand)
    assert fb.accepted and fb.rank == 1 and fb.chosen_unit == county.water
    assert fb.model_version == 1 and not fb.auto and fb.actor == county.dispatcher
    assert [row[0] for row in fb.suggested][0] == county.water.pk and len(fb.suggested) == 3


def test_picking_another_unit_is_recorded_as_not_accepted(client, county, units, active_models,
                                                          make_demand):
    demand = make_demand()
    suggested = {u.pk for u, _c in suggest_for_demand(demand)["units"]}
    other = next(u for u in units.values() if u.pk not in suggested)
    client.force_login(county.dispatcher)
    client.post(f"/demands/{demand.pk}/dispatch/", {"lead_unit": other.pk})
    fb = SuggestionFeedback.objects.get(demand=demand)
    assert not fb.accepted and fb.rank is None and fb.chosen_unit == other


def _top_conf():
    return suggest_batch([WATER])[0]["units"][0][1]


def _settings(enabled, threshold):
    TriageSettings.objects.update_or_create(
        pk=1, defaults={"auto_dispatch_enabled": enabled, "auto_dispatch_threshold": threshold})


def test_auto_dispatch_above_threshold_when_enabled(county, active_models, make_demand,
                                                    django_capture_on_commit_callbacks):
    _settings(True, _top_conf() - 0.01)
    with django_capture_on_commit_callbacks(execute=True):
        demand = make_demand(title=WATER[0], text=WATER[1])
    # the instance the intake returned is refreshed by the auto-dispatch
    assert demand.status == DemandStatus.DISPATCHED
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DISPATCHED
    lead = demand.assignments.get()
    assert lead.unit == county.water and lead.dispatched_by.username == SYSTEM_USERNAME
    assert "智能派单" in lead.dispatch_note
    assert SuggestionFeedback.objects.get(demand=demand).auto


def test_no_auto_dispatch_below_threshold(county, active_models, make_demand,
                                          django_capture_on_commit_callbacks):
    _settings(True, min(0.999, _top_conf() + 0.01))
    with django_capture_on_commit_callbacks(execute=True):
        demand = make_demand(title=WATER[0], text=WATER[1])
    demand.refresh_from_db()
    assert demand.status == DemandStatus.RECEIVED and not demand.assignments.exists()


def test_no_auto_dispatch_unless_the_county_turns_it_on(county, active_models, make_demand,
                                                        django_capture_on_commit_callbacks):
    _settings(False, 0.5)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        demand = make_demand(title=WATER[0], text=WATER[1])
    demand.refresh_from_db()
    assert demand.status == DemandStatus.RECEIVED
    assert TriageSettings.load().auto_dispatch_enabled is False
    assert len(callbacks) == 0 or not demand.assignments.exists()


def test_demands_solved_on_the_spot_are_never_auto_dispatched(
        county, active_models, make_demand, django_capture_on_commit_callbacks):
    _settings(True, 0.5)
    with django_capture_on_commit_callbacks(execute=True):
        demand = make_demand(title=WATER[0], text=WATER[1], solved_on_spot=True,
                             on_spot_note="已现场协调供水公司调压。")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED and not demand.assignments.exists()


def test_auto_dispatch_is_off_by_default(db):
    s = TriageSettings.load()
    assert s.auto_dispatch_enabled is False and s.auto_dispatch_threshold == 0.9


def test_settings_are_for_administrators_with_a_sane_threshold(county):
    with refused(NotInScope, "只有平台管理员可以修改智能派单设置。", unchanged=[TriageSettings]):
        triage_settings_update(actor=county.dispatcher, auto_dispatch_enabled=True,
                               auto_dispatch_threshold=0.9)
    with refused(ApplicationError, "置信度下限应为0.5至0.999之间的小数。", unchanged=[TriageSettings]):
        triage_settings_update(actor=county.admin, auto_dispatch_enabled=True,
                               auto_dispatch_threshold="0.2")
    assert not TriageSettings.objects.exists()
    s = triage_settings_update(actor=county.admin, auto_dispatch_enabled=True,
                               auto_dispatch_threshold="0.95")
    assert s.auto_dispatch_enabled and s.auto_dispatch_threshold == 0.95


def test_settings_are_cached_and_a_change_is_seen_at_once(county, django_assert_num_queries,
                                                          django_capture_on_commit_callbacks):
    TriageSettings.load()
    with django_assert_num_queries(0):
        assert TriageSettings.load().auto_dispatch_enabled is False
    with django_capture_on_commit_callbacks(execute=True):
        triage_settings_update(actor=county.admin, auto_dispatch_enabled=True,
                               auto_dispatch_threshold="0.95")
    s = TriageSettings.load()
    assert s.auto_dispatch_enabled is True and s.auto_dispatch_threshold == 0.95
    TriageSettings.objects.get(pk=1).delete()
    assert TriageSettings.load().auto_dispatch_enabled is False


def test_near_zero_runners_up_are_not_offered_as_one_click_buttons(county, units, make_demand,
                                                                    monkeypatch, client):
    others = [u for u in units.values() if u.pk != county.water.pk][:2]
    monkeypatch.setattr("grassroots.triage.selectors.suggest_batch", lambda pairs: [{
        "units": [(county.water, 0.97), (others[0], 0.02), (others[1], 0.004)],
        "categories": [("城乡建设", 0.94), ("应急安全", 0.003)],
        "category_version": 1, "unit_version": 1, "unit_model_pk": None} for _ in pairs])
    demand = make_demand()
    s = dispatch_suggestions([demand])[demand.pk]
    assert [u["unit_id"] for u in s["units"]] == [county.water.pk]
    assert [c["label"] for c in s["categories"]] == ["城乡建设"]
    client.force_login(county.dispatcher)
    html = client.get("/dispatch/").content.decode()
    assert f'data-testid="suggest-{county.water.pk}"' in html
    assert f'data-testid="suggest-{others[0].pk}"' not in html


def _root(name):
    from grassroots.demands.models import Category

    return (Category.objects.filter(level=1, name=name).first()
            or Category.objects.create(name=name, code=f"R-{name}", level=1))


def test_a_suggested_category_is_one_click_in_the_form_of_an_unclassified_demand(
        client, county, active_models, make_demand):
    root = _root("城乡建设")
    demand = make_demand()
    assert demand.category_id is None
    client.force_login(county.dispatcher)
    html = client.get("/dispatch/").content.decode()
    assert f'data-testid="suggest-category-{root.pk}"' in html
    assert f'data-testid="dispatch-category-{demand.pk}"' in html
    assert f'<option value="{root.pk}">城乡建设</option>' in html


def test_dispatch_with_a_category_classifies_the_demand_and_records_it(
        client, county, active_models, make_demand):

    root = _root("城乡建设")
    demand = make_demand()
    client.force_login(county.dispatcher)
    resp = client.post(f"/demands/{demand.pk}/dispatch/",
                       {"lead_unit": county.water.pk, "category": root.pk})
    assert resp.status_code == 302
    demand.refresh_from_db()
    assert demand.category_id == root.pk and demand.status == DemandStatus.DISPATCHED
    assert Event.objects.filter(object_id=demand.pk, action="categorized").exists()
    # a classified demand shows the suggestions as text only, with no category picker
    html = client.get(f"/demands/{demand.pk}/").content.decode()
    assert f'data-testid="dispatch-category-{demand.pk}"' not in html


def test_an_unknown_category_refuses_the_dispatch_and_writes_nothing(
        client, county, active_models, make_demand):
    demand = make_demand()
    client.force_login(county.dispatcher)
    resp = client.post(f"/demands/{demand.pk}/dispatch/",
                       {"lead_unit": county.water.pk, "category": "999999"},
                       HTTP_HX_REQUEST="true")
    assert "所选分类不存在" in resp.content.decode()
    demand.refresh_from_db()
    assert demand.status == DemandStatus.RECEIVED and demand.category_id is None


def test_the_service_keeps_an_existing_category(county, make_demand):
    from grassroots.demands.services import demand_dispatch

    root, other = _root("城乡建设"), _root("环境保护")
    demand = make_demand(category=root)
    demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water,
                    category=other)
    demand.refresh_from_db()
    assert demand.category_id == root.pk
    other.is_active = False
    other.save(update_fields=["is_active"])
    received = make_demand()
    with refused(ApplicationError, "该分类已停用，请另选。", unchanged=[received]):
        demand_dispatch(actor=county.dispatcher, demand=received, lead_unit=county.water,
                        category=other)
