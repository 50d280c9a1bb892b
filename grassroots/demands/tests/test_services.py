import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.models import Notification
from grassroots.demands.models import (
    Assignment,
    AssignmentStatus,
    Attachment,
    Demand,
    DemandStatus,
    DemandType,
    DispatchRule,
    FollowUp,
)
from grassroots.demands.selectors import track_demand
from grassroots.demands.services import (
    assignment_acknowledge,
    assignment_decide_extension,
    assignment_decide_return,
    assignment_reply,
    assignment_request_extension,
    assignment_return,
    catalogue_rule_for,
    demand_create,
    demand_dispatch,
    demand_dispatch_batch,
    demand_follow_up,
    demand_merge,
    followup_watch,
)
from grassroots.testing.refusals import refused

from .pagekit import events_of

TZ = ZoneInfo("Asia/Shanghai")


def _png(name="p.png"):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


def test_intake_validation_messages_and_nothing_written(county, make_demand):
    cases = [
        ({"title": "水"}, "请填写诉求标题（至少2个字）。"),
        ({"text": "太短"}, "请把诉求内容写清楚（至少5个字）。"),
        ({"type": DemandType.COMPLAINT, "is_anonymous": True},
         "只有举报、建议和表扬可以匿名提交；其他诉求需要留下联系方式以便答复。"),
        ({"citizen_phone": "12345"}, "手机号格式不正确，应为11位手机号码。"),
        ({"text": "长" * 5001}, "诉求内容不能超过5000个字，目前5001个字。"),
    ]
    for fields, message in cases:
        with refused(ApplicationError, message, unchanged=[Demand]):
            make_demand(**fields)
    assert Demand.objects.count() == 0


def test_photo_checks_by_content(county, make_demand, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg")
    with refused(ApplicationError, "文件“x.jpg”不是有效的图片，只能上传JPG、PNG、WEBP或GIF照片。",
                 unchanged=[Demand, Attachment]):
        make_demand(photos=[fake])
    with refused(ApplicationError, "最多上传9张照片。", unchanged=[Demand, Attachment]):
        make_demand(photos=[_png() for _ in range(10)])
    assert Demand.objects.count() == 0 and Attachment.objects.count() == 0
    demand = make_demand(photos=[_png(), _png("b.png")])
    assert demand.attachments.count() == 2
    assert demand.attachments.first().content_type == "image/png"


def test_numbers_are_sequential_per_day(county, make_demand):
    a, b = make_demand(), make_demand()
    day = a.received_at.astimezone(TZ).strftime("%Y%m%d")
    assert a.number == f"JX{day}-0001" and b.number == f"JX{day}-0002"


def test_solved_on_spot_by_secretary(county, categories):
    demand = demand_create(actor=county.secretary, channel="visit", type="help", title="路灯不亮",
                           text="村口路灯不亮了，晚上出行不便。", grid=county.grid_a,
                           solved_on_spot=True, on_spot_note="联系村电工当场更换了灯泡。")
    assert demand.status == DemandStatus.CLOSED and demand.solved_on_spot
    assert demand.town == county.town_a
    with refused(NotInScope, "只能为自己负责的网格登记走访诉求。", unchanged=[Demand]):
        demand_create(actor=county.secretary, channel="visit", type="help", title="路灯不亮",
                      text="村口路灯不亮了。。", grid=county.grid_b)


def test_deadlines_friday_evening(county, make_demand):
    # Friday 2025-03-14 17:20: 1 working hour to acknowledge → Monday 09:20.
    with clock.travel(datetime(2025, 3, 14, 17, 20, tzinfo=TZ)):
        demand = make_demand()
        lead = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)[0]
    assert lead.acknowledge_due_at.astimezone(TZ) == datetime(2025, 3, 17, 9, 20, tzinfo=TZ)
    assert lead.reply_due_at.astimezone(TZ).date() == datetime(2025, 3, 18).date()


def test_deadlines_skip_national_day(county, make_demand):
    with clock.travel(datetime(2025, 9, 30, 16, 0, tzinfo=TZ)):
        demand = make_demand()
        lead = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)[0]
    # 2025-10-01..08 are holidays; 10-09 and 10-10 are the next working days.
    assert lead.reply_due_at.astimezone(TZ).date() > datetime(2025, 10, 8).date()


