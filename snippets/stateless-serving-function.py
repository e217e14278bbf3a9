"""Stateless Serving Function: a saved Pipeline behind a pure JSON-in, JSON-out handler.

The same requests reach two replicas in different orders. Look at the last column: only
the stateless function gives each request the same answer on both replicas.
"""

import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

iris = load_iris()
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
X_train, X_live, y_train, y_live = train_test_split(
    iris.data, iris.target, test_size=0.5, stratify=iris.target, random_state=0
)
# Export: preprocessing and model are saved as ONE artifact, then loaded back.
trained = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
trained.fit(X_train, y_train)
with tempfile.TemporaryDirectory() as export_dir:
    joblib.dump(trained, Path(export_dir) / "model.joblib")
    served_model = joblib.load(Path(export_dir) / "model.joblib")


def parse_row(request: str) -> list[float]:
    """The request's feature row, or ValueError with a message for the client."""
    try:
        instance = json.loads(request)["instance"]
        missing = [name for name in FEATURES if name not in instance]
    except (json.JSONDecodeError, TypeError, KeyError):
        raise ValueError('expected a JSON object with an "instance" object') from None
    if missing:
        raise ValueError(f"instance is missing {', '.join(missing)}")
    try:
        return [float(instance[name]) for name in FEATURES]
    except (TypeError, ValueError):
        raise ValueError("every feature must be a number") from None


def predict(request: str) -> str:
    """Pure function: the response depends only on the request and the loaded model."""
    try:
        row = parse_row(request)
    except ValueError as error:
        return json.dumps({"error": str(error)})
    return json.dumps({"label": int(served_model.predict([row])[0])})


# Alternative 1: the scaler stayed in the notebook, so the handler normalizes with
# statistics of the traffic it has seen so far (StandardScaler.partial_fit).
linear = trained[-1]


def running_normalization(state: dict, request: str) -> str:
    row = np.array([parse_row(request)])
    scaler = state.setdefault("scaler", StandardScaler()).partial_fit(row)
    return json.dumps({"label": int(linear.predict(scaler.transform(row))[0])})


# Alternative 2: a response cache keyed by user, to save model calls.
def per_user_cache(state: dict, request: str) -> str:
    user = json.loads(request)["user"]
    return state.setdefault(user, predict(request))


# Live traffic: 25 users send three requests each, with changed fields each time.
users = np.arange(len(X_live)) % 25
requests = [
    json.dumps({"user": int(u), "instance": dict(zip(FEATURES, row, strict=True))})
    for u, row in zip(users, X_live.tolist(), strict=True)
]
order_b = np.argsort(y_live, kind="stable")  # replica B: a burst of one class first
handlers = {
    "stateless function": lambda state, request: predict(request),
    "running normalization": running_normalization,
    "per-user cache": per_user_cache,
}
print(f"{len(requests)} requests; replica A gets them shuffled, replica B by class")
print(f"{'handler':<22} {'accuracy A':>10} {'accuracy B':>10} {'answers differ':>15}")
changed, n = {}, len(requests)
for name, handler in handlers.items():
    labels = np.zeros((2, n), dtype=int)
    for replica, order in enumerate([range(n), order_b]):
        state = {}  # each replica starts empty, as after a restart
        for i in order:
            labels[replica, i] = json.loads(handler(state, requests[i]))["label"]
    changed[name] = int(np.sum(labels[0] != labels[1]))
    acc_a, acc_b = np.mean(labels == y_live, axis=1)
    print(f"{name:<22} {acc_a:>10.3f} {acc_b:>10.3f} {changed[name]:>12}/{n}")

with ThreadPoolExecutor(max_workers=8) as pool:  # concurrent calls, any interleaving
    threaded = list(pool.map(predict, requests))
differ = sum(t != predict(r) for t, r in zip(threaded, requests, strict=True))
print(f"stateless function, 8 threads vs 1: {differ}/{n} answers differ")
assert differ == 0
assert changed["stateless function"] == 0
assert changed["running normalization"] > 0 and changed["per-user cache"] > 0
assert (served_model.predict_proba(X_live) == trained.predict_proba(X_live)).all()

bad = predict('{"instance": {"sepal_length": 5.1, "petal_width": 0.2}}')
print("malformed request ->", bad)
assert json.loads(bad) == {"error": "instance is missing sepal_width, petal_length"}
not_a_number = {"instance": {**dict.fromkeys(FEATURES, 1.0), "sepal_length": "tall"}}
bad_type = json.loads(predict(json.dumps(not_a_number)))
assert bad_type == {"error": "every feature must be a number"}
assert predict(requests[0]) == threaded[0]  # a bad call leaves nothing behind
