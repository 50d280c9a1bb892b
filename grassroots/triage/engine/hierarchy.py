"""Category suggestions at the finest level the model is confident about (no Django imports).

The category model is trained on category paths ("城乡建设›供水›水压低"; the public contest data
gives first-level names only, which are paths of one part). A node's probability is the sum of
its own label's and its descendants'. Each of the top first-level categories is followed down,
child by child, while the likeliest child still has at least ``threshold``: "城乡建设 92 %"
becomes "城乡建设›供水›水压低 81 %" when the model is that sure, and stays "城乡建设" when it
only knows the field.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

SEP = "›"


def path_label(names: Sequence[str]) -> str:
    return SEP.join(names)


def finest_top(classes: Sequence[str], proba: Sequence[float], *, threshold: float,
               k: int = 3) -> list[tuple[str, float]]:
    """[(path, probability)] for the ``k`` likeliest first-level categories, each taken down
    to the finest level with probability ≥ ``threshold``."""
    node: dict[tuple[str, ...], float] = defaultdict(float)
    children: dict[tuple[str, ...], set] = defaultdict(set)
    for label, p in zip(classes, proba, strict=True):
        parts = tuple(str(label).split(SEP))
        for i in range(1, len(parts) + 1):
            node[parts[:i]] += float(p)
            if i > 1:
                children[parts[:i - 1]].add(parts[:i])
    roots = sorted((n for n in node if len(n) == 1), key=lambda n: (-node[n], n))[:k]
    out = []
    for cur in roots:
        while children.get(cur):
            best = max(children[cur], key=lambda n: (node[n], n))
            if node[best] < threshold:
                break
            cur = best
        out.append((path_label(cur), round(node[cur], 6)))
    return out
