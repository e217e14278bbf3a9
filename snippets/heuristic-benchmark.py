"""Heuristic Benchmark: the same model and rule, a clear win and a tie within the noise.

Each cell is the mean absolute error in minutes (mean +/- std over 5 random splits).
For restaurant delivery the model beats the dispatchers' lookup table by a wide margin;
for store pickup the table already captures what matters and the model adds nothing.
"""

import numpy as np
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import ShuffleSplit

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

names = ["Overall median", "Zone x rush-hour median", "Gradient boosting"]
mae = {}  # (problem, predictor) -> MAE on each split
for problem, y in problems.items():
    runs = {name: [] for name in names}
    for train, test in ShuffleSplit(n_splits=5, test_size=0.25, random_state=0).split(
        X
    ):
        # Every predictor, the rules included, is fit on the training rows only.
        const = DummyRegressor(strategy="median").fit(X[train], y[train])
        table = {k: np.median(y[train][cell[train] == k]) for k in range(10)}
        model = GradientBoostingRegressor(random_state=0).fit(X[train], y[train])
        predictions = [
            const.predict(X[test]),
            np.array([table[k] for k in cell[test]]),
            model.predict(X[test]),
        ]
        for name, pred in zip(names, predictions, strict=True):
            runs[name].append(mean_absolute_error(y[test], pred))
    mae.update({(problem, name): np.array(v) for name, v in runs.items()})


def spread(values, scale=1.0, unit=""):
    return f"{scale * values.mean():.1f}{unit} +/- {scale * values.std():.1f}{unit}"


def row(label, cells):
    print(f"{label:<26}" + "".join(f"{c:>22}" for c in cells))


row("MAE in minutes", problems)
for name in names:
    row(name, [spread(mae[p, name]) for p in problems])
gain = {p: 1 - mae[p, names[2]] / mae[p, names[1]] for p in problems}
row("Model gain over the rule", [spread(gain[p], 100, "%") for p in problems])
MARGIN = 0.10  # the model must cut the rule's error by 10% to pay for itself
ship = {p: gain[p].mean() - 2 * gain[p].std() > MARGIN for p in problems}
row("Clears the 10% bar", ["yes" if ship[p] else "no" for p in problems])

# Delivery: the gain clears the bar by more than two standard deviations.
assert ship["restaurant delivery"]
# Pickup: the model and the rule tie within the split-to-split noise.
pickup = gain["store pickup"]
assert not ship["store pickup"] and abs(pickup.mean()) < 2 * pickup.std()
