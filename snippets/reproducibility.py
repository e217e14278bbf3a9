"""Reproducibility: the same code gives a different model until every random source is pinned.

The first five lines compare the weights of repeated training runs: only the runs that pin
the data, split seed, hyperparameters and model seed agree. The last two check the data
against the fingerprint recorded with the run.
"""

import hashlib
import warnings

import numpy as np
from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def fingerprint(X, y):
    """A content hash recorded with the run, so 'the same data' can be checked later."""
    return hashlib.sha256(X.tobytes() + y.tobytes()).hexdigest()


def load_snapshot():
    """Stands in for reading a frozen, versioned extract instead of a live table."""
    return make_classification(n_samples=400, n_features=10, random_state=0)


# Pinned: the data, plus the hyperparameters, batch size and learning-rate schedule.
X, y = load_snapshot()
recorded = fingerprint(X, y)
HYPERPARAMS = dict(
    hidden_layer_sizes=(16,),
    solver="sgd",
    batch_size=32,
    learning_rate="constant",
    learning_rate_init=0.05,
    max_iter=10,
)


def train(split_seed, model_seed):
    """Split, fit and return the learned weights; a seed of None means 'not pinned'."""
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.25, random_state=split_seed)
    model = MLPClassifier(**HYPERPARAMS, random_state=model_seed).fit(X_train, y_train)
    return np.concatenate([w.ravel() for w in model.coefs_])


def all_identical(runs):
    return all(np.array_equal(runs[0], run) for run in runs[1:])


# Three runs each; None lets scikit-learn draw fresh randomness on every call.
unpinned = all_identical([train(None, None) for _ in range(3)])
model_seed_only = all_identical([train(None, 42) for _ in range(3)])
split_seed_only = all_identical([train(7, None) for _ in range(3)])
pinned = all_identical([train(7, 42) for _ in range(3)])
# Two pinned seeds that differ stand in for an upgrade that changes a built-in default seed.
other_seed = all_identical([train(7, 42), train(7, 43)])
# Rebuilding the snapshot matches the record; a table that has grown since does not.
same_data = fingerprint(*load_snapshot()) == recorded
grown_data = fingerprint(np.vstack([X, X[:5]]), np.concatenate([y, y[:5]])) == recorded

print(f"nothing pinned, runs identical:        {unpinned}")
print(f"model seed pinned, split not:          {model_seed_only}")
print(f"split pinned, model seed not:          {split_seed_only}")
print(f"data, split and model seed pinned:     {pinned}")
print(f"pinned, but a different model seed:    {other_seed}")
print(f"data reloaded, fingerprint matches:    {same_data}")
print(f"rows appended, fingerprint matches:    {grown_data}")

assert not unpinned and not model_seed_only and not split_seed_only and not other_seed
assert pinned and same_data and not grown_data
