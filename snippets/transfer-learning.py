"""Transfer Learning: reuse a network trained on a big related task for a 50-row task.

Each column is a target task with 50 labeled rows (6 draws, mean +/- std of test
accuracy). Transfer wins when the source shares the target's structure (sensors) and
loses to raw inputs when its features do not fit the new labels (digits 0-4 -> 5-9).
"""

import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.dummy import DummyClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, LogisticRegressionCV
from sklearn.neural_network import MLPClassifier
from sklearn.svm import SVC

warnings.simplefilter("ignore", ConvergenceWarning)  # short, fixed training budgets
H, DRAWS = 32, 6  # hidden units in every network; draws of 50 labeled rows


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


def head():
    """A new linear head, its C chosen by 4-fold CV on the 50 target rows only."""
    cv = dict(Cs=[0.3, 3], cv=4, scoring="neg_log_loss", use_legacy_attributes=False)
    return LogisticRegressionCV(**cv, solver="newton-cholesky", l1_ratios=(0,))


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


scores = {name: [] for name in tasks}
for name, (source, X, y) in tasks.items():
    for draw in range(DRAWS):
        order = np.random.default_rng(draw).permutation(len(y))
        Xtr, ytr, Xte, yte = X[order[:50]], y[order[:50]], X[order[50:]], y[order[50:]]
        mlp = net(draw, learning_rate_init=0.01, max_iter=100)  # random weights
        models = {  # name: (model, training inputs, test inputs)
            "scratch: majority class": (DummyClassifier(), Xtr, Xte),
            "scratch: logistic regression": (logreg(), Xtr, Xte),
            "scratch: MLP": (mlp, Xtr, Xte),
            "scratch: RBF SVM": (SVC(), Xtr, Xte),
            "frozen body + new head": (head(), body(source, Xtr), body(source, Xte)),
        }
        row = []
        for model, train_in, test_in in models.values():
            row.append(np.mean(model.fit(train_in, ytr).predict(test_in) == yte))
        probe = models["frozen body + new head"][0]
        row.append(fine_tune(source, probe, Xtr, ytr, draw).score(Xte, yte))
        scores[name].append(row)
methods = [*models, "fine-tune all weights"]
N_SCRATCH = 4  # the first four rows never see the source task

header = "test accuracy, mean +/- std"
print(f"{header:30}" + "".join(f"{name:>23}" for name in tasks))
for i, method in enumerate(methods):
    cells = [np.array(scores[name])[:, i] for name in tasks]
    print(
        f"{method:30}" + "".join(f"{c.mean():>14.3f} +/- {c.std():.3f}" for c in cells)
    )
diffs = {}
for name in tasks:
    table = np.array(scores[name])
    best = table[:, :N_SCRATCH].mean(axis=0).argmax()  # best scratch method on average
    print(f"{name}: best scratch is {methods[best]!r}; paired, mean +/- std")
    for i in (N_SCRATCH, N_SCRATCH + 1):
        d = diffs[name, i] = table[:, i] - table[:, best]  # paired by draw
        print(f"  {methods[i]:28} minus it  {d.mean():+.3f} +/- {d.std():.3f}")
gain = diffs["sensors, 50 labels", N_SCRATCH]
hurt = diffs["digits 5-9, 50 labels", N_SCRATCH]
assert gain.mean() > 2 * gain.std()  # the transferred body clearly helps here ...
assert hurt.mean() < -2 * hurt.std()  # ... and clearly hurts here: always compare
