"""manage.py triage_eval: progress on stderr, one JSON object as the last stdout line."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

TRAIN = """留言主题,留言详情,一级标签
小区停水,我们小区已经停水三天了，请尽快恢复供水,城乡建设
路灯不亮,村口路灯坏了一个月没人修,城乡建设
道路破损,新修的道路出现大坑,城乡建设
物业收费,物业乱收费问题请处理,城乡建设
,,城乡建设
学校收费,学校乱收补课费,教育文体
入学难,孩子上学报名难,教育文体
校车安全,校车超载很危险,教育文体
学位不足,附近小学学位不够,教育文体
拖欠工资,工地老板拖欠农民工工资,劳动和社会保障
社保缴费,社保缴费基数问题咨询,劳动和社会保障
养老保险,养老保险转移接续办理,劳动和社会保障
失业金,失业金领取条件咨询,劳动和社会保障
有内容没标签,这里没有标签,
"""
TEST = """留言主题,留言详情,一级标签
停水,小区又停水了,城乡建设
学校补课费,学校收取补课费,教育文体
工资,老板拖欠工资不给,劳动和社会保障
,,教育文体
"""
KEYS = {"n_train", "n_test", "macro_f1", "accuracy", "top3_accuracy", "recall", "train_seconds",
        "predict_ms_p95"}


@pytest.fixture
def csvs(tmp_path):
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    train.write_text(TRAIN, encoding="utf-8")
    test.write_text(TEST, encoding="utf-8")
    return train, test


def test_prints_progress_and_one_json_line_last(csvs):
    out, err = StringIO(), StringIO()
    call_command("triage_eval", "--train", str(csvs[0]), "--test", str(csvs[1]), stdout=out,
                 stderr=err)
    last = out.getvalue().strip().splitlines()[-1]
    result = json.loads(last)
    assert set(result) >= KEYS
    assert result["n_train"] == 12 and result["n_test"] == 3
    assert result["skipped_train"] == 2 and result["skipped_test"] == 1  # empty text / label
    assert set(result["recall"]) == {"城乡建设", "教育文体", "劳动和社会保障"}
    assert 0 <= result["macro_f1"] <= 1 and result["top3_accuracy"] == 1.0


def test_progress_bar_goes_to_stderr(csvs, capfd):
    call_command("triage_eval", "--train", str(csvs[0]), "--test", str(csvs[1]))
    captured = capfd.readouterr()
    assert "triage_eval" in captured.err and "100%" in captured.err
    assert captured.out.strip().splitlines()[-1].startswith("{")


def test_missing_file_or_unusable_test_set_is_a_clear_error(csvs, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("triage_eval", "--train", str(tmp_path / "nope.csv"), "--test",
                     str(csvs[1]))
    assert str(exc.value) == f"文件不存在：{tmp_path / 'nope.csv'}"
    empty = tmp_path / "empty.csv"
    empty.write_text("留言主题,留言详情,一级标签\n,,\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("triage_eval", "--train", str(csvs[0]), "--test", str(empty),
                     "--no-progress")
    assert str(exc.value) == f"{empty}: no usable rows"
