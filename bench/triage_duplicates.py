"""Duplicate detection at intake: precision and recall on pairs built from the public data.

    .venv/bin/python bench/triage_duplicates.py [--threshold 0.55] [--show-errors 10]

The evaluation set is built at run time from ``../shared/data/taidi2020/附件3.csv`` (read in
place, never copied; set ``GRASSROOTS_SHARED_DATA`` to read it elsewhere). 附件3 holds citizens'
messages with many repeated topics: the same estate's kitchen fumes, the same mixing plant, the
same car-park bundling, posted by different people in their own words. ``GROUPS`` below names
such topics by hand: a place pattern and a problem pattern, both written from reading the
messages, independent of the detector. Then

* **duplicates**: two messages of one group (same place, same problem);
* **hard non-duplicates, same place**: a group's message and one naming the same place about
  another problem (魅力之城 fumes vs 魅力之城 cracked floors);
* **hard non-duplicates, same problem**: a group's message and one about the same problem at
  another place (fumes at 魅力之城 vs fumes at 金麓小区);
* **easy non-duplicates**: random pairs of messages of different groups.

Identical texts are kept once (re-posted messages would make recall trivially high). Labels
come from patterns, so a few are wrong (a message naming two places); the script prints the
mistakes so they can be read. The intake scorer is used as the platform uses it, with no
village, grid or category (the data has none): only what the text says.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from grassroots.triage.engine.duplicates import Report, match, signals  # noqa: E402

# (name, place pattern, problem pattern)
GROUPS = [
    ("丽发新城搅拌站", r"丽发新城", r"搅拌"),
    ("伊景园滨河苑捆绑车位", r"伊景园|滨河苑|武广新城", r"车位|捆绑"),  # the estate is in 武广新城
    ("魅力之城油烟夜宵", r"魅力之城", r"油烟|夜宵|烧烤|排烟"),
    ("魅力之城楼板开裂", r"魅力之城", r"开裂|裂缝"),
    ("涉外经济学院实习", r"(?<!财政)经济学院", r"实习|打工|社会实践|工厂"),
    ("58车贷案", r"58车", r"车贷|车货|集资|诈骗"),
    ("茶场村五组拆迁", r"茶场村", r"拆迁|规划|征地"),
    ("中海国际夜间施工", r"中海国际", r"施工"),
    ("中海国际幼儿园", r"中海国际", r"幼儿园|入园"),
    ("青青家园住改商", r"青青家园|青山新村", r"住改商"),  # 青青家园 is in 青山新村社区
    ("青青家园烟道", r"青青家园|青山新村", r"烟道"),
    ("金麓小区油烟占道", r"金麓", r"油烟|占道|私房菜"),
    ("楚龙街道山水湾", r"山水湾", r"粪|漏雨|物业"),
    ("东六路路面破损", r"东六路", r"破损|路基|路面"),
    ("暮云新村复垦渣土", r"暮云新村", r"复垦|渣土|良田"),
]
CAP_POSITIVE = 120  # pairs per group at most (a 40-message group has 780)
CAP_HARD = 120
CAP_EASY = 1500
SEED = 20260712


def data_file() -> Path:
    env = os.environ.get("GRASSROOTS_SHARED_DATA")
    base = Path(env) if env else REPO.parent / "shared" / "data"
    return base / "taidi2020" / "附件3.csv"


def load_messages(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, out = set(), []
    for r in rows:
        title, text = (r["留言主题"] or "").strip(), (r["留言详情"] or "").strip()
        key = re.sub(r"\s+", "", title + text)
        if key in seen:
            continue
        seen.add(key)
        out.append({"id": r["留言编号"], "title": title, "text": text, "all": title + text})
    return out


def _sample(pairs: list, cap: int, rng: random.Random) -> list:
    return pairs if len(pairs) <= cap else rng.sample(pairs, cap)


def build_pairs(messages: list[dict]) -> list[tuple[dict, dict, int, str]]:
    """[(a, b, label, kind)]: label 1 = the same matter."""
    rng = random.Random(SEED)
    members = {}
    for name, place, problem in GROUPS:  # the place anywhere, the problem in the title
        members[name] = [m for m in messages
                         if re.search(place, m["all"]) and re.search(problem, m["title"])]
    count: dict[str, int] = {}
    for ms in members.values():
        for m in ms:
            count[m["id"]] = count.get(m["id"], 0) + 1
    for name in members:  # a message of two groups is left out of both
        members[name] = [m for m in members[name] if count[m["id"]] == 1]
    grouped = {m["id"] for ms in members.values() for m in ms}
    pairs: list[tuple[dict, dict, int, str]] = []
    for name, place, problem in GROUPS:
        ms = members[name]
        pairs += [(a, b, 1, "duplicate") for a, b in
                  _sample(list(itertools.combinations(ms, 2)), CAP_POSITIVE, rng)]
        # same place, another problem
        others = [m for m in messages if re.search(place, m["all"])
                  and not re.search(problem, m["all"])]
        pairs += [(a, b, 0, "same place") for a, b in
                  _sample(list(itertools.product(ms, others)), CAP_HARD, rng)]
        # same problem, another place (named places only: the message says where it is)
        elsewhere = [m for m in messages if re.search(problem, m["title"])
                     and not re.search(place, m["all"]) and signals(
                         Report(m["title"], m["text"])).names]
        pairs += [(a, b, 0, "same problem") for a, b in
                  _sample(list(itertools.product(ms, elsewhere)), CAP_HARD, rng)]
    group_of = {m["id"]: name for name, ms in members.items() for m in ms}
    places = [g[1] for g in GROUPS]
    pool = [m for m in messages if m["id"] not in grouped
            and not any(re.search(p, m["all"]) for p in places)]
    easy = []
    for _ in range(CAP_EASY):
        a = rng.choice([m for ms in members.values() for m in ms])
        b = rng.choice(pool)
        if group_of.get(a["id"]) != group_of.get(b["id"]):
            easy.append((a, b, 0, "random"))
    pairs += easy
    return pairs


def evaluate(pairs, threshold: float) -> dict:
    cache = {}

    def sig(m):
        if m["id"] not in cache:
            r = Report(m["title"], m["text"])
            cache[m["id"]] = (r, signals(r))
        return cache[m["id"]]

    scored = []
    for a, b, label, kind in pairs:
        (ra, sa), (rb, sb) = sig(a), sig(b)
        scored.append((match(ra, rb, sa, sb).score, label, kind, a, b))
    return {"scored": scored, **prf(scored, threshold)}


def prf(scored, threshold: float) -> dict:
    tp = sum(1 for s, y, *_ in scored if s >= threshold and y)
    fp = sum(1 for s, y, *_ in scored if s >= threshold and not y)
    fn = sum(1 for s, y, *_ in scored if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "tp": tp, "fp": fp, "fn": fn}


def baseline(pairs, threshold: float) -> dict:
    """The previous intake check: char 2–3-gram cosine of title and text."""
    from grassroots.triage.engine.similarity import similarity

    scored = [(similarity(f"{a['title']}。{a['text']}", f"{b['title']}。{b['text']}"), y, k, a, b)
              for a, b, y, k in pairs]
    return prf(scored, threshold)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threshold", type=float, default=0.55)
    ap.add_argument("--show-errors", type=int, default=8)
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)
    path = data_file()
    if not path.is_file():
        print(f"skipped: the public data is not there ({path})")
        return 0
    messages = load_messages(path)
    pairs = build_pairs(messages)
    kinds = {}
    for *_, _y, k in pairs:
        kinds[k] = kinds.get(k, 0) + 1
    print(f"messages {len(messages)} (distinct texts); pairs {len(pairs)}: "
          + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    t0 = time.perf_counter()
    res = evaluate(pairs, args.threshold)
    elapsed = time.perf_counter() - t0
    print(f"place+topic scorer @ {args.threshold}: precision {res['precision']:.3f} "
          f"recall {res['recall']:.3f} (tp {res['tp']} fp {res['fp']} fn {res['fn']}); "
          f"{elapsed / len(pairs) * 1000:.2f} ms a pair")
    for kind in ("same place", "same problem", "random"):
        wrong = sum(1 for s, y, k, *_ in res["scored"] if k == kind and s >= args.threshold)
        total = sum(1 for _s, _y, k, *_ in res["scored"] if k == kind)
        print(f"  non-duplicates flagged, {kind}: {wrong}/{total}")
    print("threshold sweep (precision / recall):")
    for t in (0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
        r = prf(res["scored"], t)
        print(f"  {t:.2f}: {r['precision']:.3f} / {r['recall']:.3f}")
    if not args.no_baseline:
        b = baseline(pairs, args.threshold)
        print(f"previous check (text cosine) @ {args.threshold}: precision {b['precision']:.3f} "
              f"recall {b['recall']:.3f}")
    if args.show_errors:
        fps = sorted((x for x in res["scored"] if x[0] >= args.threshold and not x[1]),
                     key=lambda x: -x[0])[: args.show_errors]
        fns = sorted((x for x in res["scored"] if x[0] < args.threshold and x[1]),
                     key=lambda x: x[0])[: args.show_errors]
        for title, rows in (("false duplicates", fps), ("missed duplicates", fns)):
            print(f"-- {title}")
            for s, _y, k, a, b in rows:
                print(f"  {s:.2f} [{k}] {a['title'][:30]} | {b['title'][:30]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
