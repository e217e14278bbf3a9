"""Transfer Learning: reuse a network trained on a big related task for a 50-row task.

Each column is a target task with 50 labeled rows (10 draws, mean +/- std of test
accuracy). Transfer wins when the source shares the target's structure (sensors) and
loses to raw inputs when its features do not fit the new labels (digits 0-4 -> 5-9).
"""

import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

warnings.simplefilter("ignore", ConvergenceWarning)  # short, fixed training budgets
H = 32  # hidden units in every network


def concepts(X):
    """Three nonlinear facts about a sensor row that both sensor tasks depend on."""
    return X[:, 0] ** 2 + X[:, 1] ** 2 < 0.5, X[:, 2] * X[:, 3] > 0, X[:, 4] > 0.2


rng = np.random.default_rng(0)
X_src = rng.uniform(-1, 1, size=(4000, 8))  # plenty of labels for an old defect ...
ring, same_sign, high = concepts(X_src)
y_src = (ring.astype(int) + same_sign + high >= 2).astype(int)
X_sensors = rng.uniform(-1, 1, size=(2050, 8))  # ... and a new defect, same sensors
ring, same_sign, _ = concepts(X_sensors)
digits, labels = load_digits(return_X_y=True)
digits, low = digits / 16, labels < 5


def logreg():
    return LogisticRegression(solver="newton-cholesky")  # fast on a few rows


def net(seed, **params):
    return MLPClassifier(hidden_layer_sizes=(H,), random_state=seed, **params)


tasks = {  # name: (source network, target inputs, target labels)
    "sensors, 50 labels": (
        net(0, learning_rate_init=0.01, max_iter=50).fit(X_src, y_src),
        X_sensors,
        (ring | same_sign).astype(int),
    ),
    "digits 5-9, 50 labels": (
        net(0, learning_rate_init=0.01, max_iter=100).fit(digits[low], labels[low]),
        digits[~low],
        labels[~low] - 5,
    ),
}


def body(source, X):
    """The source network's hidden ReLU layer: the reusable part."""
    return np.maximum(X @ source.coefs_[0] + source.intercepts_[0], 0)


def fine_tune(source, probe, X, y, seed):
    """Start from the source body and the probed head, then train all weights slowly."""
    model = net(seed, learning_rate_init=1e-3, max_iter=50, n_iter_no_change=50)
    model.set_params(warm_start=True).partial_fit(X, y, classes=np.unique(y))
    model.coefs_[0][:] = source.coefs_[0]
    model.intercepts_[0][:] = source.intercepts_[0]
    model.coefs_[1][:], model.intercepts_[1][:] = probe.coef_.T, probe.intercept_
    return model.fit(X, y)  # warm_start: continue from these weights, none frozen


methods = [
    "scratch: logistic regression",
    "scratch: MLP",
    "frozen body + new head",
    "fine-tune all weights",
]
scores = {name: [] for name in tasks}
for name, (source, X, y) in tasks.items():
    for draw in range(10):
        order = np.random.default_rng(draw).permutation(len(y))
        train = order[:50]
        test = np.setdiff1d(order, train)
        Xtr, ytr, Xte, yte = X[train], y[train], X[test], y[test]
        frozen = logreg().fit(body(source, Xtr), ytr)
        models = [
            (logreg().fit(Xtr, ytr), Xte),
            (net(draw, learning_rate_init=0.01, max_iter=100).fit(Xtr, ytr), Xte),
            (frozen, body(source, Xte)),
            (fine_tune(source, frozen, Xtr, ytr, draw), Xte),
        ]
        scores[name].append([model.score(inputs, yte) for model, inputs in models])

print(f"{'test accuracy, 10 draws':30}" + "".join(f"{name:>23}" for name in tasks))
for i, method in enumerate(methods):
    cells = [np.array(scores[name])[:, i] for name in tasks]
    print(
        f"{method:30}" + "".join(f"{c.mean():>14.3f} +/- {c.std():.3f}" for c in cells)
    )
sensors = np.array(scores["sensors, 50 labels"])
digit = np.array(scores["digits 5-9, 50 labels"])
gain = sensors[:, 2] - sensors[:, :2].max(axis=1)  # frozen vs the better scratch model
hurt = digit[:, 2] - digit[:, 0]
tuned = digit[:, 3] - digit[:, 0]
print(f"sensors: frozen minus best scratch  {gain.mean():+.3f} +/- {gain.std():.3f}")
print(f"digits:  frozen minus logistic      {hurt.mean():+.3f} +/- {hurt.std():.3f}")
print(f"digits:  fine-tune minus logistic   {tuned.mean():+.3f} +/- {tuned.std():.3f}")
assert gain.mean() > 2 * gain.std()  # the transferred body clearly helps here ...
assert hurt.mean() < -2 * hurt.std()  # ... and clearly hurts here: always compare
