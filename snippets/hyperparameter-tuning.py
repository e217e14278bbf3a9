"""Hyperparameter Tuning: grid, random, successive halving and Bayesian search.

Every search gets the same budget (6 settings' worth of 3-fold CV on 300 rows),
the same folds and the same test rows. Compare each search with the defaults, and read
the spread over 3 search seeds before ranking the searches against each other.
"""

import numpy as np
from scipy.stats import loguniform, norm
from sklearn.datasets import make_classification
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import Matern
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import (
    GridSearchCV,
    HalvingRandomSearchCV,
    RandomizedSearchCV,
    StratifiedKFold,
    cross_val_score,
    train_test_split,
)

# Wide data, few informative columns: the default C=1 with an L2 penalty overfits.
X, y = make_classification(
    n_samples=1300,
    n_features=100,
    n_informative=5,
    n_redundant=0,
    flip_y=0.05,
    random_state=0,
)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, train_size=300, random_state=0)
cv = StratifiedKFold(3, shuffle=True, random_state=0)  # the same folds for every search
model = LogisticRegression(solver="liblinear")
space = {"C": loguniform(1e-3, 1e1), "l1_ratio": [0.0, 1.0]}  # strength; L2 or L1
BUDGET = 6  # settings scored with 3-fold CV: 18 fits on 200 rows each


def bayes_search(seed, n_start=3):
    """Model the CV score with a Gaussian process; try the highest expected gain."""
    rng = np.random.default_rng(seed)  # candidates: log10(C) and 0 (L2) or 1 (L1)
    pool = np.column_stack([rng.uniform(-3, 1, 200), rng.integers(0, 2, 200)])
    tried, scores = [], []
    for i in range(BUDGET):
        point = pool[i]  # the first n_start settings are random
        if i >= n_start:  # kernel fixed, not fitted: a few points cannot pin it down
            gp = GaussianProcessRegressor(
                Matern([1.0, 1.0], nu=2.5), alpha=1e-4, normalize_y=True, optimizer=None
            )
            mean, std = gp.fit(tried, scores).predict(pool, return_std=True)
            gain = mean - max(scores)
            z = gain / np.maximum(std, 1e-9)
            point = pool[np.argmax(gain * norm.cdf(z) + std * norm.pdf(z))]
        model.set_params(C=10 ** point[0], l1_ratio=point[1])
        tried.append(point)
        scores.append(cross_val_score(model, X_tr, y_tr, cv=cv).mean())
    best = tried[int(np.argmax(scores))]
    refit = model.set_params(C=10 ** best[0], l1_ratio=best[1]).fit(X_tr, y_tr)
    return max(scores), refit.score(X_te, y_te), 3 * BUDGET, 3 * BUDGET * 200


def run(search):
    """Fit a scikit-learn search; count its CV fits and the rows those fits used."""
    search.fit(X_tr, y_tr)
    n_cands = getattr(search, "n_candidates_", [len(search.cv_results_["params"])])
    n_rows = getattr(search, "n_resources_", [len(X_tr)])  # rows per round
    rows = sum(c * r * 2 for c, r in zip(n_cands, n_rows, strict=True))  # 2/3 x 3
    return search.best_score_, search.score(X_te, y_te), 3 * sum(n_cands), rows


grid = {"C": np.logspace(-3, 1, BUDGET // 2), "l1_ratio": [0.0, 1.0]}
halving = dict(n_candidates=3 * BUDGET, factor=3, min_resources="exhaust", cv=cv)
seeds = range(3)  # the grid has no randomness: one run
searches = {  # name: one (best CV, test accuracy, fits, rows fit) per seed
    "grid: 3 C x 2 penalties": [run(GridSearchCV(model, grid, cv=cv))],
    "random search": [
        run(RandomizedSearchCV(model, space, n_iter=BUDGET, cv=cv, random_state=s))
        for s in seeds
    ],
    "successive halving 18-6-2": [
        run(HalvingRandomSearchCV(model, space, random_state=s, **halving))
        for s in seeds
    ],
    "Bayesian optimization (GP+EI)": [bayes_search(s) for s in seeds],
}
default = LogisticRegression(solver="liblinear").fit(X_tr, y_tr).score(X_te, y_te)
print(
    f"{'mean +/- std over search seeds':30} {'fits':>4} {'rows fit':>8}"
    f"  {'best CV':>14}  {'test accuracy':>14}"
)
print(f"{'defaults: C=1, L2':30} {1:>4} {300:>8}  {'-':>14}  {default:>14.3f}")
tests = []
for name, results in searches.items():
    out = np.array(results)
    tests.append(out[:, 1])
    cv_best, test = out[:, 0], out[:, 1]
    print(
        f"{name:30} {out[0, 2]:>4.0f} {out[0, 3]:>8.0f}"
        f"  {cv_best.mean():.3f} +/- {cv_best.std():.3f}"
        f"  {test.mean():.3f} +/- {test.std():.3f}"
    )
tuned = np.mean([test.mean() for test in tests])
se = np.sqrt(tuned * (1 - tuned) / len(y_te))  # binomial noise of a test accuracy
print(f"standard error of one test accuracy ({len(y_te)} rows): about {se:.3f}")
for test in tests:  # every search beats the defaults by far more than the noise
    assert test.min() > default + 4 * se
spread = max(t.mean() for t in tests) - min(t.mean() for t in tests)
assert spread < 2 * np.sqrt(2) * se  # but the searches are within noise of each other
