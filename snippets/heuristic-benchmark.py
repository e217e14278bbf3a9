"""Heuristic Benchmark: the strongest simple rule, not the weakest, decides.

Each MAE cell is minutes, mean +/- std over 5-fold CV repeated twice. Gains carry the
Nadeau-Bengio corrected standard error, since the folds share training rows. Look at
delivery: the model beats the lookup table easily, barely beats the table plus a km
term, and loses to the table plus km and basket-size terms.
"""

import numpy as np
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import RepeatedKFold

rng = np.random.default_rng(0)
n = 2000
zone = rng.integers(0, 5, n)  # delivery zone 0-4
rush = rng.random(n) < 0.3  # ordered during rush hour
km = rng.gamma(2.0, 2.0, n)  # distance
items = rng.integers(1, 12, n)  # basket size
noise = rng.normal(0, 6, n)
X = np.column_stack([zone, rush, km, items])
problems = {  # minutes; pickup waits barely depend on distance or basket size
    "restaurant delivery": 12 + 4 * zone + 9 * rush + 3.0 * km + 0.8 * items + noise,
    "store pickup": 10 + 4 * zone + 9 * rush + 0.3 * km + 0.2 * items + noise,
}
cell = 2 * zone + rush  # the rule's lookup key: one of 10 (zone, rush hour) cells
TABLE, KM_RULE = "Zone x rush-hour median", "Table + minutes per km"
FULL_RULE = "Table + per km + per item"
names = ["Overall median", TABLE, KM_RULE, FULL_RULE, "Gradient boosting"]
folds = RepeatedKFold(n_splits=5, n_repeats=2, random_state=0)

mae, pace = {}, {}  # (problem, predictor) -> MAE per fold; problem -> rates per fold
for problem, y in problems.items():
    runs, pace[problem] = {name: [] for name in names}, []
    for train, test in folds.split(X):
        # Every predictor, the rules included, is fit on the training rows only.
        const = DummyRegressor(strategy="median").fit(X[train], y[train])
        table = np.array([np.median(y[train][cell[train] == k]) for k in range(10)])
        # The km rule: one slope, minutes per km away from the typical distance.
        km_mid = np.median(km[train])
        left = y[train] - table[cell[train]]  # what the table leaves unexplained
        slope = np.polyfit(km[train] - km_mid, left, 1)[0]
        # The full rule: minutes per km and minutes per item, fitted together.
        mid = np.median(X[train][:, 2:], axis=0)  # typical distance and basket size
        rates = np.linalg.lstsq(X[train][:, 2:] - mid, left, rcond=None)[0]
        pace[problem].append([slope, *rates])
        model = GradientBoostingRegressor(
            n_estimators=50, learning_rate=0.2, random_state=0
        ).fit(X[train], y[train])
        predictions = [
            const.predict(X[test]),
            table[cell[test]],
            table[cell[test]] + slope * (km[test] - km_mid),
            table[cell[test]] + (X[test][:, 2:] - mid) @ rates,
            model.predict(X[test]),
        ]
        for name, pred in zip(names, predictions, strict=True):
            runs[name].append(mean_absolute_error(y[test], pred))
    mae.update({(problem, name): np.array(v) for name, v in runs.items()})

J, TEST_SHARE = 10, 1 / 5  # folds; test rows / all rows
N_TEST_OVER_N_TRAIN = TEST_SHARE / (1 - TEST_SHARE)


def corrected_se(values):  # Nadeau & Bengio (2003): training sets overlap
    return np.sqrt((1 / J + N_TEST_OVER_N_TRAIN) * values.var(ddof=1))


def row(label, cells):
    print(f"{label:<27}" + "".join(f"{c:>22}" for c in cells))


def pm(mean, sd, scale=1, unit=""):
    return f"{scale * mean:.1f}{unit} +/- {scale * sd:.1f}{unit}"


MARGIN = 0.10  # the model must cut the rule's error by 10% to pay for itself
row("MAE min, mean +/- std", problems)
for name in names:
    row(name, [pm(mae[p, name].mean(), mae[p, name].std()) for p in problems])
rate = {p: np.mean(pace[p], axis=0) for p in problems}  # per km; per km, per item
row("  km rule: min per km", [f"{rate[p][0]:.1f}" for p in problems])
row(
    "  full: per km, per item",
    [f"{rate[p][1]:.1f}, {rate[p][2]:.1f}" for p in problems],
)
print("Model gain, +/- corrected SE")
gain, ship = {}, {}  # gain: 1 - model MAE / rule MAE, per fold
for rule, label in [(TABLE, "table"), (KM_RULE, "table + km"), (FULL_RULE, "full")]:
    for p in problems:
        g = gain[p, rule] = 1 - mae[p, "Gradient boosting"] / mae[p, rule]
        ship[p, rule] = g.mean() - 2 * corrected_se(g) > MARGIN
    row(
        f"  over {label} rule",
        [
            pm(gain[p, rule].mean(), corrected_se(gain[p, rule]), 100, "%")
            for p in problems
        ],
    )
    row("  clears the 10% bar", ["yes" if ship[p, rule] else "no" for p in problems])
g = gain["restaurant delivery", KM_RULE]
print(
    f"delivery gain over table + km: naive SE {100 * g.std(ddof=1) / np.sqrt(J):.1f}%,"
    f" corrected SE {100 * corrected_se(g):.1f}%"
)

# Delivery: the model clears the bar against the table but not against the km rule.
assert ship["restaurant delivery", TABLE] and not ship["restaurant delivery", KM_RULE]
# Pickup: the model and the table tie within the noise.
pickup = gain["store pickup", TABLE]
assert not ship["store pickup", TABLE] and abs(pickup.mean()) < 2 * corrected_se(pickup)
# Against the km rule the delivery gain is real (above zero), just under the bar.
assert g.mean() - 2 * corrected_se(g) > 0
# Add minutes per item and the rule beats the model on delivery: the gain is negative.
full = gain["restaurant delivery", FULL_RULE]
assert full.mean() + 2 * corrected_se(full) < 0
