"""The model registry: training from the platform's own demands, bootstrap, activation, rollback."""

import pytest
from django.db import IntegrityError, transaction

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.core.events import events_for
from grassroots.testing.refusals import refused
from grassroots.triage import registry
from grassroots.triage.models import ModelKind, ModelStatus, TriageModel
from grassroots.triage.services import triage_model_activate, triage_model_train
from grassroots.triage.tasks import retrain_periodic


@pytest.fixture(autouse=True)
def _no_shared_data(tmp_path, monkeypatch):
    monkeypatch.setenv("GRASSROOTS_SHARED_DATA", str(tmp_path / "absent"))


def test_train_from_platform_demands_stores_a_version_with_per_class_metrics(
        county, handled_demands):
    seen = []
    row = triage_model_train(actor=county.admin, kind=ModelKind.UNIT,
                             progress=lambda f, m: seen.append(f))
    assert row.status == ModelStatus.READY and row.version == 1 and not row.is_active
    assert row.n_train == 64 and row.n_platform == 64 and row.n_bootstrap == 0
    assert "未找到公开数据" in row.metrics["bootstrap_message"]
    val = row.metrics["validation"]
    labels = {c["label"] for c in val["per_class"]}
    assert labels == {"金乡县水务局", "金乡县住房和城乡建设局", "金乡街道办事处", "金乡县教育和体育局"}
    assert all({"precision", "recall", "f1", "support"} <= set(c) for c in val["per_class"])
    assert 0.0 <= val["macro_f1"] <= 1.0 and val["n"] >= 4
    assert row.trained_by == county.admin and len(bytes(row.blob)) > 1000
    assert seen and seen[-1] == 1.0
    assert [e.action for e in events_for(row)] == ["triage_train_start", "triage_trained"]


def test_category_labels_are_category_paths(county, handled_demands):
    """Paths (first level › second › third), so a suggestion can go as fine as it is sure."""
    row = triage_model_train(actor=county.admin, kind=ModelKind.CATEGORY)
    classes = row.metrics["classes"]
    assert {c.split("›")[0] for c in classes} == {"城乡建设", "环境保护", "教育文体"}
    assert len(classes) == 4 and all(c.count("›") == 2 for c in classes)


def test_only_administrators_train_and_nothing_is_written(county, handled_demands):
    with refused(NotInScope, "只有平台管理员可以训练模型。", unchanged=[TriageModel]):
        triage_model_train(actor=county.dispatcher, kind=ModelKind.UNIT)
    assert not TriageModel.objects.exists()


def test_too_little_data_fails_cleanly_with_a_message(county, tmp_path):
    message = (f"训练数据不足：本平台已办结诉求 0 条，至少需要两个不同的分类。 "
               f"未找到公开数据（{tmp_path / 'absent'}），仅使用本平台数据。")
    with pytest.raises(ApplicationError) as exc:  # the failed attempt is kept, with its event
        triage_model_train(actor=county.admin, kind=ModelKind.CATEGORY)
    assert exc.value.message == message
    row = TriageModel.objects.get()
    assert row.status == ModelStatus.FAILED and row.error == message
    assert [e.action for e in events_for(row)][-1] == "triage_train_failed"


def test_bootstrap_source_requires_the_public_data(county, handled_demands, tmp_path):
    with pytest.raises(ApplicationError) as exc:
        triage_model_train(actor=county.admin, kind=ModelKind.CATEGORY, source="bootstrap")
    assert exc.value.message == f"未找到公开数据（{tmp_path / 'absent'}），仅使用本平台数据。"
    assert TriageModel.objects.get().status == ModelStatus.FAILED


def test_bootstrap_adds_public_rows_with_aliased_labels(county, handled_demands, tmp_path,
                                                        monkeypatch):
    base = tmp_path / "shared"
    (base / "taidi2020").mkdir(parents=True)
    lines = ["留言编号,留言用户,留言主题,留言时间,留言详情,一级分类"]
    for i in range(6):
        lines.append(f"{i},U{i},医院排队{i},2019-01-01,医院挂号排队时间太长第{i}次,卫生计生")
    lines.append("9,U9,空行,2019-01-01,,卫生计生")  # empty text and title? title kept
    (base / "taidi2020" / "附件2_示例数据.csv").write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv("GRASSROOTS_SHARED_DATA", str(base))
    row = triage_model_train(actor=county.admin, kind=ModelKind.CATEGORY, source="bootstrap")
    assert row.n_bootstrap == 7 and row.n_platform == 64
    assert "卫生健康" in row.metrics["classes"]  # 卫生计生 → the county's 卫生健康


