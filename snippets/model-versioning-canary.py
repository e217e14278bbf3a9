"""Model Versioning: a canary sends 10% of customers to v2, compared on the same keys.

Two candidates pass the same offline test; the bad one has a serving bug (two inputs
arrive swapped). Per rollout: the share of requests on v2, its live accuracy minus
v1's on those same requests (bootstrap 95% interval), the decision, and the extra
wrong answers v2 served compared with v1.
"""

import hashlib

import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression

X, y = make_classification(9000, n_features=8, n_informative=5, random_state=0)
v1 = LogisticRegression().fit(X[:1000], y[:1000])  # the version serving today
v2 = RandomForestClassifier(n_estimators=50, random_state=0).fit(X[:2500], y[:2500])
X_test, y_test = X[2500:4000], y[2500:4000]  # offline holdout
X_live, y_live = X[4000:], y[4000:]  # 5,000 live requests; labels arrive later
rng = np.random.default_rng(0)
customer = [f"c{i:04d}" for i in rng.integers(0, 2000, len(y_live))]


def serve_v2(rows, bug):  # v2's serving path; the bug: inputs 0 and 1 arrive swapped
    return v2.predict(rows[:, [1, 0, *range(2, 8)]] if bug else rows)


def in_canary(key, percent=10):  # sticky: a customer always lands on the same side
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % 100 < percent


def paired_interval(right_v2, right_v1, seed=0):  # bootstrap over the same requests
    diff = right_v2.astype(int) - right_v1  # -1, 0 or +1 per request
    values, counts = np.unique(diff, return_counts=True)
    # Resampling requests only reshuffles how many -1, 0 and +1 there are: draw those.
    draws = np.random.default_rng(seed).multinomial(len(diff), counts / len(diff), 5000)
    low, high = np.percentile(draws @ values / len(diff), [2.5, 97.5])
    return diff.mean(), low, high


offline = np.mean(v2.predict(X_test) == y_test) - np.mean(v1.predict(X_test) == y_test)
canary = np.array([in_canary(c) for c in customer])
shadow_v1 = v1.predict(X_live)  # v1 answers every request, logged as the baseline
print(f"offline holdout: v2 - v1 accuracy {offline:+.3f} for both candidates")
head = ["candidate", "rollout", "exposed", "live v2 - v1 [95% CI]", "decision"]
print(f"{head[0]:9} {head[1]:11} {head[2]:>7} {head[3]:>24} {head[4]:>9} extra wrong")
results = {}
for candidate, bug in [("good v2", False), ("bad v2", True)]:
    answers_v2 = serve_v2(X_live, bug)
    for rollout, exposed in [
        ("full switch", np.ones(len(canary), bool)),
        ("canary 10%", canary),
    ]:
        right_v2, right_v1 = answers_v2 == y_live, shadow_v1 == y_live
        mean, low, high = paired_interval(right_v2[exposed], right_v1[exposed])
        if rollout == "full switch":  # decided offline, before any live traffic
            decision = "ship" if offline > 0 else "keep v1"
        else:
            decision = "promote" if low > 0 else "roll back" if high < 0 else "wait"
        extra = int(np.sum(~right_v2[exposed]) - np.sum(~right_v1[exposed]))
        results[candidate, rollout] = decision, extra, low, high
        ci = f"{mean:+.3f} [{low:+.3f}, {high:+.3f}]"
        share = f"{exposed.mean():.1%}"
        row = f"{candidate:9} {rollout:11} {share:>7} {ci:>24} {decision:>9}"
        print(f"{row} {extra:11d}")

sides = {(c, bool(side)) for c, side in zip(customer, canary, strict=True)}
assert len(sides) == len(set(customer))  # no customer flips between versions
assert offline > 0.02  # both candidates look better offline
assert results["good v2", "canary 10%"][0] == "promote"
assert results["bad v2", "canary 10%"][0] == "roll back"
assert results["bad v2", "full switch"][0] == "ship"  # the offline check misses the bug
full, canaried = results["bad v2", "full switch"], results["bad v2", "canary 10%"]
assert full[1] > 5 * canaried[1] > 0  # the canary limits who gets the bad answers
