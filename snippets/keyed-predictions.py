"""Keyed Predictions: a client key carries each row through reordering, retries, loss.

Each scenario breaks the batch output in one way. Look at the table: joining by position
gives rows other rows' scores (or forces a full rerun), while joining by key flags each
duplicate and missing key, re-sends only the missing rows, and ends with no wrong score.
"""

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = make_classification(n_samples=3_000, n_features=10, random_state=0)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X[:2_000], y[:2_000])
X_new = X[2_000:]
reference = model.predict_proba(X_new)[:, 1]  # one in-order call: the right answers
keys = [f"claim-{i:04d}" for i in range(len(X_new))]  # chosen by the client
requests = list(zip(keys, X_new, strict=True))
batches = [requests[i : i + 64] for i in range(0, len(requests), 64)]


def score_batch(batch):
    """Server: strip the keys, score the features, zip the keys back unchanged."""
    scores = model.predict_proba(np.array([features for _, features in batch]))[:, 1]
    return list(zip([key for key, _ in batch], scores, strict=True))


def serve(shuffle, duplicate_batch=False, duplicate_row=False, drop_row=False):
    """Score batches on threads; a queue may reorder, retries repeat, rows get lost."""
    order = np.random.default_rng(0).permutation(len(batches)) if shuffle else None
    queue = [batches[i] for i in order] if shuffle else batches
    with ThreadPoolExecutor(max_workers=4) as pool:
        parts = list(pool.map(score_batch, queue))
    if duplicate_batch:  # a timed-out batch was retried and both answers arrived
        parts.insert(4, parts[3])
    out = [pair for part in parts for pair in part]
    if duplicate_row:
        out.insert(100, out[99])
    if drop_row:
        del out[500]
    return out


def join_by_position(out):
    if len(out) != len(keys):
        return "rerun"  # the count check fails: something is wrong, but which rows?
    scores = np.array([score for _, score in out])
    return int(np.sum(np.abs(scores - reference) > 1e-12))


def join_by_key(out):
    by_key = {}
    for key, score in out:  # a retried row must come back with the same score
        assert by_key.setdefault(key, score) == score
    duplicates = len(out) - len(by_key)
    missing = [i for i, key in enumerate(keys) if key not in by_key]
    assert not set(by_key) - set(keys)  # no key the client never sent
    if missing:  # re-send only the missing rows
        by_key.update(score_batch([requests[i] for i in missing]))
    scores = np.array([by_key[key] for key in keys])
    wrong = int(np.sum(np.abs(scores - reference) > 1e-12))
    return wrong, duplicates, len(missing)


SCENARIOS = {
    "out of order": dict(),
    "retried batch": dict(duplicate_batch=True),
    "dropped row": dict(drop_row=True),
    "retried row + dropped": dict(duplicate_row=True, drop_row=True),
}
ROW = "{:<22} {:>9} {:>11} {:>8} {:>6} {:>8} {:>7}"
COLUMNS = ["rows back", "by position", "in order", "by key", "dup keys", "re-sent"]
print(f"{len(keys):,} rows in {len(batches)} batches; cells count rows left with a")
print('wrong score ("rerun": the row count is off, so the whole job is scored again).')
print(
    '"in order": the server keeps submission order; the client still joins by position.'
)
print(ROW.format("scenario", *COLUMNS))
results = {}
for name, faults in SCENARIOS.items():
    shuffled, ordered = serve(True, **faults), serve(False, **faults)
    wrong, duplicates, missing = join_by_key(shuffled)
    results[name] = (join_by_position(shuffled), join_by_position(ordered), wrong)
    print(ROW.format(name, f"{len(shuffled):,}", *results[name], duplicates, missing))

assert all(keyed == 0 for _, _, keyed in results.values())  # keys fix every case
assert results["out of order"][0] > 900  # positional join: silent, nearly every row
assert results["out of order"][1] == 0  # order kept: position works ...
assert results["retried row + dropped"][1] > 0  # ... until the count hides a shift
assert results["retried batch"][1] == results["dropped row"][1] == "rerun"