def test_return_ruling_and_no_second_return(county, dispatched):
    demand, lead, _ = dispatched
    assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围")
    assert Notification.objects.filter(recipient=county.dispatcher, kind="return").exists()
    assignment_decide_return(actor=county.dispatcher, assignment=lead, approve=False,
                             note="供水设施归水务局管理")
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.ACKNOWLEDGED and lead.ruling_forced
    with refused(ApplicationError, "派单中心已裁定由本单位承办，不能再次退单；如有异议，请申请升级协调。",
                 unchanged=[lead]) as refusal:
        assignment_return(actor=county.handler, assignment=lead, reason="还是不属于我们")
    assert refusal.value.field == "reason"


@pytest.mark.parametrize("late", [False, True])
def test_ruled_assignment_is_acknowledged_as_of_its_return(county, dispatched, late):
    demand, lead, _ = dispatched
    returned = lead.acknowledge_due_at + (timedelta(hours=1) if late else -timedelta(minutes=5))
    with clock.travel(returned):
        assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围")
    with clock.travel(returned + timedelta(hours=3)):
        assignment_decide_return(actor=county.dispatcher, assignment=lead, approve=False,
                                 note="供水设施归水务局管理")
    lead.refresh_from_db()
    assert lead.acknowledged_at == returned and lead.acknowledged_late is late


def test_return_approved_and_redispatched(county, dispatched):
    demand, lead, assist = dispatched
    assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围")
    assignment_decide_return(actor=county.dispatcher, assignment=lead, approve=True,
                             note="改派住建局", new_lead_unit=county.town_a_org)
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.RETURNED
    new_lead = Assignment.objects.get(demand=demand, role="lead", status="dispatched")
    assert new_lead.unit == county.town_a_org
    demand.refresh_from_db()
    assert demand.status == DemandStatus.DISPATCHED


def test_extension_pauses_clock_and_sets_new_due(county, dispatched):
    _, lead, _ = dispatched
    assignment_acknowledge(actor=county.handler, assignment=lead)
    lead.refresh_from_db()
    until = lead.reply_due_at + timedelta(days=7)
    local_due = lead.reply_due_at.astimezone(TZ)  # read back from the database: UTC
    with refused(ApplicationError, f"申请延期的日期应晚于当前答复时限（{local_due:%Y-%m-%d %H:%M}）。",
                 unchanged=[lead]):
        assignment_request_extension(actor=county.handler, assignment=lead, reason="需要更换管道",
                                     until=lead.reply_due_at - timedelta(hours=1))
    assignment_request_extension(actor=county.handler, assignment=lead, reason="需要更换管道施工",
                                 until=until)
    lead.refresh_from_db()
    assert lead.is_paused and lead.due_at is None
    assignment_decide_extension(actor=county.dispatcher, assignment=lead, approve=True)
    lead.refresh_from_db()
    assert not lead.is_paused and lead.reply_due_at == until and lead.due_at == until
    assert lead.extension_count == 1 and len(lead.paused_intervals) == 1


def test_refused_extension_keeps_the_original_deadline(county, make_demand):
    with clock.travel(datetime(2025, 3, 17, 9, 0, tzinfo=TZ)):
        demand = make_demand()
        lead = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)[0]
        assignment_acknowledge(actor=county.handler, assignment=lead)
    lead.refresh_from_db()
    old_due = lead.reply_due_at
    with clock.travel(datetime(2025, 3, 17, 10, 0, tzinfo=TZ)):
        assignment_request_extension(actor=county.handler, assignment=lead, reason="需要更换管道施工",
                                     until=old_due + timedelta(days=3))
    with clock.travel(datetime(2025, 3, 17, 11, 0, tzinfo=TZ)):
        assignment_decide_extension(actor=county.dispatcher, assignment=lead, approve=False)
    lead.refresh_from_db()
    # 按原时限办理: asking for an extension buys no time when it is refused.
    assert lead.reply_due_at == old_due and lead.due_at == old_due
    assert not lead.is_paused and len(lead.paused_intervals) == 1


def test_refused_extension_after_the_deadline_leaves_the_order_overdue(county, make_demand):
    with clock.travel(datetime(2025, 3, 17, 9, 0, tzinfo=TZ)):
        demand = make_demand()
        lead = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)[0]
        assignment_acknowledge(actor=county.handler, assignment=lead)
    lead.refresh_from_db()
    old_due = lead.reply_due_at
    with clock.travel(old_due - timedelta(hours=1)):
        assignment_request_extension(actor=county.handler, assignment=lead, reason="需要更换管道施工",
                                     until=old_due + timedelta(days=3))
    late = old_due + timedelta(days=2)
    with clock.travel(late):
        assignment_decide_extension(actor=county.dispatcher, assignment=lead, approve=False)
    lead.refresh_from_db()
    assert lead.due_at == old_due < late


