"""Useful Overfitting: an unregularized fit reproduces a deterministic function everywhere.

The input space is a finite grid, so the training set IS the whole space and no
held-out split exists. Compare the worst-case error of the two fits, in meters.
"""

import numpy as np
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, PolynomialFeatures

# A physics lookup table: projectile range for every (speed, angle) on a 41 x 41 grid.
speed = np.linspace(5.0, 45.0, 41)  # m/s
angle = np.linspace(5.0, 85.0, 41)  # degrees
speed_grid, angle_grid = np.meshgrid(speed, angle, indexing="ij")
X = np.column_stack([speed_grid.ravel(), angle_grid.ravel()])
y = X[:, 0] ** 2 * np.sin(2 * np.radians(X[:, 1])) / 9.81  # range in meters

# Same capacity (degree-8 polynomial, 45 terms); only the regularization differs.
models = {
    "no regularization": LinearRegression(),
    "ridge alpha=1.0": Ridge(alpha=1.0),
}
max_error = {}
print(f"grid points (whole input space): {len(X)}, range {y.min():.1f}-{y.max():.1f} m")
for name, regressor in models.items():
    model = make_pipeline(MinMaxScaler(), PolynomialFeatures(degree=8), regressor)
    model.fit(X, y)  # train on every input that will ever be queried
    errors = np.abs(model.predict(X) - y)
    max_error[name] = errors.max()
    print(f"{name:18s} max error {errors.max():6.3f} m, mean {errors.mean():.3f} m")
n_terms = model[1].n_output_features_
print(f"model size: {n_terms} coefficients instead of a {len(X)}-cell table")
print(f"unregularized fit within 1 mm on every grid point: {max_error['no regularization'] < 1e-3}")

# The unregularized fit is exact to a millimeter across the whole space ...
assert max_error["no regularization"] < 1e-3
# ... while the "safe" regularized fit is off by meters somewhere on the grid.
assert max_error["ridge alpha=1.0"] > 1.0
assert max_error["ridge alpha=1.0"] > 100 * max_error["no regularization"]
assert n_terms < len(X) / 10
