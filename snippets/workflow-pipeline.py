"""Workflow Pipeline: steps cached under a hash of their code, config and inputs.

Steps run in six scenarios (each counts one, whatever it costs; `load`, which every
method does on every run, is not counted) and answers that differ from a full rerun.
"""

import hashlib
import json
import tempfile
from functools import partial
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def split(cfg, raw):
    parts = train_test_split(raw[:, :-1], raw[:, -1], random_state=cfg["seed"])
    return dict(zip(["X_tr", "X_te", "y_tr", "y_te"], parts, strict=True))


def features(cfg, d):
    scaler = StandardScaler().fit(d["X_tr"])
    return {**d, **{k: scaler.transform(d[k]) for k in ["X_tr", "X_te"]}}


def features_v2(cfg, d):  # an edit to the step: add squared inputs
    d = features(cfg, d)
    return {**d, **{k: np.c_[d[k], d[k] ** 2] for k in ["X_tr", "X_te"]}}


def train(cfg, d):
    return LogisticRegression(C=cfg["C"]).fit(d["X_tr"], d["y_tr"])


def evaluate(cfg, d, model):
    return round(float(model.score(d["X_te"], d["y_te"])), 3)


def code_hash(code):  # bytecode, constants, names: edits change it, comments don't
    cs = [code_hash(k) if hasattr(k, "co_code") else repr(k) for k in code.co_consts]
    return hashlib.sha256(repr([code.co_code, code.co_names, cs]).encode()).hexdigest()


# step: (function, upstream steps), in topological order; load reads the raw file
DAG = {"load": (np.load, []), "split": (split, ["load"])}
DAG |= {"features": (features, ["split"]), "train": (train, ["features"])}
DAG["evaluate"] = (evaluate, ["features", "train"])


def run(dag, config, data_file, cache, code_in_key):  # cache: a path prefix
    keys = {"load": hashlib.sha256(data_file.read_bytes()).hexdigest()}  # raw bytes
    for name, (func, upstream) in list(dag.items())[1:]:  # keys chain downstream
        code = [code_hash(func.__code__), sklearn.__version__] if code_in_key else []
        payload = [name, config.get(name, {}), code, [keys[u] for u in upstream]]
        blob = json.dumps(payload, sort_keys=True).encode()  # same config, same key
        keys[name] = hashlib.sha256(blob).hexdigest()
    ran, out = [], {}
    for name, (func, upstream) in dag.items():  # topological order
        path = Path(f"{cache}-{name}-{keys[name][:16]}.joblib")
        if path.exists():
            out[name] = joblib.load(path)
            continue
        args = [data_file] if name == "load" else [config.get(name, {})]
        out[name] = func(*args, *(out[u] for u in upstream))
        ran += [name] if name != "load" else []  # the file is read either way
        joblib.dump(out[name], path)
    return out["evaluate"], ran


def run_memory(dag, config, data_file, cache):  # the first try
    out, ran = {"load": np.load(data_file)}, []  # read on every run, like run()'s hash
    for name, (func, upstream) in list(dag.items())[1:]:
        step = joblib.Memory(cache, verbose=0).cache(func)  # name, code, arguments
        args = [config.get(name, {}), *(out[u] for u in upstream)]
        ran += [] if step.check_call_in_cache(*args) else [name]
        out[name] = step(*args)
    return out["evaluate"], ran


X, y = make_classification(600, n_features=10, n_informative=4, random_state=0)
base = {"split": {"seed": 0}, "train": {"C": 1.0}}
same, new_c = (DAG, base, 500), (DAG, {**base, "train": {"C": 0.001}}, 500)
new_code = ({**DAG, "features": (features_v2, ["split"])}, base, 500)
SCENARIOS = {"cold": same, "warm": same, "new C": new_c, "new code": new_code}
SCENARIOS |= {"new data": (DAG, base, 600), "back": same}  # DAG, config, rows of data
hashed, no_code = partial(run, code_in_key=True), partial(run, code_in_key=False)
METHODS = {"content-hash cache": hashed, "key without code": no_code}
METHODS |= {"joblib.Memory per step": run_memory, "rerun everything": hashed}
acc, ran = {}, {}  # per (method, scenario)
with tempfile.TemporaryDirectory() as tmp:
    data_file = Path(tmp) / "raw.npy"
    for method, runner in METHODS.items():
        for label, (dag, config, rows) in SCENARIOS.items():
            np.save(data_file, np.column_stack([X[:rows], y[:rows]]))
            key = method, label  # a full rerun: an empty cache in every scenario
            cache = Path(tmp, method + (label if method == "rerun everything" else ""))
            acc[key], ran[key] = runner(dag, config, data_file, cache)

print(f"{'steps run':22}" + "".join(f"{s:>9}" for s in SCENARIOS) + "   total  stale")
for m in METHODS:
    runs = [len(ran[m, s]) for s in SCENARIOS]
    stale = sum(acc[m, s] != acc["rerun everything", s] for s in SCENARIOS)
    print(f"{m:22}" + "".join(f"{n:9d}" for n in runs) + f"{sum(runs):8d}{stale:7d}")
fresh = {s: acc["rerun everything", s] for s in SCENARIOS}
print(f"{'accuracy':22}" + "".join(f"{fresh[s]:9.3f}" for s in SCENARIOS))

assert all(acc["content-hash cache", s] == fresh[s] for s in SCENARIOS)  # never stale
assert [len(ran["content-hash cache", s]) for s in SCENARIOS] == [4, 0, 2, 3, 4, 0]
assert ran["content-hash cache", "new code"] == ["features", "train", "evaluate"]
assert acc["key without code", "new code"] == fresh["cold"] != fresh["new code"]
memory = {s: ran["joblib.Memory per step", s] for s in SCENARIOS}
assert memory.pop("warm") == ["evaluate"]  # Memory's one extra run: the warm evaluate
assert all(memory[s] == ran["content-hash cache", s] for s in memory)
