"""Shadow Deployment: candidates score live traffic; users only see the live model.

Look at: swapping in the broken candidate directly would serve its mistakes to every
user, while in the shadow users keep the live answers and the log, joined to late
labels, promotes the better candidate and rejects the broken one.
"""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression

X, y = make_classification(
    n_samples=6000, n_features=10, n_informative=6, shuffle=False, random_state=0
)
old, live_traffic = slice(0, 2000), slice(3000, 6000)
live = LogisticRegression(max_iter=500).fit(X[old][:, :3], y[old])
retrained = LogisticRegression(max_iter=500).fit(X[:3000], y[:3000])
broken = LogisticRegression(max_iter=500).fit(X[:3000], 1 - y[:3000])  # flipped labels


def serve(rows, shadows, log):
    """Answer with the live model; score each shadow on the same rows and log it."""
    answers = live.predict(rows[:, :3])
    log["live"] = answers
    for name, model in shadows.items():
        try:
            log[name] = model.predict(rows)  # never returned to the user
        except Exception as error:  # a failing shadow must not fail the request
            log[name] = error
    return answers


requests, labels = X[live_traffic], y[live_traffic]
log = {}
served = serve(requests, {"retrained": retrained, "broken": broken}, log)
accuracy = {name: float(np.mean(log[name] == labels)) for name in log}

print(f"{'rollout':<22} {'served accuracy':>16} {'users hurt':>11}")
for name, answers in (
    ("direct swap, broken", log["broken"]),
    ("shadow, then promote", served),
):
    hurt = int(np.sum(answers != labels) - np.sum(log["live"] != labels))
    print(f"{name:<22} {np.mean(answers == labels):>16.3f} {max(hurt, 0):>11}")
for name, value in accuracy.items():
    print(f"logged accuracy of {name:<10} {value:.3f}")
margin = 0.02  # promote only a clear win, fixed before the shadow period
gains = {name: accuracy[name] - accuracy["live"] for name in ("retrained", "broken")}
promoted = [name for name, gain in gains.items() if gain > margin]
print(f"promoted after the shadow period: {promoted}")
assert np.array_equal(served, log["live"])  # users only ever saw the live model
assert promoted == ["retrained"]
assert np.mean(log["broken"] == labels) < 0.5 < accuracy["live"]
