"""Transfer Learning: reuse a hidden layer trained on a big related task for a small one.

Each row compares three models trained on the same 50 target labels; the frozen
representation from the 4000-row source task beats both from-scratch models.
"""

import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

rng = np.random.default_rng(0)


def fit_quietly(model, X, y):
    """Fit with a short, fixed budget; the convergence warning is expected here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X, y)


def concepts(X):
    """Three nonlinear facts about a row that both tasks depend on."""
    in_ring = X[:, 0] ** 2 + X[:, 1] ** 2 < 0.5
    same_sign = X[:, 2] * X[:, 3] > 0
    high = X[:, 4] > 0.2
    return in_ring, same_sign, high


# Source task: plenty of labels for "at least two of the three facts hold".
X_source = rng.uniform(-1, 1, size=(4000, 8))
in_ring, same_sign, high = concepts(X_source)
y_source = (in_ring.astype(int) + same_sign + high >= 2).astype(int)
# Target task: a different label over the same inputs, "in ring OR same sign".
X_target = rng.uniform(-1, 1, size=(2050, 8))
in_ring, same_sign, _ = concepts(X_target)
y_target = (in_ring | same_sign).astype(int)

source_net = MLPClassifier(
    hidden_layer_sizes=(32,), learning_rate_init=0.01, max_iter=100, random_state=0
)
fit_quietly(source_net, X_source, y_source)


def frozen_features(X):
    """The source network's hidden ReLU layer, reused unchanged."""
    return np.maximum(X @ source_net.coefs_[0] + source_net.intercepts_[0], 0)


scores = []
print("draw  scratch-logreg  scratch-mlp  transfer   (50 labeled target rows)")
for draw in range(3):
    order = np.random.default_rng(draw).permutation(len(X_target))
    train, test = order[:50], order[50:]
    logreg = LogisticRegression().fit(X_target[train], y_target[train])
    mlp = MLPClassifier(hidden_layer_sizes=(32,), learning_rate_init=0.01, random_state=0)
    fit_quietly(mlp, X_target[train], y_target[train])
    head = LogisticRegression(C=10).fit(frozen_features(X_target[train]), y_target[train])
    row = [
        logreg.score(X_target[test], y_target[test]),
        mlp.score(X_target[test], y_target[test]),
        head.score(frozen_features(X_target[test]), y_target[test]),
    ]
    scores.append(row)
    print(f"{draw:4d}  {row[0]:14.3f}  {row[1]:11.3f}  {row[2]:8.3f}")
mean_logreg, mean_mlp, mean_transfer = np.mean(scores, axis=0)
print(f"mean  {mean_logreg:14.3f}  {mean_mlp:11.3f}  {mean_transfer:8.3f}")

assert all(row[2] > max(row[0], row[1]) for row in scores)  # wins on every draw
assert mean_transfer >= max(mean_logreg, mean_mlp) + 0.06
