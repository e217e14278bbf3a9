"""Workflow Pipeline: cached steps, where a change re-runs only that step and its dependents.

Each line shows which steps ran. The warm run runs nothing, a new `C` re-runs only
`train` and `evaluate`, new raw data re-runs everything, and going back costs nothing.
"""

import hashlib
import json
import tempfile
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def split(cfg, raw):
    parts = train_test_split(raw[:, :-1], raw[:, -1], test_size=0.25, random_state=cfg["seed"])
    return dict(zip(["X_tr", "X_te", "y_tr", "y_te"], parts, strict=True))


def scale(cfg, d):
    scaler = StandardScaler().fit(d["X_tr"])
    return {**d, "X_tr": scaler.transform(d["X_tr"]), "X_te": scaler.transform(d["X_te"])}


def train(cfg, d):
    return LogisticRegression(C=cfg["C"]).fit(d["X_tr"], d["y_tr"])


def evaluate(cfg, d, model):
    return round(float(model.score(d["X_te"], d["y_te"])), 3)


# Each step: (function, upstream steps), in topological order. `load` reads a file.
DAG = {
    "load": (np.load, []),
    "split": (split, ["load"]),
    "scale": (scale, ["split"]),
    "train": (train, ["scale"]),
    "evaluate": (evaluate, ["scale", "train"]),
}


def run(config, data_file, cache):
    # A step's key hashes its own config and its inputs' keys, so a change flows downstream;
    # the source step hashes the bytes of the raw file. (Real runners also hash code versions.)
    keys = {"load": hashlib.sha256(data_file.read_bytes()).hexdigest()}
    for name, (_, upstream) in list(DAG.items())[1:]:
        payload = json.dumps([name, config.get(name, {}), [keys[u] for u in upstream]])
        keys[name] = hashlib.sha256(payload.encode()).hexdigest()
    ran, memo = [], {}

    def get(name):  # load a cached output, or compute it (and, lazily, what it needs)
        if name not in memo:
            path = cache / f"{name}-{keys[name][:16]}.joblib"
            if path.exists():
                memo[name] = joblib.load(path)
            else:
                func, upstream = DAG[name]
                args = [data_file] if name == "load" else [config.get(name, {})]
                memo[name] = func(*args, *(get(u) for u in upstream))
                joblib.dump(memo[name], path)
                ran.append(name)
        return memo[name]

    return get("evaluate"), ran  # recursion finishes upstream steps first


X, y = make_classification(n_samples=600, n_features=10, n_informative=4, random_state=0)
config = {"split": {"seed": 0}, "train": {"C": 1.0}}
with tempfile.TemporaryDirectory() as tmp:
    data_file, cache = Path(tmp) / "raw.npy", Path(tmp) / "cache"
    cache.mkdir()
    results = {}
    for label, cfg, rows in [
        ("cold", config, 500),
        ("warm", config, 500),
        ("new C", {**config, "train": {"C": 0.001}}, 500),
        ("new raw data", config, 600),
        ("back to first", config, 500),
    ]:
        np.save(data_file, np.column_stack([X[:rows], y[:rows]]))
        results[label] = run(cfg, data_file, cache)
        acc, ran = results[label]
        print(f"{label:>13}: accuracy={acc:.3f} ran={', '.join(ran) or '(nothing, all cached)'}")

everything = list(DAG)
assert results["cold"][1] == everything
assert results["warm"] == (results["cold"][0], [])  # same answer, zero work
assert results["new C"][1] == ["train", "evaluate"]  # load, split, scale came from cache
assert results["new raw data"][1] == everything  # a data change invalidates every step
assert results["back to first"] == (results["cold"][0], [])  # old keys still hit the cache
assert abs(results["new C"][0] - results["cold"][0]) > 0.05  # the re-run step changed the answer