def test_demo_style_training_never_reads_public_data(county, handled_demands, tmp_path,
                                                     monkeypatch):
    row = triage_model_train(actor=None, kind=ModelKind.CATEGORY, bootstrap_allowed=False)
    assert row.n_bootstrap == 0 and row.metrics["bootstrap_message"] == ""


def test_activate_and_roll_back_in_one_call(county, handled_demands, blobs):
    v1 = TriageModel.objects.create(kind=ModelKind.UNIT, version=1, status=ModelStatus.READY,
                                    blob=blobs[ModelKind.UNIT])
    v2 = TriageModel.objects.create(kind=ModelKind.UNIT, version=2, status=ModelStatus.READY,
                                    blob=blobs[ModelKind.UNIT])
    triage_model_activate(actor=county.admin, model=v2)
    assert registry.active(ModelKind.UNIT).version == 2
    triage_model_activate(actor=county.admin, model=v1)  # rollback
    assert list(TriageModel.objects.filter(is_active=True).values_list("version", flat=True)) == [1]
    assert registry.active(ModelKind.UNIT).version == 1  # the process cache noticed at once
    assert [e.to_state for e in events_for(v1) if e.action == "triage_activate"] == ["v1"]


def test_one_active_model_per_kind_is_enforced_by_the_database(county, blobs):
    TriageModel.objects.create(kind=ModelKind.UNIT, version=1, status=ModelStatus.READY,
                               is_active=True)
    TriageModel.objects.create(kind=ModelKind.CATEGORY, version=1, status=ModelStatus.READY,
                               is_active=True)  # another kind is fine
    with pytest.raises(IntegrityError), transaction.atomic():
        TriageModel.objects.create(kind=ModelKind.UNIT, version=2, status=ModelStatus.READY,
                                   is_active=True)


def test_failed_or_foreign_models_cannot_be_activated(county):
    row = TriageModel.objects.create(kind=ModelKind.UNIT, version=1, status=ModelStatus.FAILED)
    with refused(ApplicationError, "该模型尚未训练完成或训练失败，不能启用。", unchanged=[row]):
        triage_model_activate(actor=county.admin, model=row)
    with refused(NotInScope, "只有平台管理员可以启用模型。", unchanged=[row]):
        triage_model_activate(actor=county.supervisor, model=row)


def test_a_corrupt_active_blob_gives_no_suggestions_instead_of_an_error(county):
    TriageModel.objects.create(kind=ModelKind.UNIT, version=1, status=ModelStatus.READY,
                               blob=b"not a model", is_active=True)
    assert registry.active(ModelKind.UNIT) is None


def test_periodic_retrain_activates_the_first_versions(county, handled_demands):
    result = retrain_periodic()
    assert "category: v1 activated" in result and "unit: v1 activated" in result
    assert TriageModel.objects.filter(is_active=True).count() == 2


def test_periodic_retrain_waits_a_week_after_the_newest_version(county, handled_demands):
    from datetime import timedelta

    from grassroots.core import clock

    retrain_periodic()
    again = retrain_periodic()  # e.g. the server restarted the same day
    assert "category: v1 trained" in again and "not due yet" in again
    assert TriageModel.objects.count() == 2
    with clock.travel(clock.now() + timedelta(days=7)):
        later = retrain_periodic()
    assert "category: v2" in later and "unit: v2" in later
    assert TriageModel.objects.count() == 4


def test_validation_keeps_one_matter_from_many_villages_on_one_side():
    """The scores shown for a model are on matters it has not seen: the same complaint filed from
    another village is never split between training and validation."""
    from grassroots.triage.engine.text import matter_key
    from grassroots.triage.services.training import _validation_split

    villages = [f"{a}{b}村" for a in "于金曹张韩唐" for b in "坊集口楼"]
    matters = [(f"{what}{how}", f"村里{what}{how}，{tail}", unit)
               for what, unit in (("自来水", "水务局"), ("路灯", "住建局"), ("学校", "教体局"))
               for how in ("时有时无", "坏了很久", "没人管", "问题严重")
               for tail in ("请尽快处理。", "希望答复。", "麻烦落实。")]
    rows = [(f"{v}{title}", f"{v}{text}", unit) for title, text, unit in matters for v in villages]
    rows.append(("表扬民情书记", "感谢网格员。", "组织部"))  # a class seen once stays in training
    tr, val = _validation_split(rows)
    keys = [matter_key(t, x) for t, x, _ in rows]
    assert val and not {keys[i] for i in tr} & {keys[i] for i in val}
    assert len(rows) - 1 in tr
    assert {rows[i][2] for i in val} == {"水务局", "住建局", "教体局"}
