"""S2 §4.8–4.9: unqualified members (不合格党员处置): the criteria catalogue, candidates, the
six-step disposal case and correction in the town's 8th branch (第八支部)."""
