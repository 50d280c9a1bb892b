"""Pure-Python text intelligence for grassroots demands (no Django imports).

* :mod:`.classifier` — dispatch-by-text classifier with calibrated top-k suggestions
  (features in :mod:`.features`, estimators and calibration in :mod:`.estimators`)
* :mod:`.text` — normalisation and tokenisation; :mod:`.places` — place extraction
* :mod:`.similarity` — near-duplicate / recurrence detection
* :mod:`.hot_topics` — hot-topic clustering with a heat index
* :mod:`.reply_quality` — reply-quality scoring
* :mod:`.evaluate` — CSV train/test evaluation
"""
