"""Benchmark of the text-intelligence engine on the public 2020 TipDM-Cup problem C data.

    .venv/bin/python bench/triage_bench.py [--no-100k] [--no-write] [--hot-topics-only]

1. dispatch-by-text classifier (chosen configuration) on two leakage-safe evaluations
   (see bench/triage_data.py): our grouped 80/20 split and 附件2_labeled_subset (S2 rows);
2. latency p50/p95 of one ``predict_top`` call (in process, single thread);
3. training time on 100,000 demands (contest messages resampled with sentence dropout);
4. hot topics on 附件3 (top 10);
5. reply-quality agreement on 附件4 with the third-party labels.

Writes the ``## Text intelligence`` section of bench/RESULTS.md (other sections are kept) and
prints everything as JSON on the last line.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import triage_data as td  # noqa: E402
from sklearn.metrics import accuracy_score, cohen_kappa_score  # noqa: E402

from grassroots.triage.engine.classifier import TextClassifier  # noqa: E402
from grassroots.triage.engine.evaluate import evaluate_lists, latency_ms  # noqa: E402
from grassroots.triage.engine.hot_topics import Message, hot_topics  # noqa: E402
from grassroots.triage.engine.reply_quality import score_reply  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Text intelligence"
BENCH_DATE = datetime.now().date().isoformat()  # the day the figures were measured


def chosen_classifier() -> TextClassifier:
    """The configuration chosen in docs/triage.md: the engine default (NB-SVM: LinearSVC C=1 on
    NB log-count-ratio scaled features, alpha 0.1, class_weight=balanced, jieba words + char
    2–3-grams, title ×2, temperature calibration)."""
    return TextClassifier()


def _lists(docs):
    return [d.title for d in docs], [d.text for d in docs], [d.label for d in docs]


def bench_classifier() -> dict:
    out = {}
    for name, split in (("own_split", td.own_split), ("labeled_subset", td.subset_split)):
        train, test, titles = split()
        train = train + titles  # title-only rows of 附件2_titles_labels_all (leakage-filtered)
        res, clf = evaluate_lists(_lists(train), _lists(test), classifier=chosen_classifier())
        titles, texts, _ = _lists(test)
        p50, p95 = latency_ms(clf, titles, texts, n=500)
        res["load_average_1min"] = round(__import__("os").getloadavg()[0], 1)
        res["predict_ms_p50"] = round(p50, 3)
        res["predict_ms_p95"] = round(p95, 3)
        res["min_recall"] = min(res["recall"].values())
        out[name] = res
        print(f"[classifier] {name}: {json.dumps(res, ensure_ascii=False)}", file=sys.stderr)
    return out


_SENT = re.compile(r"(?<=[。！？!?；;\n])")


def synthetic_demands(n: int, seed: int = 7):
    """n demands resampled from the labelled contest bodies with random sentence dropout."""
    base = td.dedup(td.load_union() + td.load_sample())
    rng = random.Random(seed)
    titles, texts, labels = [], [], []
    for _ in range(n):
        d = base[rng.randrange(len(base))]
        sents = [s for s in _SENT.split(d.text) if s]
        if len(sents) > 2:
            sents = [s for s in sents if rng.random() > 0.25] or sents[:1]
        titles.append(d.title)
        texts.append("".join(sents))
        labels.append(d.label)
    return titles, texts, labels


def bench_training_100k(n: int = 100_000) -> dict:
    titles, texts, labels = synthetic_demands(n)
    import os

    stages: dict[str, float] = {}
    last = [time.perf_counter(), "preparing texts"]

    def progress(_frac: float, msg: str) -> None:
        now = time.perf_counter()
        stages[last[1]] = round(stages.get(last[1], 0.0) + now - last[0], 1)
        last[:] = [now, msg]

    t0, c0 = time.perf_counter(), os.times()
    last[0] = t0
    clf = chosen_classifier().fit(titles, texts, labels, progress=progress)
    secs = time.perf_counter() - t0
    stages.pop("done", None)
    c1 = os.times()
    cpu = (c1.user - c0.user) + (c1.system - c0.system)
    cpu += (c1.children_user - c0.children_user) + (c1.children_system - c0.children_system)
    blob = clf.dumps()
    res = {
        "n": n,
        "train_seconds": round(secs, 1),
        "cpu_seconds": round(cpu, 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "model_blob_mb": round(len(blob) / 2**20, 1),
        "n_features": clf.metrics["n_features"],
        "stages": stages,
    }
    print(f"[classifier] 100k training: {res}", file=sys.stderr)
    return res


def bench_hot_topics(top: int = 10) -> dict:
    rows = td.read_csv(td.taidi_dir() / "附件3.csv")
    msgs = [
        Message(
            r["留言编号"],
            r["留言主题"],
            r["留言详情"],
            datetime.fromisoformat(r["留言时间"]),
            r["留言用户"],
            int(r["点赞数"] or 0),
            int(r["反对数"] or 0),
        )
        for r in rows
    ]
    t0 = time.perf_counter()
    topics = hot_topics(msgs, top=top)
    secs = time.perf_counter() - t0
    for t in topics:
        t["n_ids"] = len(t.pop("message_ids"))
    return {"n_messages": len(msgs), "seconds": round(secs, 1), "topics": topics}


def bench_reply_quality() -> dict:
    rows = td.read_csv(td.taidi_dir() / "附件4.csv")
    labels = td.read_csv(td.taidi_dir() / "附件4_reply_quality_labels_thirdparty.csv")
    assert [r["留言编号"] for r in rows] == [lab["留言编号"] for lab in labels]
    t0 = time.perf_counter()
    scores = [
        score_reply(
            r["留言主题"],
            r["留言详情"],
            r["答复意见"],
            datetime.fromisoformat(r["留言时间"]),
            datetime.fromisoformat(r["答复时间"]),
        )
        for r in rows
    ]
    secs = time.perf_counter() - t0

    def agree(y, pred) -> dict:
        y, pred = np.asarray(y), np.asarray(pred)
        return {
            "n": int(len(y)),
            "accuracy": round(float(accuracy_score(y, pred)), 4),
            "kappa": round(float(cohen_kappa_score(y, pred)), 4),
        }

    syu = [int(lab["可解释性_Syucryingstar"]) for lab in labels]
    ok = [0 if s.flagged else 1 for s in scores]
    interp = [int(s.interpretability >= 0.3) for s in scores]
    first = slice(0, 100)
    rb_c = [int(lab["完整性_Rollbear"]) for lab in labels[first]]
    rb_i = [int(lab["可解释性_Rollbear"]) for lab in labels[first]]
    short = [s for r, s in zip(rows, scores, strict=True) if len(r["答复意见"]) < 20]
    return {
        "n_replies": len(rows),
        "seconds": round(secs, 1),
        "flag_rate": round(1 - float(np.mean(ok)), 4),
        "short_replies": len(short),
        "short_replies_flagged": sum(s.flagged for s in short),
        "not_flagged_vs_interpretability_syucryingstar": agree(syu, ok),
        "interpretability>=0.3_vs_interpretability_syucryingstar": agree(syu, interp),
        "not_flagged_vs_completeness_rollbear_100": agree(rb_c, ok[first]),
        "completeness>=0.5_vs_completeness_rollbear_100": agree(
            rb_c, [int(s.completeness >= 0.5) for s in scores[first]]
        ),
        "interpretability>=0.3_vs_interpretability_rollbear_100": agree(rb_i, interp[first]),
        "not_flagged_vs_interpretability_rollbear_100": agree(rb_i, ok[first]),
    }


def render_hot_topics(h: dict) -> list[str]:
    """The ``### Hot topics`` subsection: places with the number of messages naming each."""
    lines = [
        f"### Hot topics (附件3, {h['n_messages']} messages, {h['seconds']} s)",
        "",
        "| # | heat | messages | citizens | likes | label | keywords | places (messages) |",
        "|---:|---:|---:|---:|---:|---|---|---|",
    ]
    for i, t in enumerate(h["topics"], 1):
        places = "、".join(f"{p}（{n}）" for p, n in t["place_counts"][:3])
        lines.append(
            f"| {i} | {t['heat']} | {t['size']} | {t['citizens']} | {t['likes']} | {t['label']} "
            f"| {'、'.join(t['keywords'])} | {places} |"
        )
    return lines


