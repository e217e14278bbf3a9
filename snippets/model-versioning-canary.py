"""Model Versioning: a 10% canary against a full switch, both watched on live labels.

Two candidates pass the same offline test; the bad one has a serving bug (two inputs
arrive swapped). Both rollouts compare v2 with v1 on the same requests (bootstrap over
customers, 95%, not corrected for repeated looks) every 100 requests and decide once
the interval clears zero. Per label delay: the request the decision came at, and v2's
extra wrong answers over 5,000.
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
X_live, y_live = X[4000:], y[4000:]  # 5,000 live requests, in arrival order
rng = np.random.default_rng(0)
customer = rng.integers(0, 2000, len(y_live))  # 2,000 customers, sticky routing
# One set of bootstrap weights per customer (Poisson), reused at every check.
weights = rng.poisson(1.0, size=(2000, 2000))


def serve_v2(rows, bug):  # v2's serving path; the bug: inputs 0 and 1 arrive swapped
    return v2.predict(rows[:, [1, 0, *range(2, 8)]] if bug else rows)


def in_canary(key, percent=10):  # sticky: a customer always lands on the same side
    return int(hashlib.sha256(f"c{key:04d}".encode()).hexdigest(), 16) % 100 < percent


def paired_interval(diff, who):  # resample customers, not requests: routing is sticky
    per_customer = np.bincount(who, weights=diff, minlength=2000)
    n_requests = np.bincount(who, minlength=2000)
    boot = (weights @ per_customer) / np.maximum(weights @ n_requests, 1)
    return diff.mean(), *np.percentile(boot, [2.5, 97.5])


def roll_out(right_v2, right_v1, exposed, delay):
    """Check every 100 requests on the labels in so far; served[i]: v2 answered i."""
    diff = right_v2.astype(int) - right_v1  # -1, 0 or +1 per request
    served, n = exposed.copy(), len(diff)
    for now in range(100, n + 1, 100):
        labelled = np.flatnonzero(exposed[: max(now - delay, 0)])
        if len(labelled) < 30:
            continue
        mean, low, high = paired_interval(diff[labelled], customer[labelled])
        if low > 0 or high < 0:
            served[now:] = low > 0  # promote: everyone on v2; roll back: nobody
            decision = "promote" if low > 0 else "roll back"
            return decision, now, int(-diff[served].sum()), (mean, low, high)
    return "wait", n, int(-diff[served].sum()), (np.nan,) * 3


offline = np.mean(v2.predict(X_test) == y_test) - np.mean(v1.predict(X_test) == y_test)
canary = np.array([in_canary(c) for c in customer])
right_v1 = v1.predict(X_live) == y_live  # v1 answers every request, as the baseline
print(f"offline holdout: v2 - v1 accuracy {offline:+.3f} for both candidates")
head = ["candidate", "rollout", "labels after", "v2 - v1 [95% CI]", "decision", "at"]
print(f"{head[0]:9} {head[1]:11} {head[2]:>12} {head[3]:>24} {head[4]:>9}", end=" ")
print(f"{head[5]:>5} extra wrong")
results = {}
for candidate, bug in [("good v2", False), ("bad v2", True)]:
    right_v2 = serve_v2(X_live, bug) == y_live
    for delay in (0, 1000):
        for rollout, exposed in [
            ("full switch", np.ones(len(canary), bool)),
            ("canary 10%", canary),
        ]:
            decision, at, extra, (mean, low, high) = roll_out(
                right_v2, right_v1, exposed, delay
            )
            results[candidate, rollout, delay] = decision, at, extra
            ci = f"{mean:+.3f} [{low:+.3f}, {high:+.3f}]"
            row = f"{candidate:9} {rollout:11} {delay:12,d} {ci:>24} {decision:>9}"
            print(f"{row} {at:5,d} {extra:11d}")
print(f"requests routed to the canary: {canary.mean():.1%}")

assert offline > 0.02  # both candidates look better offline
assert all(v[0] == "promote" for k, v in results.items() if k[0] == "good v2")
assert all(v[0] == "roll back" for k, v in results.items() if k[0] == "bad v2")
bad_full, bad_canary = (
    results["bad v2", r, 1000][2] for r in ["full switch", "canary 10%"]
)
assert bad_full > 2 * bad_canary > 0  # with late labels the canary limits the damage
good_full, good_canary = (
    results["good v2", r, 0][1] for r in ["full switch", "canary 10%"]
)
assert good_canary > 3 * good_full  # but the canary needs far longer to decide
