"""Loading and leakage-safe splitting of the public 2020 TipDM-Cup problem C data (read in place).

Used by bench/triage_bench.py and bench/triage_experiments.py.  Never reads ../shared/holdout.
"""

from __future__ import annotations

import csv
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from grassroots.triage.engine.similarity import NearDuplicateIndex  # noqa: E402
from grassroots.triage.engine.text import dedup_key, normalize  # noqa: E402


def shared_data_dir() -> Path:
    env = os.environ.get("GRASSROOTS_SHARED_DATA")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "data"


def taidi_dir() -> Path:
    return shared_data_dir() / "taidi2020"


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass
class Doc:
    title: str
    text: str
    label: str = ""
    source: str = ""
    meta: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return dedup_key(self.text)


def load_union() -> list[Doc]:
    rows = read_csv(taidi_dir() / "附件2_partial" / "附件2_details_labels_union.csv")
    out = []
    for r in rows:
        if r["label_conflict"] == "True":
            continue
        out.append(
            Doc(
                r["留言主题"] or "",
                r["留言详情"] or "",
                r["一级标签"],
                "union",
                {"sources": r["sources"]},
            )
        )
    return out


def load_sample() -> list[Doc]:
    rows = read_csv(taidi_dir() / "附件2_示例数据.csv")
    return [
        Doc(r["留言主题"], r["留言详情"], r["一级分类"], "sample") for r in rows if r["一级分类"]
    ]


def load_subset() -> list[Doc]:
    rows = read_csv(taidi_dir() / "附件2_partial" / "附件2_labeled_subset.csv")
    return [Doc(r["留言主题"], r["留言详情"], r["一级标签"], "subset") for r in rows]


def load_titles() -> list[Doc]:
    rows = read_csv(taidi_dir() / "附件2_partial" / "附件2_titles_labels_all.csv")
    return [Doc(r["留言主题"], "", r["一级标签"], "titles") for r in rows]


def load_unlabeled() -> list[Doc]:
    out = []
    for name in ("附件2_测试数据.csv", "附件3.csv", "附件4.csv"):
        for r in read_csv(taidi_dir() / name):
            out.append(Doc(r["留言主题"], r["留言详情"], "", name))
    return out


def dedup(docs: list[Doc]) -> list[Doc]:
    seen: set[str] = set()
    out = []
    for d in docs:
        k = normalize(d.title) + "|" + d.key if not d.text else d.key
        if not k or k in seen:
            continue
        seen.add(k)
        out.append(d)
    return out


def _bigrams(t: str) -> set[str]:
    return {t[i : i + 2] for i in range(len(t) - 1)}


def drop_near(docs: list[Doc], against: list[Doc], threshold: float = 0.8) -> list[Doc]:
    """Remove docs whose text is a near-duplicate (or same 40-char key / title) of any doc in `against`."""
    keys = {d.key for d in against if d.text}
    titles = {normalize(d.title) for d in against if d.title}
    idx = NearDuplicateIndex()
    idx.add_many([(i, d.text) for i, d in enumerate(against) if d.text])
    # bodies whose title is unknown: drop title-only docs whose characters mostly occur in them
    untitled = [_bigrams(normalize(d.text)) for d in against if d.text and not d.title]
    best = idx.best_batch([d.text for d in docs])
    out = []
    for d, (_, score) in zip(docs, best, strict=True):
        if d.text:
            if d.key in keys or score >= threshold:
                continue
        elif normalize(d.title) in titles:
            continue
        elif untitled:
            tb = _bigrams(normalize(d.title))
            if tb and any(len(tb & b) >= 0.5 * len(tb) for b in untitled):
                continue
        out.append(d)
    return out


def subset_split() -> tuple[list[Doc], list[Doc], list[Doc]]:
    """(train, test, extra_titles): test = 附件2_labeled_subset (S2 rows); train excludes S2 and near-dups."""
    test = dedup(load_subset())
    train = [d for d in load_union() if "S2" not in d.meta["sources"]] + load_sample()
    train = drop_near(dedup(train), test)
    titles = drop_near(dedup(load_titles()), test)
    return train, test, titles


def own_split(val_frac: float = 0.2, seed: int = 13) -> tuple[list[Doc], list[Doc], list[Doc]]:
    """(train, val, extra_titles): a grouped random split of all labelled bodies (union + sample + subset).

    Grouped by the 40-char key; validation docs that are near-duplicates (char-3gram cosine >= 0.8)
    of any training doc are removed from validation, and training titles equal to a validation title
    are removed from the title-only extras.
    """
    docs = dedup(load_union() + load_sample() + load_subset())
    keys = sorted({d.key for d in docs})
    rng = random.Random(seed)
    rng.shuffle(keys)
    val_keys = set(keys[: int(len(keys) * val_frac)])
    train = [d for d in docs if d.key not in val_keys]
    val = [d for d in docs if d.key in val_keys]
    val = drop_near(val, train)
    titles = drop_near(dedup(load_titles()), val)
    return train, val, titles
