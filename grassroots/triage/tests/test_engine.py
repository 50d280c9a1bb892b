"""Tests of the pure-Python text-intelligence engine (no database, small inline data)."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from grassroots.triage.engine.classifier import TextClassifier
from grassroots.triage.engine.evaluate import evaluate_csv, read_labelled_csv
from grassroots.triage.engine.hot_topics import Message, hot_topics
from grassroots.triage.engine.places import coded_places, extract_places
from grassroots.triage.engine.reply_quality import score_reply, working_days_between
from grassroots.triage.engine.similarity import NearDuplicateIndex, find_duplicates, similarity
from grassroots.triage.engine.text import dedup_key, normalize, tokenize


def shared_data() -> Path:
    env = os.environ.get("GRASSROOTS_SHARED_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[3].parent / "shared" / "data"


TAIDI = shared_data() / "taidi2020"

EXAMPLES = {
    "城乡建设": [
        ("小区物业乱收停车费", "物业公司利用公摊面积向业主收取停车费，业主多次反映无果。"),
        ("老旧小区改造进度太慢", "我们小区老旧小区改造开工半年了，道路挖开一直没有恢复。"),
        ("小区电梯经常故障", "小区电梯经常故障关人，物业不维修，维修基金也用不了。"),
        ("棚户区改造拆迁补偿不合理", "棚户区改造拆迁补偿款太低，安置房迟迟没有交付。"),
        ("违章建筑影响采光", "邻居私搭乱建违章建筑，挡住我家采光，城管不处理。"),
        ("小区停水停电频繁", "小区二次供水设备老化，经常停水，物业推诿扯皮。"),
        ("开发商延期交房", "开发商延期交房一年多，房屋质量问题严重，墙体开裂渗水。"),
        ("路灯不亮井盖缺失", "小区门口路灯坏了半年，井盖缺失，晚上出行很危险。"),
    ],
    "劳动和社会保障": [
        ("社保卡无法使用", "新办的社保卡在医院无法使用，社保局说要等一个月。"),
        ("公积金提取困难", "离职后想提取住房公积金，公积金中心要求的材料太多。"),
        ("养老金多年未调整", "企业退休人员养老金多年没有调整，生活困难。"),
        ("公司拖欠工资", "公司拖欠农民工工资三个月，劳动监察部门不作为。"),
        ("医保报销比例太低", "城乡居民医保报销比例太低，住院费用负担重。"),
        ("工伤认定拖延", "在工地受伤申请工伤认定，人社局迟迟不给结论。"),
        ("社保断缴如何补缴", "换工作社保断缴了三个月，请问如何补缴养老保险？"),
        ("失业保险金申领", "失业后申领失业保险金，被告知缴费年限不够。"),
    ],
    "教育文体": [
        ("孩子入学划片不合理", "义务教育入学划片不合理，孩子要跨区上小学。"),
        ("学校违规补课收费", "中学寒假组织学生补课并收取补课费，学生负担重。"),
        ("幼儿园收费太高", "民办幼儿园收费太高，普惠性幼儿园学位不足。"),
        ("教师工资拖欠", "乡村教师绩效工资拖欠半年，教育局不回应。"),
        ("校车安全隐患", "学校校车超载严重，存在安全隐患，请教育局查处。"),
        ("图书馆开放时间太短", "图书馆周末不开放，体育馆也不对市民开放。"),
        ("高考报名学籍问题", "孩子学籍在外地，高考报名遇到困难，学校不给办理。"),
        ("课外培训机构乱收费", "校外培训机构预收学费后跑路，家长退费无门。"),
    ],
    "环境保护": [
        ("搅拌站噪音污染", "小区旁边搅拌站夜间施工噪音扰民，粉尘污染严重。"),
        ("化工厂排污", "化工厂偷排污水到河道，河水发黑发臭，鱼都死了。"),
        ("餐饮油烟扰民", "楼下餐馆油烟直排，油烟扰民，环保局不管。"),
        ("养猪场污染", "村里养猪场粪便直排，臭气熏天，污染水源。"),
        ("焚烧垃圾空气污染", "工业园区晚上焚烧垃圾，空气污染严重，有刺鼻异味。"),
        ("河道非法采砂", "河道非法采砂破坏生态，砂石场粉尘大。"),
        ("酒吧噪音扰民", "酒吧每晚播放音乐到凌晨，噪音扰民，居民无法休息。"),
        ("工地扬尘", "建筑工地扬尘严重，渣土车不覆盖，空气很差。"),
    ],
}


def _flat(examples=EXAMPLES):
    titles, texts, labels = [], [], []
    for label, rows in examples.items():
        for title, text in rows:
            titles.append(title)
            texts.append(text)
            labels.append(label)
    return titles, texts, labels


@pytest.fixture(scope="module")
def trained() -> TextClassifier:
    return TextClassifier().fit(*_flat())


# ---------------------------------------------------------------- text


def test_normalize_and_dedup_key_ignore_whitespace_and_masking():
    assert normalize(" A市 A1区\n物业**收费 ") == "a市a1区物业收费"
    assert dedup_key("您好，小区 物业乱收费！") == dedup_key("您好小区物业乱收费")


def test_tokenize_uses_user_dictionary_and_keeps_coded_places():
    toks = tokenize("A市A1区棚户区改造和公积金贷款问题")
    assert "棚户区改造" in toks
    assert "公积金贷款" in toks
    assert "a1区" in toks and "<区>" in toks
    assert "和" not in toks  # stop word


def test_extract_places_finds_coded_and_named_places():
    places = extract_places("A市A1区丽发新城小区附近建搅拌站，位于万家丽路。")
    assert any("丽发新城" in p for p in places)
    assert any(p.endswith("万家丽路") for p in places)
    assert coded_places("A市A1区和B6县") == ["A市", "A1区", "B6县"]


# ---------------------------------------------------------------- classifier


def test_classifier_predicts_and_probabilities_are_calibrated(trained):
    top = trained.predict_top("楼下烧烤油烟扰民", "烧烤店油烟直排，噪音扰民到凌晨", k=3)
    assert top[0][0] == "环境保护"
    assert len(top) == 3
    probs = trained.predict_proba_batch(["x"], ["y"])[0]
    assert abs(probs.sum() - 1.0) < 1e-6
    assert top[0][1] >= top[1][1] >= top[2][1]
    assert trained.predict_top("社保卡", "社保卡补办和医保报销")[0][0] == "劳动和社会保障"


def test_classifier_batch_matches_single_and_metrics(trained):
    titles, texts = ["孩子入学学位不足", "拖欠工资"], ["小学学位不足，孩子无法入学", "公司拖欠工资"]
    batch = trained.predict_top_batch(titles, texts, k=2)
    assert batch[0] == trained.predict_top(titles[0], texts[0], k=2)
    assert [b[0][0] for b in batch] == ["教育文体", "劳动和社会保障"]
    assert trained.metrics["n_train"] == 32
    assert set(trained.metrics["classes"]) == set(EXAMPLES)


def test_classifier_roundtrip_bytes(trained):
    blob = trained.dumps()
    assert isinstance(blob, bytes)
    clone = TextClassifier.loads(blob)
    args = ("小区电梯坏了", "物业不修电梯")
    assert clone.predict_top(*args) == trained.predict_top(*args)
    with pytest.raises(ValueError):
        TextClassifier.loads(b"not a model")


def test_tokenize_many_equals_tokenize_and_vectorizers_are_consistent():
    from grassroots.triage.engine.features import CharNgramTfidf, WordNgramTfidf
    from grassroots.triage.engine.text import tokenize_many

    titles, texts, _ = _flat()
    docs = [f"{t}。{t}。{x}" for t, x in zip(titles, texts, strict=True)]
    docs += ["A市A1区棚户区改造 和公积金贷款问题！！", "", "12345"]
    tokens = tokenize_many(docs)
    assert tokens == [tokenize(d) for d in docs]
    for vec, inp in ((WordNgramTfidf(min_df=1), tokens), (CharNgramTfidf(min_df=1), docs)):
        fitted = vec.fit_transform(inp)
        again = vec.transform(inp)
        assert fitted.shape == again.shape and abs(fitted - again).max() < 1e-6
        norms = (fitted.multiply(fitted)).sum(axis=1)
        assert all(abs(n - 1) < 1e-5 or n == 0 for n in norms.A.ravel())


def test_threaded_ovr_svc_matches_linear_svc():
    import numpy as np
    from sklearn.svm import LinearSVC

    from grassroots.triage.engine.estimators import ThreadedOvRSVC

    clf = TextClassifier().fit(*_flat())
    titles, texts, labels = _flat()
    X = clf._transform(clf._docs(titles, texts))
    y = np.searchsorted(clf.classes_, labels)
    ours = ThreadedOvRSVC(C=0.5, class_weight="balanced").fit(X, y).decision_function(X)
    ref = LinearSVC(C=0.5, class_weight="balanced", random_state=0).fit(X, y).decision_function(X)
    assert np.allclose(ours, ref, atol=1e-3)
    two = (y == 0).astype(int)
    ours2 = ThreadedOvRSVC(C=0.5, class_weight="balanced").fit(X, two).decision_function(X)
    ref2 = LinearSVC(C=0.5, class_weight="balanced", random_state=0).fit(X, two)
    assert np.allclose(ours2, ref2.decision_function(X), atol=1e-3)


def test_nb_svm_folds_the_log_count_ratio_into_its_coefficients():
    import scipy.sparse as sp
    from sklearn.svm import LinearSVC

    from grassroots.triage.engine.estimators import ThreadedOvRSVC

    clf = TextClassifier().fit(*_flat())
    titles, texts, labels = _flat()
    X = clf._transform(clf._docs(titles, texts)).astype(np.float64)
    y = np.searchsorted(clf.classes_, labels)
    ours = ThreadedOvRSVC(C=0.5, nb_alpha=0.1).fit(X, y)
    plain = ThreadedOvRSVC(C=0.5).fit(X, y)
    assert not np.allclose(ours.coef_, plain.coef_, atol=1e-3)
    # reference: the same binary SVM trained on explicitly scaled features x∘r
    for k in range(len(clf.classes_)):
        target = (y == k).astype(int)
        pos = np.asarray(X[target == 1].sum(axis=0)).ravel() + 0.1
        neg = np.asarray(X[target == 0].sum(axis=0)).ravel() + 0.1
        ratio = np.log((pos / pos.sum()) / (neg / neg.sum()))
        Xr = X @ sp.diags(ratio)
        ref = LinearSVC(C=0.5, random_state=0).fit(Xr, target).decision_function(Xr)
        assert np.allclose(ours.decision_function(X)[:, k], ref, atol=1e-3)


def test_default_classifier_is_an_nb_svm_and_models_without_nb_alpha_still_load(trained):
    assert trained.nb_alpha and trained.estimators_[0].nb_alpha == trained.nb_alpha
    # a model pickled before NB-SVM has no nb_alpha attribute: it predicts and refits as before
    old = TextClassifier.loads(trained.dumps())
    del old.nb_alpha
    old = TextClassifier.loads(old.dumps())
    assert old.predict_top("公司拖欠工资", "拖欠农民工工资")[0][0] == "劳动和社会保障"
    assert old._new_estimator("svm").nb_alpha is None


@pytest.mark.parametrize("model", ["lr", "sgd", "cnb", "ensemble"])
def test_other_models_work_with_arbitrary_labels(model):
    titles, texts, labels = _flat()
    units = {
        "城乡建设": "住建局",
        "劳动和社会保障": "人社局",
        "教育文体": "教育局",
        "环境保护": "生态环境局",
    }
    clf = TextClassifier(model=model).fit(titles, texts, [units[lab] for lab in labels])
    assert clf.predict_top("公司拖欠工资", "拖欠农民工工资")[0][0] == "人社局"


def test_classifier_rejects_single_label_and_reports_progress():
    with pytest.raises(ValueError):
        TextClassifier().fit(["a", "b"], ["x", "y"], ["同一类", "同一类"])
    seen = []
    TextClassifier().fit(*_flat(), progress=lambda f, msg: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_temperature_is_fitted_on_enough_data():
    titles, texts, labels = _flat()
    clf = TextClassifier(calib_frac=0.5).fit(titles * 3, texts * 3, labels * 3)
    assert clf.metrics["temperatures"][0] != 1.0
    assert "holdout_accuracy" in clf.metrics


def test_a_class_with_one_example_does_not_leave_the_model_uncalibrated():
    # Platform data: a rare category seen once must not flatten every probability (T = 1).
    titles, texts, labels = _flat()
    titles, texts, labels = titles * 3, texts * 3, labels * 3
    titles.append("表扬民情书记")
    texts.append("感谢网格民情书记上门帮忙解决难题。")
    labels.append("表扬")
    clf = TextClassifier(calib_frac=0.5).fit(titles, texts, labels)
    assert clf.metrics["temperatures"][0] < 1.0
    assert "holdout_accuracy" in clf.metrics
    label, prob = clf.predict_top("公司拖欠工资", "公司拖欠农民工工资三个月，劳动监察部门不作为。")[0]
    assert label == "劳动和社会保障" and prob > 0.5


def test_evaluate_csv_schema_and_skipped_rows(tmp_path):
    import csv

    titles, texts, labels = _flat()
    train = tmp_path / "train.csv"
    test = tmp_path / "test.csv"
    with open(train, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["留言主题", "留言详情", "一级标签"])
        w.writerows(zip(titles, texts, labels, strict=True))
        w.writerow(["空标签", "内容", ""])
    with open(test, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["留言主题", "留言详情", "一级分类"])
        w.writerow(["噪音扰民", "工地夜间施工噪音扰民", "环境保护"])
        w.writerow(["拖欠工资", "老板拖欠工资不给", "劳动和社会保障"])
        w.writerow(["", "", "环境保护"])
    res = evaluate_csv(train, test)
    assert set(res) == {
        "n_train", "n_test", "macro_f1", "accuracy", "top3_accuracy", "recall",
        "train_seconds", "predict_ms_p95", "skipped_train", "skipped_test",
    }  # fmt: skip
    assert (res["n_train"], res["n_test"]) == (32, 2)
    assert (res["skipped_train"], res["skipped_test"]) == (1, 1)
    assert res["accuracy"] == 1.0 and res["top3_accuracy"] == 1.0
    assert read_labelled_csv(test)[2] == ["环境保护", "劳动和社会保障"]


# ---------------------------------------------------------------- similarity


def test_find_duplicates_ranks_reposts_above_unrelated():
    cands = [
        (1, "A市丽发新城小区旁边建搅拌站，噪音扰民，粉尘污染严重，请求处理。"),
        (2, "孩子入学划片不合理，要跨区上小学。"),
        (3, "公司拖欠工资三个月。"),
    ]
    hits = find_duplicates(
        "丽发新城小区附近搅拌站噪音扰民粉尘污染严重，请求处理！", cands, threshold=0.5
    )
    assert [h[0] for h in hits] == [1]
    assert hits[0][1] > 0.5
    assert similarity("物业乱收费", "物业乱收费") == pytest.approx(1.0, abs=1e-5)


def test_index_incremental_and_pairwise():
    idx = NearDuplicateIndex()
    idx.add(1, "小区电梯经常故障，物业不维修")
    idx.add_many([(2, "小区电梯经常故障物业不维修！"), (3, "河道非法采砂破坏生态")])
    assert idx.query("电梯经常故障物业不维修", threshold=0.6)[0][0] in (1, 2)
    assert idx.best_batch(["河道非法采砂"])[0][0] == 3
    assert [(a, b) for a, b, _ in idx.pairwise(0.8)] == [(1, 2)]


# ---------------------------------------------------------------- hot topics


def test_hot_topics_groups_same_matter_and_ranks_by_heat():
    t0 = datetime(2019, 11, 1)
    msgs = []
    for i in range(6):
        msgs.append(
            Message(
                i,
                f"丽发新城小区附近搅拌站噪音扰民{i}",
                "A市A2区丽发新城小区附近建搅拌站，日夜施工，噪音扰民，粉尘污染。",
                t0 + timedelta(days=i),
                f"U{i}",
                likes=3,
            )
        )
    msgs += [
        Message(
            10, "伊景园滨河苑捆绑销售车位", "伊景园滨河苑捆绑销售车位，强制购买车位", t0, "U20"
        ),
        Message(
            11, "伊景园滨河苑车位捆绑销售", "购房必须捆绑购买车位，伊景园滨河苑违规", t0, "U21"
        ),
        Message(12, "学校违规补课", "学校寒假补课收费", t0, "U22"),
    ]
    tops = hot_topics(msgs, top=5)
    assert len(tops) == 2  # the lone message is not a topic
    first = tops[0]
    assert set(first["message_ids"]) == set(range(6))
    assert first["citizens"] == 6 and first["likes"] == 18
    assert any("丽发新城" in p for p in first["places"])
    assert "搅拌站" in first["keywords"]
    assert tops[1]["size"] == 2 and first["heat"] > tops[1]["heat"]
    assert hot_topics(msgs, start=t0 + timedelta(days=30)) == []


# ---------------------------------------------------------------- reply quality

DEMAND = (
    "A2区丽发新城附近搅拌站噪音扰民",
    "搅拌站日夜施工噪音很大，请问是否有环评手续？什么时候能搬走？",
)
GOOD = (
    "网友您好！您的留言已收悉。经调查核实，该搅拌站为丽发新城配套项目临时搅拌站，环评手续已办理。"
    "根据《环境噪声污染防治法》规定，夜间禁止施工。我局已责成施工单位停止夜间作业，"
    "该搅拌站将于明年3月项目完工后搬走。下一步将加强巡查，联系电话0731-12345678。"
)


def test_reply_quality_good_reply_scores_high():
    s = score_reply(*DEMAND, GOOD, datetime(2019, 11, 1), datetime(2019, 11, 8))
    assert not s.flagged
    assert s.interpretability >= 0.9 and s.relevance >= 0.5 and s.completeness >= 0.5
    assert s.timeliness == 1.0 and s.overall >= 0.7
    assert "依据" in s.cues and "联系方式" in s.cues


def test_reply_quality_flags_non_answers_and_late_replies():
    for reply in ("网友：您好！留言已收悉。", "您好，您所反映的问题，已转交相关部门调查处置。"):
        s = score_reply(*DEMAND, reply, datetime(2019, 11, 1), datetime(2019, 11, 4))
        assert s.flagged and s.overall < 0.5
        assert s.reasons
    late = score_reply(*DEMAND, GOOD, datetime(2019, 1, 1), datetime(2019, 6, 1))
    assert late.timeliness == 0.0 and any("工作日" in r for r in late.reasons)
    assert late.overall < score_reply(*DEMAND, GOOD).overall or late.timeliness == 0.0


def test_working_days_skip_weekends_and_holidays():
    fri, mon = datetime(2019, 11, 1), datetime(2019, 11, 4)
    assert working_days_between(fri, mon) == 1
    assert working_days_between(fri, mon, holidays=[mon.date()]) == 0


# ---------------------------------------------------------------- shared contest data


@pytest.mark.skipif(not TAIDI.exists(), reason=f"public contest data not found at {TAIDI}")
def test_reply_quality_flags_short_replies_in_contest_data():
    import csv

    with open(TAIDI / "附件4.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if len(r["答复意见"]) < 20][:20]
    assert rows
    assert all(score_reply(r["留言主题"], r["留言详情"], r["答复意见"]).flagged for r in rows)


def test_similarity_rows_cached_per_text_give_the_same_counts(monkeypatch):
    from grassroots.triage.engine import similarity

    monkeypatch.setattr(similarity, "CACHE_ROWS", 3)
    similarity._cache.clear()
    texts = ["小区水压低，楼上用不上水。", "路灯不亮，晚上出行不便。", "", "垃圾清运不及时。"]
    fresh = similarity._HASHER.transform(texts).tocsr()
    fresh.data = 1.0 + np.log(fresh.data)
    first = similarity._counts(texts)
    assert len(similarity._cache) == 3  # bounded: the oldest row was evicted
    again = similarity._counts(list(reversed(texts)))
    assert abs(first - fresh).max() == 0
    assert abs(again - fresh[::-1]).max() == 0
    similarity._cache.clear()


def test_held_out_slice_keeps_one_matter_from_many_places_on_one_side():
    from grassroots.triage.engine.estimators import held_out_split
    from grassroots.triage.engine.text import matter_key

    villages = [f"{a}{b}村" for a in "于金曹张韩唐姚陈" for b in "坊集口楼洼庄"]  # 48 places
    matters = [("农村自来水时有时无", "村里的自来水经常时有时无，早晨接不上水。", "water"),
               ("路灯不亮", "村东头路灯坏了一个多月，晚上出行不便。", "lights"),
               ("垃圾清运不及时", "垃圾桶满溢，气味很大，希望增加清运次数。", "waste"),
               ("道路坑洼", "主路多处坑洼，下雨积水，电动车容易摔倒。", "roads")]
    extras = [a + b for a in "请尽快麻烦希望恳请务必" for b in "处理解决答复落实回复"]  # 50 wordings
    titles, texts, labels = [], [], []
    for extra in extras:  # each wording of each matter reported from every village
        for title, text, label in matters:
            for v in villages:
                titles.append(f"{v}{title}")
                texts.append(f"{v}{text}{extra}。")
                labels.append(label)
    assert matter_key(titles[0], texts[0]) == matter_key(titles[1], texts[1])  # two villages
    y = np.array([["water", "lights", "waste", "roads"].index(lab) for lab in labels])
    idx_tr, idx_cal = held_out_split(titles, texts, y, 0.15, 0)
    keys_tr = {matter_key(titles[i], texts[i]) for i in idx_tr}
    keys_cal = {matter_key(titles[i], texts[i]) for i in idx_cal}
    assert keys_cal and not keys_tr & keys_cal
    assert set(y[idx_tr]) == set(y[idx_cal]) == {0, 1, 2, 3}


def test_held_out_slice_moves_a_group_so_every_class_is_on_both_sides():
    from grassroots.triage.engine.estimators import held_out_split
    from grassroots.triage.engine.text import matter_key

    # class 1 has only two wordings: whichever side their hashes pick, each side gets one
    titles = [f"事项{i % 40}" for i in range(400)] + ["路灯坏了", "路灯不亮了"] * 20
    texts = [f"内容{'甲乙丙丁戊己庚辛壬癸'[i % 10]}{'子丑寅卯辰巳午未申酉戌亥'[i % 12]}"
             for i in range(400)] + ["晚上出行不便。", "希望尽快维修。"] * 20
    y = np.array([0] * 400 + [1] * 40)
    idx_tr, idx_cal = held_out_split(titles, texts, y, 0.15, 0)
    assert set(y[idx_tr]) == set(y[idx_cal]) == {0, 1}
    assert not ({matter_key(titles[i], texts[i]) for i in idx_tr}
                & {matter_key(titles[i], texts[i]) for i in idx_cal})
