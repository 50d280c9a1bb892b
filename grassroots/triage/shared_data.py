"""Read the public contest data in ``../shared/data`` (in place; never copied into the repo).

Used only to bootstrap a platform that has too few handled demands of its own. A fresh machine
(and the demo county) does not have it: callers get ``None`` and a message saying so.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings

# Contest first-level labels whose name differs from the county's category tree.
LABEL_ALIASES = {"卫生计生": "卫生健康"}
FILES = (
    "taidi2020/附件2_partial/附件2_details_labels_union.csv",
    "taidi2020/附件2_示例数据.csv",
)


def shared_data_dir() -> Path:
    env = os.environ.get("GRASSROOTS_SHARED_DATA")
    if env:
        return Path(env)
    return Path(settings.BASE_DIR).parent / "shared" / "data"


def load_labelled(limit: int | None = None) -> tuple[list[tuple[str, str, str]], str]:
    """([(title, text, first-level label)], message); an empty list when nothing is there."""
    base = shared_data_dir()
    found = [base / f for f in FILES if (base / f).is_file()]
    if not found:
        return [], f"未找到公开数据（{base}），仅使用本平台数据。"
    from .engine.evaluate import read_labelled_csv  # imports scikit-learn: on first use only

    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for path in found:
        titles, texts, labels, _skipped = read_labelled_csv(path)
        for title, text, label in zip(titles, texts, labels, strict=True):
            key = f"{title}|{text[:80]}"
            if key in seen:
                continue
            seen.add(key)
            rows.append((title, text, LABEL_ALIASES.get(label, label)))
    if limit is not None:
        rows = rows[:limit]
    return rows, f"已读取公开数据 {len(rows)} 条（{base}）。"
