"""Model Versioning: two model versions served side by side behind a version-aware router.

A client pinned to v1 gets the same answers before and after v2 ships; a client that
sends no version follows the default, which moves to v2 (and gains a probability field).
"""

import hashlib
import tempfile
from pathlib import Path

import joblib
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression

X, y = make_classification(n_samples=3000, n_features=8, n_informative=5, random_state=0)
X_new, y_new = X[2500:], y[2500:]  # traffic the endpoint sees
requests = X_new[:200].tolist()


def v1_response(model, rows):  # v1 contract: a list of labels
    return {"labels": model.predict(rows).tolist()}


def v2_response(model, rows):  # v2 contract adds a probability: a breaking change
    proba = model.predict_proba(rows)[:, 1]
    return {"labels": (proba > 0.5).astype(int).tolist(), "proba": proba.round(3).tolist()}


class Router:
    """Routes a request to the model version it names, or to the default version."""

    def __init__(self):
        self.versions, self.default = {}, None

    def deploy(self, version, artifact, respond, make_default=False):
        # Each version is an immutable file; record its hash to detect any rewrite.
        digest = hashlib.sha256(artifact.read_bytes()).hexdigest()
        self.versions[version] = (joblib.load(artifact), respond, digest)
        if make_default or self.default is None:
            self.default = version

    def predict(self, request):
        version = request.get("version", self.default)
        if version not in self.versions:
            raise KeyError(f"unknown version {version!r}; serving {sorted(self.versions)}")
        model, respond, _ = self.versions[version]
        return {"version": version, **respond(model, request["instances"])}


router = Router()
with tempfile.TemporaryDirectory() as tmp:
    v1_file, v2_file = Path(tmp) / "churn-v1.joblib", Path(tmp) / "churn-v2.joblib"
    joblib.dump(LogisticRegression().fit(X[:1000], y[:1000]), v1_file)
    router.deploy("v1", v1_file, v1_response)
    pinned_before = router.predict({"version": "v1", "instances": requests})
    default_before = router.predict({"instances": requests})

    # v2: a stronger model trained on more data, deployed beside v1 and made the default.
    forest = RandomForestClassifier(n_estimators=50, random_state=0).fit(X[:2500], y[:2500])
    joblib.dump(forest, v2_file)
    router.deploy("v2", v2_file, v2_response, make_default=True)
    pinned_after = router.predict({"version": "v1", "instances": requests})
    default_after = router.predict({"instances": requests})
    v1_hash_unchanged = router.versions["v1"][2] == hashlib.sha256(v1_file.read_bytes()).hexdigest()

for version in ["v1", "v2"]:
    acc = router.predict({"version": version, "instances": X_new.tolist()})["labels"]
    print(f"{version} accuracy on new traffic: {(y_new == acc).mean():.3f}")
changed = sum(a != b for a, b in zip(pinned_before["labels"], default_after["labels"], strict=True))
print(f"answers that differ between v1 and v2: {changed} of {len(requests)}")
print("pinned v1 client before/after v2:", pinned_before == pinned_after)
print("default client now gets:", default_after["version"], sorted(default_after))
try:
    router.predict({"version": "v3", "instances": requests})
except KeyError as err:
    print("v3 request:", err.args[0])

assert pinned_after == pinned_before and v1_hash_unchanged  # old clients keep their answers
assert default_before["version"] == "v1" and default_after["version"] == "v2"
assert "proba" not in pinned_after and "proba" in default_after  # each contract kept
assert changed >= 5  # v2 really answers differently, so pinning matters
