"""Sharing Features Between Training and Serving: where each feature is computed.

A churn model uses a request field (monthly charge, 20% missing) and a history feature
(sessions in the 7 days before the prediction). Look at skew (served input against the
point-in-time training path), leakage (training input read after the label), offline
versus live accuracy, and the feature rows a store must materialize.
"""

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(0)
N, TODAY = 3_000, 130  # customers; days of event history in the warehouse
label_day = rng.integers(60, 111, N)  # when each customer's prediction is made
charge = rng.lognormal(3.5, 0.6, N)
risk = -1.2 + 1.2 * (np.log(charge) - 3.5) / 0.6
churned = rng.random(N) < 1 / (1 + np.exp(-risk))
churn_day = np.where(churned, label_day + rng.uniform(0, 14, N), np.inf)
# Raw event log: sessions per customer per day; they fade before churn, then stop.
day = np.arange(TODAY)
fade = np.where(day >= churn_day[:, None] - 21, 0.3, 1)
rate = rng.gamma(2.0, 0.5, N)[:, None] * fade
sessions = rng.poisson(np.where(day >= churn_day[:, None], 0, rate))
before = np.hstack([np.zeros((N, 1)), sessions.cumsum(1)])  # sessions before day d
request_charge = np.where(rng.random(N) < 0.2, np.nan, charge)  # as the app sends it
customer = np.arange(N)
train = rng.random(N) < 0.6
test = ~train
y = churned.astype(int)


def sessions_7d(customers, as_of_day):
    """The one feature definition: sessions in the 7 full days before `as_of_day`."""
    return before[customers, as_of_day] - before[customers, as_of_day - 7]


# Feature store: materialize the definition for every customer and day, then read it
# point in time: as-of joins for training rows, latest-value lookups for serving.
offline_store = np.stack([sessions_7d(customer, d) for d in range(7, TODAY + 1)], 1)
store_as_of = offline_store[customer, label_day - 7]  # materialized at label_day
# Windowed Inference: no table; training replays the event log through the function
# as of each label day, and the service calls it on the log at request time.
replayed = sessions_7d(customer, label_day)
at_request = sessions_7d(customer, label_day)  # requests arrive on the label day
# Hand-written twice: the notebook joins on customer id only (today's value, recorded
# after the label), and the service counts the current day into its window.
notebook = sessions_7d(customer, np.full(N, TODAY))
service = before[customer, label_day + 1] - before[customer, label_day - 6]
median, mean = np.nanmedian(request_charge[train]), np.nanmean(request_charge[train])


def model_input(charge_column, fill, history):
    """Charge (filled by hand unless fill is None) and log sessions: the model input."""
    if fill is not None:
        charge_column = np.where(np.isnan(charge_column), fill, charge_column)
    return np.column_stack([charge_column, np.log1p(history)])


options = {  # name -> (history for training rows, history at serving, Transform?)
    "hand-written twice": (notebook, service, False),
    "Transform": (notebook, service, True),
    "Feature Store": (store_as_of, store_as_of, False),
    "Feature Store + Transform": (store_as_of, store_as_of, True),
    "Windowed Inference + Transform": (replayed, at_request, True),
}
print("skew: served rows whose input differs from the point-in-time training path")
print("leak: training rows whose sessions value differs from its label-day value")
print("flipped: served decisions that differ from the training path's decision")
header = ["charge", "sessions", "sessions", "", "offline", "live", "store"]
print(f"{'':<31}" + "".join(f"{h:>9}" for h in header))
header = ["skew", "skew", "leak", "flipped", "accuracy", "accuracy", "rows"]
print(f"{'features computed by':<31}" + "".join(f"{h:>9}" for h in header))
result = {}
for name, (train_history, serve_history, transform) in options.items():
    # Transform: the imputer is fitted once and ships inside the model. By hand: the
    # notebook fills missing charges with the median, the service with the mean.
    imputer = [SimpleImputer(strategy="median")] if transform else []
    model = make_pipeline(*imputer, StandardScaler(), LogisticRegression())
    train_fill, serve_fill = (None, None) if transform else (median, mean)
    X_train = model_input(request_charge[train], train_fill, train_history[train])
    as_trained = model_input(request_charge[test], train_fill, store_as_of[test])
    served = model_input(request_charge[test], serve_fill, serve_history[test])
    offline = np.mean(cross_val_predict(model, X_train, y[train], cv=5) == y[train])
    model.fit(X_train, y[train])
    inputs = model[:-1].transform(as_trained), model[:-1].transform(served)
    skew = np.mean(~np.isclose(*inputs), axis=0)
    leak = np.mean(train_history[train] != store_as_of[train])
    flipped = np.mean(model.predict(as_trained) != model.predict(served))
    live = np.mean(model.predict(served) == y[test])
    rows = offline_store.size if name.startswith("Feature Store") else 0
    result[name] = dict(charge_skew=skew[0], sessions_skew=skew[1], leak=leak,
                        flipped=flipped, offline=offline, live=live)  # fmt: skip
    print(
        f"{name:<31}{skew[0]:>9.1%}{skew[1]:>9.1%}{leak:>9.1%}{flipped:>9.1%}"
        f"{offline:>9.3f}{live:>9.3f}{rows:>9,}"
    )

hand, store = result["hand-written twice"], result["Feature Store"]
live_se = np.sqrt(store["live"] * (1 - store["live"]) / test.sum())
print(f"standard error of live accuracy on {test.sum():,} test rows: {live_se:.3f}")
# Each pattern removes the skew it owns; the point-in-time paths also remove the leak.
assert result["Transform"]["charge_skew"] == 0 < hand["charge_skew"]
assert store["sessions_skew"] == 0 < result["Transform"]["sessions_skew"]
assert store["leak"] == 0 < result["Transform"]["leak"]
for name in ("Feature Store + Transform", "Windowed Inference + Transform"):
    checks = ("charge_skew", "sessions_skew", "leak", "flipped")
    assert all(result[name][check] == 0 for check in checks), name
# A key-only join leaks the future: offline accuracy promises far more than live.
for name in ("hand-written twice", "Transform"):
    assert result[name]["offline"] - result[name]["live"] > 0.15
for name in ("Feature Store", "Windowed Inference + Transform"):
    assert abs(result[name]["offline"] - result[name]["live"]) < 0.02
    assert result[name]["live"] > hand["live"] + 0.03
# Removing the last skew changes decisions, not accuracy beyond the noise.
gain = result["Feature Store + Transform"]["live"] - store["live"]
assert store["flipped"] > 0 and abs(gain) < 2 * live_se
