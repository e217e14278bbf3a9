"""Random Split of Dependent Rows: shuffled CV on visits and on a time series.

Look at, over 8 seeds: shuffled KFold promises far more than the model delivers on
new patients or on future minutes; GroupKFold and TimeSeriesSplit miss by much less,
in either direction. The two split checks catch the shuffled splits before training.
"""

import numpy as np
from sklearn.model_selection import GroupKFold, KFold, TimeSeriesSplit
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEEDS = range(8)


def patients(rng, n_patients, visits=8):
    """Each patient has a personal baseline (a fingerprint) and one diagnosis."""
    base = rng.normal(size=(n_patients, 8))
    sick = (base[:, 0] + rng.normal(scale=1.5, size=n_patients) > 0).astype(int)
    X = np.repeat(base, visits, axis=0) + rng.normal(
        scale=0.3, size=(n_patients * visits, 8)
    )
    return X, np.repeat(sick, visits), np.repeat(np.arange(n_patients), visits)


def sensor(rng, n_minutes):
    """Machine state holds for long stretches; sensor baselines drift slowly."""
    state = np.repeat(rng.integers(0, 2, n_minutes // 60 + 1), 60)[:n_minutes]
    drift = np.cumsum(rng.normal(scale=0.15, size=(n_minutes, 6)), axis=0)
    X = drift + rng.normal(scale=0.3, size=(n_minutes, 6))
    X[:, 0] = rng.normal(size=n_minutes) + 2.0 * state  # the real signal
    return X, state


def assert_no_group_overlap(splits, groups):
    for train, test in splits:
        shared = np.intersect1d(groups[train], groups[test])
        assert shared.size == 0, f"{shared.size} groups in train and test"


def assert_time_ordered(splits, times):
    for train, test in splits:
        assert times[train].max() < times[test].min(), "training rows after test rows"


def cv_scores(model, X, y, splits):
    return np.array([model.fit(X[tr], y[tr]).score(X[te], y[te]) for tr, te in splits])


def check(assertion, splits, keys):
    try:
        assertion(splits, keys)
        return "passes"
    except AssertionError:
        return f"fails {assertion.__name__}"


model = make_pipeline(StandardScaler(), KNeighborsClassifier(15))
shuffled = KFold(5, shuffle=True, random_state=0)
runs = [
    ("patient visits", "KFold(shuffle=True)", shuffled),
    ("patient visits", "GroupKFold(patient)", GroupKFold(5)),
    ("sensor minutes", "KFold(shuffle=True)", shuffled),
    ("sensor minutes", "TimeSeriesSplit", TimeSeriesSplit(5)),
    ("sensor minutes", "TimeSeriesSplit(gap=60)", TimeSeriesSplit(5, gap=60)),
]
results = {}  # (data, split) -> per seed: CV estimate, accuracy on new rows
for seed in SEEDS:
    rng = np.random.default_rng(seed)
    X, y, patient = patients(rng, 150)
    X_new, y_new, _ = patients(rng, 100)  # patients the model has never seen
    X_ts, y_ts = sensor(rng, 2400)
    minute = np.arange(len(y_ts))
    history, future = slice(0, 1800), slice(1800, None)
    data = {  # rows, labels, split keys, split check, new rows and their labels
        "patient visits": dict(X=X, y=y, keys=patient, check=assert_no_group_overlap,
                               X_new=X_new, y_new=y_new),
        "sensor minutes": dict(X=X_ts[history], y=y_ts[history], keys=minute[history],
                               check=assert_time_ordered,
                               X_new=X_ts[future], y_new=y_ts[future]),
    }  # fmt: skip
    new_rows = {
        name: model.fit(d["X"], d["y"]).score(d["X_new"], d["y_new"])
        for name, d in data.items()
    }
    for name, split, cv in runs:
        d = data[name]
        groups = d["keys"] if isinstance(cv, GroupKFold) else None
        splits = list(cv.split(d["X"], d["y"], groups=groups))
        verdict = check(d["check"], splits, d["keys"])  # runs before any model is fit
        estimate = cv_scores(model, d["X"], d["y"], splits).mean()
        results.setdefault((name, split), []).append(
            (estimate, new_rows[name], verdict)
        )

print(f"mean over {len(SEEDS)} seeds; error = CV estimate minus accuracy on new rows")
print(
    "data            split                    CV   new  error +/- std  |error|  check"
)
errors = {}
for (name, split), rows in results.items():
    cv_est, new, verdicts = zip(*rows, strict=True)
    errors[name, split] = error = np.subtract(cv_est, new)
    print(
        f"{name:<15} {split:<23} {np.mean(cv_est):.2f}  {np.mean(new):.2f}"
        f"  {error.mean():+.2f} +/- {error.std():.2f}"
        f"     {np.abs(error).mean():.2f}  {' '.join(sorted(set(verdicts)))}"
    )

for name, honest in [("patient visits", "GroupKFold(patient)"),
                     ("sensor minutes", "TimeSeriesSplit"),
                     ("sensor minutes", "TimeSeriesSplit(gap=60)")]:  # fmt: skip
    leaky, fair = errors[name, "KFold(shuffle=True)"], errors[name, honest]
    # The failure: shuffled CV promises far more than new rows deliver, every seed.
    assert leaky.min() > 0.15 and leaky.mean() > 3 * leaky.std(), name
    # The fix: the dependency-aware estimate misses by far less, with no bias
    # larger than its seed-to-seed spread.
    assert np.abs(fair).mean() < leaky.mean() - 2 * leaky.std(), honest
    assert abs(fair.mean()) < fair.std(), honest
