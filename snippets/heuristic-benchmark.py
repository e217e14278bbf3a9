"""Heuristic Benchmark: a delivery-time model is judged against the rules it would replace.

The table reports mean absolute error in minutes for the overall median, the
"median per zone" rule dispatchers already use, and the model, with the model's
gain over each rule in percent.
"""

import numpy as np
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(0)
n = 4000
zone = rng.integers(0, 5, n)  # delivery zone 0-4
distance_km = rng.gamma(2.0, 2.0, n)
rush_hour = rng.random(n) < 0.3
items = rng.integers(1, 12, n)
minutes = 12 + 4 * zone + 3.0 * distance_km + 9 * rush_hour + 0.8 * items + rng.normal(0, 6, n)
X = np.column_stack([zone, distance_km, rush_hour, items])
X_train, X_test, y_train, y_test, zone_train, zone_test = train_test_split(
    X, minutes, zone, test_size=0.25, random_state=0
)

# Baseline 1: one number for every order (what a spreadsheet would quote).
dummy = DummyRegressor(strategy="median").fit(X_train, y_train)
# Baseline 2: the domain rule in use today, the median delivery time of the zone.
zone_median = {z: np.median(y_train[zone_train == z]) for z in np.unique(zone_train)}
model = GradientBoostingRegressor(random_state=0).fit(X_train, y_train)

mae = {
    "Overall median (DummyRegressor)": mean_absolute_error(y_test, dummy.predict(X_test)),
    "Median per zone (current rule)": mean_absolute_error(
        y_test, [zone_median[z] for z in zone_test]
    ),
}
model_mae = mean_absolute_error(y_test, model.predict(X_test))
print(f"{'Predictor':<34}{'MAE (min)':>10}{'Model better by':>17}")
for name, rule_mae in mae.items():
    print(f"{name:<34}{rule_mae:>10.1f}{100 * (1 - model_mae / rule_mae):>16.0f}%")
print(f"{'Gradient boosting model':<34}{model_mae:>10.1f}{'-':>17}")

# The model must clearly beat both rules, or it is not worth deploying.
assert model_mae < 0.8 * mae["Overall median (DummyRegressor)"]
assert model_mae < 0.8 * mae["Median per zone (current rule)"]
