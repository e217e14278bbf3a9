"""Reproducibility: sources of run-to-run differences you can trigger, and their fixes.

Each row changes one thing between otherwise identical runs. "Unfixed" shows how far
five runs land apart (seeds 0-4 stand in for five unseeded runs, so this output
repeats); "repeats?" asks whether runs give identical predictions, sums or hashes.
"""

import hashlib
import json
import math
import platform
import tempfile
from pathlib import Path

import numpy as np
import scipy
import sklearn
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split


def load_snapshot():  # stands in for reading a frozen, versioned extract
    return make_classification(n_samples=600, n_features=10, random_state=0)


def fingerprint(X, y):
    return hashlib.sha256(X.tobytes() + y.tobytes()).hexdigest()


def versions():
    found = {m.__name__: m.__version__ for m in (np, scipy, sklearn)}
    return found | {"python": platform.python_version()}


X, y = load_snapshot()


def run(
    split_seed=0, model_seed=0, order_seed=None, sort=False, params=None, data=None
):
    """Split, fit; return test accuracy, probabilities on every row, the model."""
    Xd, yd = (X, y) if data is None else data  # the snapshot, unless another table
    ids = np.arange(len(yd))  # a stable key stored with every row
    train, test = train_test_split(ids, test_size=0.3, random_state=split_seed)
    if order_seed is not None:  # the same training rows, delivered in another order
        train = np.random.default_rng(order_seed).permutation(train)
    train = np.sort(train) if sort else train
    model = RandomForestClassifier(
        **({"n_estimators": 20} if params is None else params)
    )
    model.set_params(random_state=model_seed).fit(Xd[train], yd[train])
    return model.score(Xd[test], yd[test]), model.predict_proba(X)[:, 1], model


def same(outputs):
    return "yes" if all(np.array_equal(outputs[0], o) for o in outputs[1:]) else "no"


def row(source, unfixed, before, fix, after):
    """One table line; before and after are lists of outputs that should match."""
    print(f"{source:<22}{unfixed:<20}{same(before):<9}{fix:<32}{same(after)}")
    return same(before), same(after)


print(f"{'source':<22}{'unfixed':<20}{'repeats?':<9}{'fix':<32}repeats after fix?")
fits = {
    "split not seeded": [run(split_seed=s) for s in range(5)] + [run(), run()],
    "model not seeded": [run(model_seed=s) for s in range(5)] + [run(), run()],
    "rows in another order": [run(order_seed=s) for s in range(5)]
    + [run(order_seed=s, sort=True) for s in range(2)],
}
fixes = ["random_state in the split", "random_state in the model", "sort rows by key"]
for (source, runs), fix in zip(fits.items(), fixes, strict=True):
    acc = [a for a, _, _ in runs[:5]]
    probs = [p for _, p, _ in runs]
    spread = f"acc {min(acc):.3f}-{max(acc):.3f}"
    assert row(source, spread, probs[:5], fix, probs[5:]) == ("no", "yes")

# Float addition is not associative: the order of a sum changes its last bits. A
# different thread count does the same inside BLAS or OpenMP reductions.
values = np.random.default_rng(0).lognormal(0, 3, 10_000).tolist()  # e.g. revenue
orders = [np.random.default_rng(s).permutation(len(values)) for s in range(5)]
plain = [sum(values[i] for i in o) for o in orders]
exact = [math.fsum(values[i] for i in o) for o in orders]
fix = "math.fsum (exactly rounded)"
sums = row(
    "sum in another order", f"{len(set(plain))} distinct sums", plain, fix, exact
)

# A changed default: RandomForestClassifier() grew 10 trees before scikit-learn 0.22
# and 100 since. Recording every parameter, not only the ones set, pins it.
old, new = run(params={"n_estimators": 10}), run(params={})
record = {"data_sha256": fingerprint(X, y), "params": old[2].get_params()}
record["versions"] = versions()
with tempfile.TemporaryDirectory() as tmp:  # the manifest stored with the model
    manifest = Path(tmp) / "run.json"
    manifest.write_text(json.dumps(record))
    record = json.loads(manifest.read_text())
rebuilt = run(params=record["params"])
spread, fix = f"acc {old[0]:.3f} vs {new[0]:.3f}", "rebuild from get_params()"
default = row(
    "default n_estimators", spread, [old[1], new[1]], fix, [old[1], rebuilt[1]]
)

# Data: the live table has grown by 30 rows since the run. Retraining on it gives
# another model, and the data hash in the manifest flags it before anyone compares.
jitter = np.random.default_rng(1).normal(0, 0.1, (30, X.shape[1]))
live = np.vstack([X, X[:30] + jitter]), np.concatenate([y, y[:30]])
caught, snapshot = fingerprint(*live) != record["data_sha256"], load_snapshot()
assert caught and fingerprint(*snapshot) == record["data_sha256"]
check = f"hash check {'flags it' if caught else 'passes'}"
fix = "train from the snapshot"
before, after = [run()[1], run(data=live)[1]], [run()[1], run(data=snapshot)[1]]
data = row("rows appended", check, before, fix, after)
print(f"versions recorded with the run: {', '.join(sorted(record['versions']))}")

assert sums == default == data == ("no", "yes")
assert record["versions"] == versions()
