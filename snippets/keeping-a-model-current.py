"""Keeping a Model Current: never, on a schedule, on a monitored drop, or bridged.

20 simulated streams of 12 weekly windows, 100 rows each, labeled one window late. The
label rule changes in window 4 (drift); in window 8 the payment field splits "card" into
credit, debit and gift (schema change). Retrains fit the last three labeled windows.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

N_WINDOWS, DRIFT, SCHEMA, ROWS, N_STREAMS, TOLERANCE = 12, 4, 8, 100, 20, 0.10
DELAY, SPAN = 1, 3  # labels arrive a window late; retrain on the last 3 labeled windows
SHARES = np.array([0.6, 0.3, 0.1])  # how card payments split in the new schema


def window(rng, k, n):
    """n rows of week k: 6 numeric inputs, then cash, credit, debit, gift columns."""
    numeric = rng.normal(size=(n, 6))
    cash = rng.random(n) < 0.4
    subtype = rng.choice(3, n, p=SHARES)
    rule = [1.0, 1.0, 0.5] if k < DRIFT else [1.0, -0.6, 0.8]
    effect = np.where(cash, -1.0, np.array([0.8, 0.2, -1.5])[subtype])
    logit = numeric @ np.r_[rule, 0.3, 0.3, 0.3] + effect
    y = (logit + rng.normal(scale=0.7, size=n) > 0).astype(int)
    # Old records only say "card", kept in the credit column for now.
    payment = np.eye(4)[np.where(cash, 0, 1 if k < SCHEMA else 1 + subtype)]
    return np.hstack([numeric, payment]), y


def encode(X, new_schema):
    """A model built for the old schema sees cash and card (credit+debit+gift)."""
    return X if new_schema else np.column_stack([X[:, :7], X[:, 7:].sum(1) > 0])


def bridge(X_old, X_new):
    """Rewrite old "card" rows as the card-type shares measured on new rows."""
    shares = X_new[X_new[:, 7:].sum(1) > 0, 7:].mean(0)
    bridged = X_old.copy()
    bridged[X_old[:, 7:].sum(1) > 0, 7:] = shares
    return bridged


def training_set(labeled, last, k, bridged):
    """Last SPAN labeled windows; once new-schema rows exist, drop or bridge the old."""
    wins = range(max(0, last - SPAN + 1), last + 1)
    new = [w for w in wins if w >= SCHEMA]
    if bridged:
        X_now = labeled[k][0]  # inputs are logged at serving; no labels needed
        Xs = [labeled[w][0] if w in new else bridge(labeled[w][0], X_now) for w in wins]
    else:
        wins = new or wins
        Xs = [encode(labeled[w][0], bool(new)) for w in wins]
    y = np.concatenate([labeled[w][1] for w in wins])
    fitted = LogisticRegression(solver="liblinear").fit(np.vstack(Xs), y)
    return fitted, bridged or bool(new), len(new)


POLICIES = [
    "never retrain",
    "retrain every 3 windows",
    "retrain every window",
    "Continued Model Evaluation",
    "schema retrain, new rows only",
    "Bridged Schema",
]
accuracy, retrains = {p: [] for p in POLICIES}, {p: [] for p in POLICIES}
for stream in range(N_STREAMS):
    rng = np.random.default_rng(stream)
    labeled = [window(rng, k, ROWS) for k in range(N_WINDOWS)]
    fresh = [window(rng, k, 500) for k in range(N_WINDOWS)]  # scores the policies
    X_start, y_start = window(rng, 0, 1_000)
    for policy in POLICIES:
        model = LogisticRegression(solver="liblinear").fit(encode(X_start, 0), y_start)
        new, n_new, scores, count = False, 0, [], 0
        baseline = np.mean(model.predict(encode(fresh[0][0], False)) == fresh[0][1])
        for k in range(1, N_WINDOWS):
            hits = model.predict(encode(fresh[k][0], new)) == fresh[k][1]
            scores.append(hits.mean())
            last = k - DELAY  # the newest window whose labels have arrived
            X, y = labeled[last]
            monitored = np.mean(model.predict(encode(X, new)) == y)
            bridged = policy == "Bridged Schema" and k >= SCHEMA
            drop = monitored < baseline - TOLERANCE
            due = (bridged or last >= SCHEMA) and n_new < SPAN  # the schema's trigger
            go = [False, k % 3 == 2, True, drop, drop or due, drop or due]  # POLICIES
            if go[POLICIES.index(policy)]:
                count += 1
                model, new, n_new = training_set(labeled, last, k, bridged)
        accuracy[policy].append(scores)
        retrains[policy].append(count)

print("accuracy on fresh rows, mean +/- std over 20 streams")
header = ["all windows", "windows 5-7", "windows 9-11"]
print(f"{'policy':<31}" + "".join(f"{h:>17}" for h in header) + f"{'retrains':>9}")
acc = {p: np.array(a) for p, a in accuracy.items()}
drift, schema = slice(4, 7), slice(8, None)  # windows 5-7 and 9-11
for p in POLICIES:
    cells = [acc[p][:, s].mean(1) for s in (slice(None), drift, schema)]
    row = "".join(f"{c.mean():>7.3f} +/- {c.std():.3f}" for c in cells)
    print(f"{p:<31}{row}{np.mean(retrains[p]):>9.1f}")


def gap(a, b, windows):
    return acc[a][:, windows].mean(1) - acc[b][:, windows].mean(1)


every, cme = "retrain every window", "Continued Model Evaluation"
diff = gap(every, cme, drift)
assert abs(diff.mean()) < 2 * diff.std()  # every window matches the trigger after drift
wins = int(np.sum(gap(every, cme, schema) > 0))
print(f"retrain every window ahead of the trigger in windows 9-11: {wins}/20 streams")
assert wins >= 15 and np.sum(gap("Bridged Schema", cme, schema) > 0) >= 15  # sign test
assert np.mean(retrains[cme]) < np.mean(retrains[every]) / 3
print("Bridged Schema minus schema retrain, new rows only, mean +/- std:")
for w in (9, 10, 11):
    diff = gap("Bridged Schema", "schema retrain, new rows only", slice(w - 1, w))
    ahead = int(np.sum(diff > 0))
    print(f"  window {w}: {diff.mean():+.3f} +/- {diff.std():.3f}, ahead in {ahead}/20")
    assert w > 9 or ahead >= 15  # the bridge leads while new rows are few,
assert abs(diff.mean()) < 2 * diff.std()  # and by window 11 the two are level