def test_unsatisfied_reopens_then_closes(county, dispatched):
    demand, lead, _ = dispatched
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常。",
                     unconsolidated_reason="协办单位已电话告知无需其处置。")
    with refused(ApplicationError, "不满意时请简要说明原因，以便承办单位重新办理。",
                 unchanged=[demand, lead, FollowUp]):
        demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="unsatisfied")
    demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="unsatisfied",
                     comment="水压还是很低")
    demand.refresh_from_db()
    lead.refresh_from_db()
    assert demand.status == DemandStatus.HANDLING and demand.reopen_count == 1
    assert lead.status == AssignmentStatus.HANDLING and lead.round == 2
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换主管道，经回访水压正常。",
                     unconsolidated_reason="协办单位已电话告知无需其处置。")
    demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied")
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED
    assert list(FollowUp.objects.filter(demand=demand).values_list("round", flat=True)) == [1, 2]
    with refused(TransitionNotAllowed, "该诉求已办结，不能重复评价。", unchanged=[demand, FollowUp]):
        demand_follow_up(actor=county.dispatcher, demand=demand, satisfaction="satisfied")


def test_citizen_rates_own_demand_only(county, make_demand):
    demand = make_demand(citizen_phone="", actor=county.citizen, channel="citizen")
    assert demand.citizen.user == county.citizen
    lead = demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)[0]
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="explained",
                     text="经核实，该区域正在进行管网改造，预计下周恢复。")
    with refused(NotInScope, "只有诉求人本人或回访人员可以评价。", unchanged=[demand, FollowUp]):
        demand_follow_up(actor=county.other_citizen, demand=demand, satisfaction="satisfied")
    demand_follow_up(actor=county.citizen, demand=demand, satisfaction="basically")
    assert Demand.objects.get(pk=demand.pk).satisfaction == "basically"


def test_no_response_closes_after_window(county, dispatched):
    demand, lead, _ = dispatched
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常。",
                     unconsolidated_reason="协办单位已电话告知无需其处置。")
    assert followup_watch() == 0
    demand.refresh_from_db()
    with clock.travel(demand.followup_due_at + timedelta(minutes=1)):
        assert followup_watch() == 1
        assert followup_watch() == 0  # idempotent
    demand.refresh_from_db()
    assert demand.status == DemandStatus.CLOSED and demand.satisfaction == "no_response"


def test_merge_gives_reply_to_all(county, make_demand):
    first = make_demand()
    second = make_demand(citizen_phone="13912340000")
    lead = demand_dispatch(actor=county.dispatcher, demand=first, lead_unit=county.water)[0]
    demand_merge(actor=county.dispatcher, demand=second, into=first)
    second.refresh_from_db()
    assert second.status == DemandStatus.MERGED and second.merged_into == first
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常。")
    second.refresh_from_db()
    assert second.reply_text.startswith("已更换加压泵")


def test_catalogue_and_batch_dispatch(county, categories, make_demand):
    DispatchRule.objects.create(category=categories["water"], unit=county.water)
    a, b = make_demand(), make_demand(category=None)
    assert catalogue_rule_for(a).unit == county.water
    results = demand_dispatch_batch(actor=county.dispatcher, demands=[a, b])
    assert results[0][1] is not None and results[1][1] is None
    assert "派单目录中没有" in results[1][2]


def test_dispatch_validation(county, make_demand):
    demand = make_demand()
    with refused(ApplicationError, "主办单位不能同时作为协办单位。", unchanged=[demand, Assignment]):
        demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water,
                        assisting_units=[county.water])
    with refused(NotInScope, "只有派单中心可以执行此操作。", unchanged=[demand, Assignment]):
        demand_dispatch(actor=county.handler, demand=demand, lead_unit=county.water)
    demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.water)
    with refused(TransitionNotAllowed,
                 "诉求当前状态为“待签收”，不能执行“派单”。如页面未刷新，请刷新后重试。",
                 unchanged=[demand, Assignment]):
        demand_dispatch(actor=county.dispatcher, demand=demand, lead_unit=county.housing)
    assert Assignment.objects.filter(demand=demand).count() == 1


