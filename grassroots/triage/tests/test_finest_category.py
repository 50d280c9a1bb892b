"""The category suggestion offers the finest level the model is confident about (issue #24)."""

from dataclasses import dataclass

import numpy as np

from grassroots.demands.models import Category
from grassroots.triage import registry
from grassroots.triage.engine.hierarchy import finest_top
from grassroots.triage.models import TriageSettings
from grassroots.triage.selectors import dispatch_suggestions

CLASSES = ["城乡建设›供水›水压低", "城乡建设›供水›停水", "城乡建设›物业›电梯", "环境保护", "教育文体"]


def test_descends_while_the_child_is_likely_enough():
    p = [0.70, 0.10, 0.05, 0.10, 0.05]
    assert finest_top(CLASSES, p, threshold=0.6, k=2) == [
        ("城乡建设›供水›水压低", 0.7), ("环境保护", 0.1)]
    # 供水 is sure (0.8), which problem is not: stop at the second level
    assert finest_top(CLASSES, [0.45, 0.35, 0.05, 0.10, 0.05], threshold=0.6, k=1) == [
        ("城乡建设›供水", 0.8)]
    # the field only: stay at the first level
    assert finest_top(CLASSES, [0.3, 0.1, 0.3, 0.2, 0.1], threshold=0.6, k=1) == [
        ("城乡建设", 0.7)]


@dataclass
class _Clf:
    proba: list

    classes_ = np.array(CLASSES)

    def predict_proba_batch(self, titles, texts):
        return np.array([self.proba] * len(titles))


def _tree():
    root = (Category.objects.filter(level=1, name="城乡建设", parent=None).order_by("pk").first()
            or Category.objects.create(name="城乡建设", code="X01", level=1))
    water, _ = Category.objects.get_or_create(parent=root, name="供水",
                                              defaults={"code": "X0101", "level": 2})
    leaf, _ = Category.objects.get_or_create(parent=water, name="水压低",
                                             defaults={"code": "X010101", "level": 3})
    return root, water, leaf


def test_dispatch_suggestion_names_the_finest_confident_category(county, make_demand,
                                                                 monkeypatch):
    root, water, leaf = _tree()
    clf = _Clf([0.72, 0.12, 0.04, 0.08, 0.04])
    monkeypatch.setattr(registry, "active", lambda kind: registry.Loaded(1, "u", 1, clf)
                        if kind == "category" else None)
    demand = make_demand(category=None)
    cats = dispatch_suggestions([demand])[demand.pk]["categories"]
    assert cats[0] == {"label": "城乡建设 › 供水 › 水压低", "confidence": 0.72,
                       "category_id": leaf.pk}
    row = TriageSettings.load()
    row.category_fine_threshold = 0.9  # the county asks for more certainty
    row.save()
    cats = dispatch_suggestions([demand])[demand.pk]["categories"]
    assert cats[0]["category_id"] == root.pk and cats[0]["label"] == "城乡建设"
