"""Unmonitored Model: a model nobody watches decays for months without a single error.

Twenty weeks of 500 scored rows; drift starts in week 8, labels arrive 2 weeks late.
Look at: with no monitoring nothing fires while accuracy collapses; the input check
sees only input drift, the accuracy check sees both, and together they alert early.
"""

import numpy as np
from scipy.stats import ks_2samp
from sklearn.linear_model import LogisticRegression

WEEKS = 20  # weeks scored after deployment
ONSET = 8  # first week with drift
ROWS = 500  # rows scored per week
LABEL_DELAY = 2  # weeks until a week's labels arrive
SEEDS = range(10)


def week(rng: np.random.Generator, index: int, kind: str, n: int = ROWS) -> tuple:
    drift = max(0, index - ONSET + 1)  # weeks since the drift began
    X = rng.normal(size=(n, 3))
    if kind == "input drift":
        X[:, 0] += 0.25 * drift  # customers move to where the model is wrong
    slope = 1.0 - 0.3 * drift if kind == "concept drift" else 1.0  # new rule
    logit = 2 * X[:, 0] - 0.8 * X[:, 0] ** 2 + slope * X[:, 1] - 0.5 * X[:, 2] + 0.5
    return X, (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)


def input_drift(reference: np.ndarray, batch: np.ndarray, alpha=0.001) -> bool:
    """Two-sample KS test on every column, Bonferroni-corrected for the column count."""
    pvalues = ks_2samp(reference, batch, axis=0, method="asymp").pvalue
    return bool(pvalues.min() < alpha / reference.shape[1])


def accuracy_drop(baseline: float, window_accuracy: float, n: int, z=3.0) -> bool:
    """Alert when a window falls more than z binomial standard errors below baseline."""
    return window_accuracy < baseline - z * np.sqrt(baseline * (1 - baseline) / n)


monitors = [
    "no monitoring",
    "input drift check (KS)",
    "windowed accuracy",
    "drift + accuracy monitor",
]
delays = {  # (monitor, kind of drift) -> weeks served before the first alert, per seed
    (monitor, kind): []
    for monitor in monitors
    for kind in ("input drift", "concept drift")
}
false_alarms, checks = dict.fromkeys(monitors, 0), dict.fromkeys(monitors, 0)
start_end = []
for seed in SEEDS:
    for kind in ("input drift", "concept drift"):
        rng = np.random.default_rng(seed)
        X_train, y_train = week(rng, 0, kind, 3000)
        X_val, y_val = week(rng, 0, kind, 3000)
        model = LogisticRegression(solver="newton-cholesky").fit(X_train, y_train)
        baseline = np.mean(model.predict(X_val) == y_val)
        first = dict.fromkeys(monitors)
        accuracy = {}
        for now in range(1, WEEKS + 1):
            X, y = week(rng, now, kind)
            # Known only LABEL_DELAY weeks later, when this week's labels arrive.
            accuracy[now] = np.mean(model.predict(X) == y)
            labelled = now - LABEL_DELAY  # the newest week whose labels are in
            # Each check ran this week on the data of one week: (that week, alert).
            ks = [(now, input_drift(X_train, X))]
            acc = []
            if labelled >= 1:
                drop = accuracy_drop(baseline, accuracy[labelled], ROWS)
                acc = [(labelled, drop)]
            checks_run = {
                "no monitoring": [],
                "input drift check (KS)": ks,
                "windowed accuracy": acc,
                "drift + accuracy monitor": ks + acc,
            }
            for monitor, results in checks_run.items():
                for data_week, alert in results:
                    if data_week < ONSET:  # a check on healthy data: count it
                        checks[monitor] += 1
                        false_alarms[monitor] += alert
                    elif alert and first[monitor] is None:  # credited to drifted data
                        first[monitor] = now
        for monitor in monitors:  # weeks of drift served before the first alert
            delays[monitor, kind].append((first[monitor] or WEEKS + 1) - ONSET)
        start_end.append((baseline, accuracy[WEEKS]))

drift_weeks = WEEKS - ONSET + 1
print(f"weeks of drift served before the first alert ({drift_weeks} = never), ", end="")
print(f"mean +/- std over {len(SEEDS)} seeds")
header = f"{'input drift':>12} {'concept drift':>14} {'false alarms / checks':>22}"
print(f"{'monitor':<25} {header}")
for monitor in monitors:
    per_kind = [delays[monitor, kind] for kind in ("input drift", "concept drift")]
    cells = [f"{np.mean(v):.1f} +/- {np.std(v):.1f}" for v in per_kind]
    n_checks = checks[monitor]
    alarms = f"{false_alarms[monitor]} / {n_checks}" if n_checks else "no checks"
    print(f"{monitor:<25} {cells[0]:>12} {cells[1]:>14} {alarms:>22}")
start, end = np.mean(start_end, axis=0)
print(f"accuracy at deployment {start:.2f}, in week {WEEKS} {end:.2f}: no error raised")

delay = {key: np.array(values) for key, values in delays.items()}
never = drift_weeks
ks_monitor, acc_monitor = "input drift check (KS)", "windowed accuracy"
assert start - end > 0.15  # the silent failure is real
assert delay["no monitoring", "input drift"].min() == never  # and nobody notices
assert delay[ks_monitor, "input drift"].max() <= 1  # inputs: caught at once
assert delay[ks_monitor, "concept drift"].mean() > never - 2  # blind to concept drift
assert delay[acc_monitor, "concept drift"].max() <= 8  # labels catch concept drift
assert false_alarms[acc_monitor] <= 0.02 * checks[acc_monitor]  # rare false alarms