def render(res: dict) -> str:
    lines = [
        SECTION,
        "",
        f"Command: `.venv/bin/python bench/triage_bench.py` — machine: 2 cores, "
        f"Python {platform.python_version()}, single process — date: {BENCH_DATE}.",
        "Data: public 2020 TipDM-Cup problem C files in `../shared/data/taidi2020` (read in place; the "
        "sealed holdout is not used). Details and the model comparison: `docs/triage.md`; how far "
        "any per-class bias or threshold could take this model (tuned on the test side itself, an "
        "upper bound): `bench/triage_oracle.py`, figures in `docs/triage.md`.",
        "",
        "### Dispatch-by-text classifier (7 first-level categories)",
        "",
        "| evaluation | n train | n test | macro-F1 | accuracy | top-3 | min class recall "
        "| train s | p50 ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in res["classifier"].items():
        lines.append(
            f"| {name} | {r['n_train']} | {r['n_test']} | {r['macro_f1']:.4f} | {r['accuracy']:.4f} "
            f"| {r['top3_accuracy']:.4f} | {r['min_recall']:.4f} | {r['train_seconds']:.1f} "
            f"| {r['predict_ms_p50']:.2f} | {r['predict_ms_p95']:.2f} |"
        )
    clf_res = list(res["classifier"].values())

    def goal(ok: bool) -> str:
        return "met" if ok else "**not met**"

    lines += [
        "",
        "Goals of issue 5 on both evaluations: macro-F1 ≥ 0.93 "
        f"{goal(all(r['macro_f1'] >= 0.93 for r in clf_res))}; every class recall ≥ 0.88 "
        f"{goal(all(r['min_recall'] >= 0.88 for r in clf_res))}; top-3 ≥ 0.99 "
        f"{goal(all(r['top3_accuracy'] >= 0.99 for r in clf_res))}; one suggestion ≤ 10 ms p95 "
        f"{goal(all(r['predict_ms_p95'] <= 10 for r in clf_res))} (in process, under the load below).",
    ]
    loads = [str(r.get("load_average_1min", "?")) for r in res["classifier"].values()]
    lines += [
        "",
        f"1-minute load average of the machine right after these runs: {', '.join(loads)} "
        "(other engineers' test suites run on the same 2 cores; timings scale with it).",
    ]
    lines += ["", "Per-class recall:", "", "| class | " + " | ".join(res["classifier"]) + " |"]
    lines.append("|---|" + "---:|" * len(res["classifier"]))
    classes = sorted(next(iter(res["classifier"].values()))["recall"])
    for c in classes:
        vals = " | ".join(
            f"{r['recall'].get(c, float('nan')):.4f}" for r in res["classifier"].values()
        )
        lines.append(f"| {c} | {vals} |")
    if "training_100k" in res:
        t = res["training_100k"]
        lines += [
            "",
            f"Training on {t['n']:,} demands (contest bodies resampled with 25 % sentence dropout): "
            f"**{t['train_seconds']} s** wall (goal ≤ 120 s: "
            f"{'met' if t['train_seconds'] <= 120 else '**not met**'}), "
            f"{t.get('cpu_seconds', '?')} s CPU (load average "
            f"{t.get('load_average_1min', '?')} at the end; includes the calibration fit); "
            f"model blob {t['model_blob_mb']} MB, {t['n_features']:,} features.",
        ]
        if t.get("stages"):
            lines += [
                "Stages (wall s): "
                + ", ".join(f"{k} {v}" for k, v in t["stages"].items())
                + ' ("calibrating" = the SVM fit on 85 % that is kept; "training" is empty '
                "at this size).",
                "The 100k set resamples the ~12k contest bodies, so many sentences repeat and jieba "
                "cuts each distinct block once; 100,000 genuinely distinct demands would need "
                "≈ 3× the tokenisation time (estimated +30–40 s wall on 2 idle cores).",
            ]
    lines += ["", *render_hot_topics(res["hot_topics"])]
    q = res["reply_quality"]
    lines += [
        "",
        f"### Reply quality (附件4, {q['n_replies']} replies, {q['seconds']} s)",
        "",
        f"Flag rate {q['flag_rate']:.1%}; replies shorter than 20 characters flagged: "
        f"{q['short_replies_flagged']}/{q['short_replies']}.",
        "",
        "| ours | third-party label | n | accuracy | Cohen's κ |",
        "|---|---|---:|---:|---:|",
    ]
    names = {
        "not_flagged_vs_interpretability_syucryingstar": ("not flagged", "可解释性_Syucryingstar"),
        "interpretability>=0.3_vs_interpretability_syucryingstar": (
            "interpretability ≥ 0.3",
            "可解释性_Syucryingstar",
        ),
        "not_flagged_vs_completeness_rollbear_100": ("not flagged", "完整性_Rollbear"),
        "completeness>=0.5_vs_completeness_rollbear_100": ("completeness ≥ 0.5", "完整性_Rollbear"),
        "interpretability>=0.3_vs_interpretability_rollbear_100": (
            "interpretability ≥ 0.3",
            "可解释性_Rollbear",
        ),
        "not_flagged_vs_interpretability_rollbear_100": ("not flagged", "可解释性_Rollbear"),
    }
    for key, (ours, theirs) in names.items():
        a = q[key]
        lines.append(f"| {ours} | {theirs} | {a['n']} | {a['accuracy']:.4f} | {a['kappa']:.4f} |")
    return "\n".join(lines) + "\n"


def write_hot_topics(lines: list[str]) -> None:
    """Replace only the ``### Hot topics`` subsection of the Text intelligence section."""
    old = RESULTS.read_text(encoding="utf-8")
    pattern = re.compile(r"^### Hot topics .*?(?=^##)", re.S | re.M)
    if not pattern.search(old):
        sys.exit("no '### Hot topics' subsection in bench/RESULTS.md: run the whole benchmark")
    RESULTS.write_text(
        pattern.sub(lambda _m: "\n".join(lines) + "\n\n", old, count=1), encoding="utf-8"
    )


def write_section(text: str) -> None:
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    pattern = re.compile(r"^## Text intelligence\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _m: text + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-100k", action="store_true", help="skip the 100k training-time run")
    ap.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    ap.add_argument(
        "--hot-topics-only", action="store_true", help="run and write only the hot-topic part (4.)"
    )
    args = ap.parse_args()
    if not td.taidi_dir().exists():
        sys.exit(f"contest data not found at {td.taidi_dir()} (set GRASSROOTS_SHARED_DATA)")
    if args.hot_topics_only:
        hot = bench_hot_topics()
        lines = render_hot_topics(hot)
        print("\n".join(lines), file=sys.stderr)
        if not args.no_write:
            write_hot_topics(lines)
        print(json.dumps(hot, ensure_ascii=False, default=str))
        return
    res = {"classifier": bench_classifier()}
    if not args.no_100k:
        res["training_100k"] = bench_training_100k()
    res["hot_topics"] = bench_hot_topics()
    res["reply_quality"] = bench_reply_quality()
    text = render(res)
    print(text, file=sys.stderr)
    if not args.no_write:
        write_section(text)
    print(json.dumps(res, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
