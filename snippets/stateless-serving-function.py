"""Stateless Serving Function: an exported Pipeline behind a pure JSON-in, JSON-out function.

The scaler travels inside the saved Pipeline, so clients send raw measurements. Look for
identical answers on repeated and reordered calls, and a clear error for a malformed request.
"""

import json
import tempfile
from pathlib import Path

import joblib
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

iris = load_iris()
FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
LABELS = [str(name) for name in iris.target_names]

# Export: preprocessing and model are saved as ONE artifact, then loaded back.
trained = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
trained.fit(iris.data, iris.target)
with tempfile.TemporaryDirectory() as export_dir:
    joblib.dump(trained, Path(export_dir) / "model.joblib")
    served_model = joblib.load(Path(export_dir) / "model.joblib")


def parse_rows(request: str) -> list[list[float]]:
    """Turn a request into feature rows, or raise ValueError with a message for the client."""
    try:
        instances = json.loads(request)["instances"]
    except (json.JSONDecodeError, TypeError, KeyError):
        raise ValueError('expected a JSON object with an "instances" list') from None
    if not isinstance(instances, list):
        raise ValueError('"instances" must be a list')
    rows = []
    for i, instance in enumerate(instances):
        if not isinstance(instance, dict):
            raise ValueError(f"instance {i} must be an object of named features")
        missing = [name for name in FEATURES if name not in instance]
        if missing:
            raise ValueError(f"instance {i} is missing {', '.join(missing)}")
        rows.append([float(instance[name]) for name in FEATURES])
    return rows


def predict(request: str) -> str:
    """Pure function: the response depends only on the request and the loaded model."""
    try:
        rows = parse_rows(request)
    except ValueError as error:
        return json.dumps({"error": str(error)})
    proba = served_model.predict_proba(rows)
    answers = [{"label": LABELS[p.argmax()], "score": round(float(p.max()), 3)} for p in proba]
    return json.dumps({"predictions": answers})


requests = [
    json.dumps({"instances": [dict(zip(FEATURES, row, strict=True))]})
    for row in iris.data[[0, 60, 120]].tolist()
]
first_pass = [predict(r) for r in requests]
for response in first_pass:
    print(response)

# Repeated and reordered calls: a stateless function cannot tell them apart.
later_calls = [(r, predict(r)) for r in reversed(requests * 3)]
identical = all(response == first_pass[requests.index(r)] for r, response in later_calls)
print("identical across repeated and reordered calls:", identical)
assert identical

# The served artifact answers exactly like the in-memory pipeline it was exported from.
assert (served_model.predict_proba(iris.data) == trained.predict_proba(iris.data)).all()

bad = predict('{"instances": [{"sepal_length": 5.1, "petal_width": 0.2}]}')
print("malformed request ->", bad)
assert json.loads(bad) == {"error": "instance 0 is missing sepal_width, petal_length"}
assert "error" in json.loads(predict("not json"))
assert predict(requests[0]) == first_pass[0]  # a bad call leaves nothing behind
