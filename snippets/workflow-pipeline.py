"""Workflow Pipeline: steps cached under a hash of their code, config and inputs.

Steps executed in six scenarios (each counts one, whatever it costs), and answers that
differ from a full rerun: a key without the code goes stale, joblib.Memory reruns more.
"""

import hashlib
import json
import tempfile
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


DAG = {  # step: (function, upstream steps), in topological order; load reads a file
    "load": (np.load, []),
    "split": (split, ["load"]),
    "features": (features, ["split"]),
    "train": (train, ["features"]),
    "evaluate": (evaluate, ["features", "train"]),
}


def run(dag, config, data_file, cache, with_code):  # cache: a path prefix
    keys = {"load": hashlib.sha256(data_file.read_bytes()).hexdigest()}  # raw bytes
    for name, (func, upstream) in list(dag.items())[1:]:  # keys chain downstream
        code = [code_hash(func.__code__), sklearn.__version__] if with_code else []
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
        ran.append(name)
        joblib.dump(out[name], path)
    return out["evaluate"], ran


def run_memory(dag, config, data_file, cache, with_code):  # the first try
    out, ran = {"load": np.load(data_file)}, ["load"]  # by path, new data goes unseen
    for name, (func, upstream) in list(dag.items())[1:]:
        step = joblib.Memory(cache, verbose=0).cache(func)  # name, code, arguments
        args = [config.get(name, {}), *(out[u] for u in upstream)]
        if not step.check_call_in_cache(*args):
            ran.append(name)
        out[name] = step(*args)
    return out["evaluate"], ran


X, y = make_classification(600, n_features=10, n_informative=4, random_state=0)
base, edited = {"split": {"seed": 0}, "train": {"C": 1.0}}, {**DAG}
edited["features"] = (features_v2, ["split"])
SCENARIOS = {"cold": (DAG, base, 500), "warm": (DAG, base, 500)}  # DAG, config, rows
SCENARIOS["new C"] = (DAG, {**base, "train": {"C": 0.001}}, 500)
SCENARIOS |= {"new code": (edited, base, 500), "new data": (DAG, base, 600)}
SCENARIOS["back"] = (DAG, base, 500)
METHODS = {"content-hash cache": (run, 1, 1), "key without code": (run, 1, 0)}
METHODS["joblib.Memory per step"] = (run_memory, 1, 1)  # runner, cached?, code in key?
METHODS["rerun everything"] = (run, 0, 1)
acc, ran = {}, {}  # per (method, scenario)
with tempfile.TemporaryDirectory() as tmp:
    data_file = Path(tmp) / "raw.npy"
    for method, (runner, cached, with_code) in METHODS.items():
        for label, (dag, config, rows) in SCENARIOS.items():
            np.save(data_file, np.column_stack([X[:rows], y[:rows]]))
            key = method, label  # rerunning everything: a cache that starts empty
            cache = Path(tmp, method.replace(" ", "-") + ("" if cached else label))
            acc[key], ran[key] = runner(dag, config, data_file, cache, with_code)

print(f"{'steps run':22}" + "".join(f"{s:>9}" for s in SCENARIOS) + "   total  stale")
for m in METHODS:
    runs = [len(ran[m, s]) for s in SCENARIOS]
    stale = sum(acc[m, s] != acc["rerun everything", s] for s in SCENARIOS)
    print(f"{m:22}" + "".join(f"{n:9d}" for n in runs) + f"{sum(runs):8d}{stale:7d}")
fresh = {s: acc["rerun everything", s] for s in SCENARIOS}
print(f"{'accuracy':22}" + "".join(f"{fresh[s]:9.3f}" for s in SCENARIOS))

assert all(acc["content-hash cache", s] == fresh[s] for s in SCENARIOS)  # never stale
assert [len(ran["content-hash cache", s]) for s in SCENARIOS] == [5, 0, 2, 3, 5, 0]
assert ran["content-hash cache", "new code"] == ["features", "train", "evaluate"]
assert acc["key without code", "new code"] == fresh["cold"] != fresh["new code"]
