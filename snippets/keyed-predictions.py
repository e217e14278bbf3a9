"""Keyed Predictions: a client key carries each row through reordering, retries, loss.

Each scenario breaks the batch output in one way. Look at the table: joining by position
gives rows other rows' scores (or forces a full rerun), while joining by key flags each
duplicate and missing key, re-sends only the missing rows, and ends with no wrong score.
The last line shows why a retry is compared with a tolerance, not with ==.
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
VERSION = "fraud-v3"  # the server echoes the model version with every score
requests = list(zip(keys, X_new, strict=True))
batches = [requests[i : i + 64] for i in range(0, len(requests), 64)]


def score_batch(batch):
    """Server: strip the keys, score the features, zip the keys back unchanged."""
    scores = model.predict_proba(np.array([features for _, features in batch]))[:, 1]
    return [
        (key, VERSION, score) for (key, _), score in zip(batch, scores, strict=True)
    ]


def serve(shuffle, duplicate_batch=False, duplicate_row=False, drop_row=False):
    """Score batches on threads; a queue may reorder, retries repeat, rows get lost."""
    order = np.random.default_rng(0).permutation(len(batches)) if shuffle else None
    queue = [batches[i] for i in order] if shuffle else batches
    with ThreadPoolExecutor(max_workers=4) as pool:
        parts = list(pool.map(score_batch, queue))
    if duplicate_batch:  # a timed-out batch was retried and both answers arrived
        parts.insert(4, parts[3])
    out = [answer for part in parts for answer in part]
    if duplicate_row:  # a retried row comes back scored alone, not in its batch
        out.insert(100, score_batch([requests[keys.index(out[99][0])]])[0])
    if drop_row:
        del out[500]
    return out


def join_by_position(out):
    if len(out) != len(keys):
        return "rerun"  # the count check fails: something is wrong, but which rows?
    scores = np.array([score for _, _, score in out])
    return int(np.sum(np.abs(scores - reference) > 1e-12))


def same_answer(a, b):  # same model version, same score up to floating-point rounding
    return a[0] == b[0] and np.isclose(a[1], b[1], rtol=1e-9, atol=0)


def join_by_key(out):
    by_key = {}
    for key, version, score in out:  # a retry must give the same answer
        first = by_key.setdefault(key, (version, score))  # stored on first sight
        if not same_answer(first, (version, score)):
            raise ValueError(f"{key} came back with two different answers")
    duplicates = len(out) - len(by_key)
    missing = [i for i, key in enumerate(keys) if key not in by_key]
    assert not set(by_key) - set(keys)  # no key the client never sent
    if missing:  # re-send only the missing rows
        by_key.update(
            (k, (v, s)) for k, v, s in score_batch([requests[i] for i in missing])
        )
    scores = np.array([by_key[key][1] for key in keys])
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

# The same row scored alone and inside its batch of 64 can differ in the last bit.
alone = np.array([score_batch([request])[0][2] for request in requests])
in_batches = np.array([s for batch in batches for _, _, s in score_batch(batch)])
differ, gap = alone != in_batches, np.abs(alone - in_batches).max()
print(f"one row scored alone vs in its batch of 64: {differ.sum()} of {len(keys):,}")
print(f"scores differ, by up to {gap:.1e}; == would call such a retry a conflict")
assert differ.any() and same_answer((VERSION, alone), (VERSION, in_batches)).all()
assert not same_answer(("fraud-v2", alone[0]), (VERSION, alone[0]))  # another model
assert all(keyed == 0 for _, _, keyed in results.values())  # keys fix every case
assert results["out of order"][0] > 900  # positional join: silent, nearly every row
assert results["out of order"][1] == 0  # order kept: position works ...
assert results["retried row + dropped"][1] > 0  # ... until the count hides a shift
assert results["retried batch"][1] == results["dropped row"][1] == "rerun"
