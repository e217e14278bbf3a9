"""Sharing Features Between Training and Serving: where each feature is computed.

A churn model uses a request field (monthly charge, 20% missing) and a history feature
(sessions in the 7 days before the prediction). Look at the share of served rows whose
features differ from what training computed, offline versus live accuracy, and the
feature rows a store must materialize.
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
rate = rng.gamma(2.0, 0.5, N)[:, None] * np.where(
    day >= churn_day[:, None] - 21, 0.3, 1
)
sessions = rng.poisson(np.where(day >= churn_day[:, None], 0, rate))
before = np.hstack([np.zeros((N, 1)), sessions.cumsum(1)])  # sessions before day d
request_charge = np.where(rng.random(N) < 0.2, np.nan, charge)  # as the app sends it
customer = np.arange(N)
train = rng.random(N) < 0.6
test = ~train
y = churned.astype(int)


def sessions_7d(c, d):
    """The one feature definition: sessions in the 7 full days before day d."""
    return before[c, d] - before[c, d - 7]


# Feature store: materialize the definition for every customer and day, then read it
# point in time: as-of joins for training rows, latest-value lookups for serving.
offline_store = np.stack([sessions_7d(customer, d) for d in range(7, TODAY + 1)], 1)
store_as_of = offline_store[customer, label_day - 7]  # materialized at label_day
# Hand-written twice: the notebook joins on customer id only (today's value, recorded
# after the label), and the service counts the current day into its window.
notebook = sessions_7d(customer, np.full(N, TODAY))
service = before[customer, label_day + 1] - before[customer, label_day - 6]
window_end = {"notebook": np.full(N, TODAY), "store": label_day}  # exclusive end day
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
}
print("skew: share of served rows whose model input differs from the training path")
print("flipped: served decisions that differ from the training-path decision")
header = ["charge", "sessions", "flipped", "offline", "live", "store rows"]
print(f"{'':<26}{'skew':>10}{'skew':>10}{'':>10}{'accuracy':>10}{'accuracy':>10}")
print(f"{'features computed by':<26}" + "".join(f"{h:>10}" for h in header[:5]), end="")
print(f"{header[5]:>12}")
result = {}
for name, (train_history, serve_history, transform) in options.items():
    # Transform: the imputer is fitted once and ships inside the model. By hand: the
    # notebook fills missing charges with the median, the service with the mean.
    imputer = [SimpleImputer(strategy="median")] if transform else []
    model = make_pipeline(*imputer, StandardScaler(), LogisticRegression())
    train_fill, serve_fill = (None, None) if transform else (median, mean)
    X_train = model_input(request_charge[train], train_fill, train_history[train])
    as_trained = model_input(request_charge[test], train_fill, train_history[test])
    served = model_input(request_charge[test], serve_fill, serve_history[test])
    offline = np.mean(cross_val_predict(model, X_train, y[train], cv=5) == y[train])
    model.fit(X_train, y[train])
    inputs = model[:-1].transform(as_trained), model[:-1].transform(served)
    skew = np.mean(~np.isclose(*inputs), axis=0)
    flipped = np.mean(model.predict(as_trained) != model.predict(served))
    live = np.mean(model.predict(served) == y[test])
    rows = offline_store.size if name.startswith("Feature Store") else 0
    result[name] = (*skew, offline, live)
    print(
        f"{name:<26}{skew[0]:>10.1%}{skew[1]:>10.1%}{flipped:>10.1%}"
        f"{offline:>10.3f}{live:>10.3f}{rows:>12,}"
    )

late = {k: np.mean(end[train] > label_day[train]) for k, end in window_end.items()}
print(
    "training rows whose sessions window ends after the label day: "
    f"notebook {late['notebook']:.0%}, store as-of join {late['store']:.0%}"
)
# Each pattern removes the skew it owns, and only that one.
assert result["Transform"][0] == 0 < result["hand-written twice"][0]
assert result["Feature Store"][1] == 0 < result["Transform"][1]
assert result["Feature Store + Transform"][:2] == (0, 0)
assert late["notebook"] == 1 and late["store"] == 0
# A key-only join leaks the future: offline accuracy promises far more than live.
for name in ("hand-written twice", "Transform"):
    assert result[name][2] - result[name][3] > 0.15
for name in ("Feature Store", "Feature Store + Transform"):
    assert abs(result[name][2] - result[name][3]) < 0.02
    assert result[name][3] > result["hand-written twice"][3] + 0.03