def test_tracking_by_number_and_phone(county, make_demand):
    demand = make_demand(citizen_phone="13912345678")
    assert track_demand(demand.number, "13912345678") == demand
    assert track_demand(demand.number, "13900000000") is None
    assert track_demand("JX00000000-0000", "13912345678") is None


def test_scope_per_role(county, dispatched, make_demand):
    demand, _, _ = dispatched
    other = make_demand(division=county.village_b)
    visible = {u: set(Demand.objects.restrict(u).values_list("pk", flat=True)) for u in (
        county.supervisor, county.handler, county.viewer, county.outsider, county.town_staff,
        county.secretary, county.citizen)}
    assert visible[county.supervisor] == {demand.pk, other.pk}
    assert visible[county.handler] == {demand.pk}
    assert visible[county.viewer] == {demand.pk}
    assert visible[county.outsider] == {demand.pk}  # housing assists on this one
    assert visible[county.town_staff] == {demand.pk}
    assert visible[county.secretary] == set()
    assert visible[county.citizen] == set()


def test_return_pauses_the_clock_so_no_overdue_while_the_dispatcher_rules(county, dispatched):
    """A return awaiting the ruling is paused: no due_at, so the deadline watch, the overdue
    counts and the countdowns do not hold the unit late for the dispatcher's time."""
    from grassroots.supervision.services.watch import deadline_watch

    demand, lead, _ = dispatched
    ack_due = lead.acknowledge_due_at
    with clock.travel(ack_due - timedelta(minutes=10)):
        assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围")
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.RETURN_REQUESTED and lead.is_paused
    assert lead.due_at is None
    deadline_watch(at=lead.reply_due_at + timedelta(days=3))
    lead.refresh_from_db()
    assert lead.overdue_notified_for is None and lead.escalated_at is None
    assert not Notification.objects.filter(kind="deadline_over",
                                           recipient=county.handler).exists()
    # Ruled back to the unit: the clock runs again from the reply deadline, pushed out.
    with clock.travel(ack_due + timedelta(hours=2)):
        assignment_decide_return(actor=county.dispatcher, assignment=lead, approve=False,
                                 note="供水设施归水务局管理")
    lead.refresh_from_db()
    assert lead.due_at == lead.reply_due_at and not lead.is_paused


def test_migration_clears_due_at_of_returns_already_paused(county, dispatched):
    import importlib

    from django.apps import apps

    demand, lead, _ = dispatched
    assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围")
    # A return written before the fix: paused, but still carrying its deadline.
    Assignment.objects.filter(pk=lead.pk).update(due_at=lead.acknowledge_due_at)
    module = importlib.import_module(
        "grassroots.demands.migrations.0009_paused_returns_have_no_due_at")
    module.clear_due_at(apps, None)
    lead.refresh_from_db()
    assert lead.due_at is None
    assert Assignment.objects.filter(due_at__isnull=False).count() == 1  # the assisting one


def test_lead_reply_consolidates_the_assisting_replies(county, dispatched):
    """While an assisting unit has not replied, the lead replies only with a written reason,
    which the staff timeline shows."""
    demand, lead, assist = dispatched
    assignment_acknowledge(actor=county.handler, assignment=lead)
    with refused(ApplicationError, "协办单位尚未答复：住建局。请汇总协办单位的答复后再答复，"
                 "或写明未汇总的原因（至少5个字）。", unchanged=[demand, lead, assist]):
        assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                         text="已更换加压泵，水压恢复正常。")
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常。",
                     unconsolidated_reason="住建局电话告知楼内管道正常，无需其处置。")
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.REPLIED
    (event,) = events_of(lead, "unconsolidated")
    assert event.note == "住建局电话告知楼内管道正常，无需其处置。"
    assert event.extra == {"assisting_not_replied": ["住建局"]}


def test_lead_reply_after_the_assisting_reply_needs_no_reason(county, dispatched):
    demand, lead, assist = dispatched
    assignment_acknowledge(actor=county.outsider, assignment=assist)
    assignment_reply(actor=county.outsider, assignment=assist, outcome="resolved",
                     text="已配合检查楼内管道，未发现渗漏。")
    assignment_acknowledge(actor=county.handler, assignment=lead)
    assignment_reply(actor=county.handler, assignment=lead, outcome="resolved",
                     text="已更换加压泵，水压恢复正常。")
    assert not events_of(lead, "unconsolidated").exists()
