"""Process-level cache of the active classifier per kind.

Loading a blob takes up to a second, predicting a few milliseconds; so the loaded model is kept
in the process and the database is asked at most every ``CHECK_SECONDS`` which version is active
(a cheap indexed query). Activation clears the cache of the process that activated; the others
notice within a minute.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the engine (scikit-learn, scipy) is imported on first use, not at start-up
    from .engine.classifier import TextClassifier

log = logging.getLogger(__name__)
CHECK_SECONDS = 60.0


@dataclass(frozen=True)
class Loaded:
    pk: int
    uid: str
    version: int
    classifier: TextClassifier


@dataclass
class _Entry:
    checked: float
    loaded: Loaded | None


_cache: dict[str, _Entry] = {}
_lock = threading.Lock()


def clear() -> None:
    with _lock:
        _cache.clear()


def active(kind: str) -> Loaded | None:
    """The active model of ``kind`` (loaded), or None when there is none or it cannot load."""
    from .models import ModelStatus, TriageModel

    now = time.monotonic()
    entry = _cache.get(kind)
    if entry is not None and now - entry.checked < CHECK_SECONDS:
        return entry.loaded
    row = (TriageModel.objects.filter(kind=kind, is_active=True, status=ModelStatus.READY)
           .values_list("pk", "uid", "version").first())
    loaded = None
    if row is not None:
        pk, uid, version = row[0], str(row[1]), row[2]
        if entry is not None and entry.loaded is not None and entry.loaded.uid == uid:
            loaded = entry.loaded
        else:
            from .engine.classifier import TextClassifier

            blob = TriageModel.objects.filter(pk=pk).values_list("blob", flat=True).first()
            try:
                loaded = Loaded(pk, uid, version, TextClassifier.loads(bytes(blob or b"")))
            except ValueError:
                log.exception("triage: active %s model v%s cannot be loaded", kind, version)
    with _lock:
        _cache[kind] = _Entry(now, loaded)
    return loaded
