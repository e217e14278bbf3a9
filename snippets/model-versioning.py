"""Model Versioning: versions behind a router, and which changes break an old client.

An app build written for fraud/v1 blocks a payment when `score` >= 0.5. Rows: what it
gets after each kind of release, on 500 requests: does it run, the share it blocks, its
decisions that change from v1's and how many of those are now right.
"""

import hashlib
import tempfile
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression

X, y = make_classification(3000, n_features=8, weights=[0.85], random_state=0)
requests, truth = X[2500:].tolist(), y[2500:]  # traffic the endpoint sees


def contract_v1(model, rows):  # the fraud contract: a 0/1 label and a 0-1 score
    p = model.predict_proba(rows)[:, 1]
    return [{"label": int(s >= 0.5), "score": round(float(s), 3)} for s in p]


def field_added(model, rows):  # same contract plus an optional field: compatible
    return [{**r, "review": 0.4 < r["score"] < 0.6} for r in contract_v1(model, rows)]


def score_in_points(model, rows):  # same fields, new meaning: a 0-100 scale
    return [{**r, "score": round(100 * r["score"])} for r in contract_v1(model, rows)]


def field_renamed(model, rows):  # "score" becomes "probability"
    return [
        {"label": r["label"], "probability": r["score"]}
        for r in contract_v1(model, rows)
    ]


class Router:
    """Routes a request to (model, version); without a version, to the default."""

    def __init__(self):
        self.deployed, self.default = {}, {}

    def deploy(self, name, version, artifact, respond, make_default=False):
        digest = hashlib.sha256(artifact.read_bytes()).hexdigest()  # immutable files
        self.deployed[name, version] = (joblib.load(artifact), respond, digest)
        if make_default or name not in self.default:
            self.default[name] = version

    def predict(self, request):
        name = request["model"]
        version = request.get("version", self.default.get(name))
        if (name, version) not in self.deployed:
            raise KeyError(f"{name}/{version} unknown; serving {sorted(self.deployed)}")
        model, respond, _ = self.deployed[name, version]
        answers = respond(model, request["instances"])
        return {"model": name, "version": version, "predictions": answers}


def old_client(response):  # shipped against fraud/v1; ignores fields it doesn't know
    return np.array([p["score"] >= 0.5 for p in response["predictions"]])


router = Router()
with tempfile.TemporaryDirectory() as tmp:
    files = {v: Path(tmp) / f"fraud-{v}.joblib" for v in ["v1", "v2"]}
    joblib.dump(LogisticRegression().fit(X[:1000], y[:1000]), files["v1"])
    forest = RandomForestClassifier(n_estimators=50, random_state=0)
    joblib.dump(forest.fit(X[:2500], y[:2500]), files["v2"])  # retrained: a version
    router.deploy("fraud", "v1", files["v1"], contract_v1)
    before = old_client(router.predict({"model": "fraud", "instances": requests}))
    router.deploy("fraud", "v2", files["v2"], field_added, make_default=True)
    router.deploy("fraud-points", "v1", files["v2"], score_in_points)  # a new model
    v1_file = hashlib.sha256(files["v1"].read_bytes()).hexdigest()
v2 = router.deployed["fraud", "v2"][0]
releases = {  # what the old client's request gets after each kind of release
    "pinned to fraud/v1": lambda: router.predict(
        {"model": "fraud", "version": "v1", "instances": requests}
    ),
    "default -> v2, field added": lambda: router.predict(
        {"model": "fraud", "instances": requests}
    ),
    "in place, 0-100 score": lambda: {"predictions": score_in_points(v2, requests)},
    "in place, field renamed": lambda: {"predictions": field_renamed(v2, requests)},
}
head = ["old client after release", "runs", "blocked", "changed", "now right"]
print(f"{head[0]:26} {head[1]:>8} {head[2]:>7} {head[3]:>7} {head[4]:>9}")
outcome = {}
for release, respond in releases.items():
    try:
        decisions = old_client(respond())
    except KeyError:
        outcome[release] = None
        print(f"{release:26} {'KeyError':>8} {'-':>7} {'-':>7} {'-':>9}")
        continue
    moved = decisions != before  # decisions that differ from v1's
    right = int(np.sum(decisions[moved] == truth[moved]))  # ...that are now right
    outcome[release] = decisions.mean(), int(moved.sum()), right
    blocked = f"{decisions.mean():.1%}"
    print(f"{release:26} {'yes':>8} {blocked:>7} {moved.sum():7d} {right:9d}")
try:
    router.predict({"model": "fraud", "version": "v3", "instances": requests})
except KeyError as err:
    print(err.args[0])

assert outcome["pinned to fraud/v1"][1] == 0  # pinned answers never move
assert router.deployed["fraud", "v1"][2] == v1_file  # and its artifact is unchanged
blocked, changed, right = outcome["default -> v2, field added"]  # compatible
assert changed > 5 and right >= 0.8 * changed  # v2 changes answers, mostly to right
blocked, changed, right = outcome["in place, 0-100 score"]  # runs, silently wrong
assert blocked > 2 * truth.mean() and right < 0.5 * changed
assert outcome["in place, field renamed"] is None  # fails loudly
points = router.predict({"model": "fraud-points", "instances": requests})
assert max(p["score"] for p in points["predictions"]) > 1  # its own endpoint and scale
