"""Hyperparameter Tuning: grid, random, successive halving and Bayesian search.

Same budget (6 settings x 3-fold CV), folds, test rows: all beat defaults, none wins."""

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
shape = dict(n_samples=1300, n_features=100, n_informative=5, n_redundant=0)
X, y = make_classification(**shape, flip_y=0.05, random_state=0)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, train_size=300, random_state=0)
cv, *fresh_cvs = [StratifiedKFold(3, shuffle=True, random_state=k) for k in range(4)]
train_folds = [t for t, _ in cv.split(X_tr, y_tr)]  # 200 rows each
model = LogisticRegression(solver="liblinear")
space = {"C": loguniform(1e-3, 1e1), "l1_ratio": [0.0, 1.0]}  # strength; L2 or L1
BUDGET = 6  # settings scored with 3-fold CV: 18 fits on 200 rows each
GP = dict(kernel=Matern([1, 1], nu=2.5), alpha=1e-4, normalize_y=True, optimizer=None)


def bayes_search(seed, n_start=3):  # model the CV score with a Gaussian process
    rng = np.random.default_rng(seed)  # candidates: log10(C) and 0 (L2) or 1 (L1)
    pool = np.column_stack([rng.uniform(-3, 1, 200), rng.integers(0, 2, 200)])
    tried, scores = [], []
    for i in range(BUDGET):
        point = pool[i]  # the first n_start settings are random
        if i >= n_start:  # then the best expected improvement under the GP
            gp = GaussianProcessRegressor(**GP).fit(tried, scores)  # kernel not fitted
            mean, std = gp.predict(pool, return_std=True)
            gain = mean - max(scores)
            z = gain / np.maximum(std, 1e-9)
            point = pool[np.argmax(gain * norm.cdf(z) + std * norm.pdf(z))]
        model.set_params(C=10 ** point[0], l1_ratio=point[1])
        tried.append(point)
        scores.append(cross_val_score(model, X_tr, y_tr, cv=cv).mean())
    log_c, l1_ratio = tried[int(np.argmax(scores))]
    best = {"C": 10**log_c, "l1_ratio": l1_ratio}
    right = model.set_params(**best).fit(X_tr, y_tr).predict(X_te) == y_te
    return max(scores), right, 3 * BUDGET, 3 * BUDGET * 200, ([BUDGET], [300]), best


def run(search):  # fit a search; count its CV fits and the rows those fits used
    search.fit(X_tr, y_tr)
    n_cands = getattr(search, "n_candidates_", [len(search.cv_results_["params"])])
    n_rows = getattr(search, "n_resources_", [len(X_tr)])  # rows per round
    rows = sum(c * r * 2 for c, r in zip(n_cands, n_rows, strict=True))  # 2/3 x 3
    right = search.predict(X_te) == y_te
    fits, rounds = 3 * sum(n_cands), (n_cands, n_rows)
    return search.best_score_, right, fits, rows, rounds, search.best_params_


grid = {"C": np.logspace(-3, 1, BUDGET // 2), "l1_ratio": [0.0, 1.0]}
halving = dict(n_candidates=3 * BUDGET, factor=3, min_resources="exhaust", cv=cv)
searches = {  # name, per seed: best CV, test rows right, fits, rows, rounds, setting
    "grid: 3 C x 2 penalties": [run(GridSearchCV(model, grid, cv=cv))],  # one run
    "random search": [
        run(RandomizedSearchCV(model, space, n_iter=BUDGET, cv=cv, random_state=s))
        for s in range(3)
    ],
    "successive halving 18-6-2": [
        run(HalvingRandomSearchCV(model, space, random_state=s, **halving))
        for s in range(3)
    ],
    "Bayesian optimization (GP+EI)": [bayes_search(s) for s in range(3)],
}
default = LogisticRegression(solver="liblinear").fit(X_tr, y_tr).predict(X_te) == y_te
print("mean +/- std over search seeds fits rows fit         best CV   test accuracy")
print(f"{'defaults: C=1, L2':30} {1:>4} {300:>8}  {'-':>14}  {default.mean():>14.3f}")
right, runs = {}, []  # name: test rows each seed's winner got right; one row per winner
for name, results in searches.items():
    best = np.array([r[0] for r in results])
    right[name] = np.array([r[1] for r in results])
    pm = "{:.3f} (1 run)" if len(results) == 1 else "{:.3f} +/- {:.3f}"
    cells = [pm.format(v.mean(), v.std()) for v in (best, right[name].mean(1))]
    print(f"{name:30} {results[0][2]:>4} {results[0][3]:>8}  {cells[0]:15}  {cells[1]}")
    for best_cv, hits, *_, setting in results:  # selection bias, or 200-row fits?
        winner = LogisticRegression(solver="liblinear", **setting)
        fresh = [cross_val_score(winner, X_tr, y_tr, cv=k).mean() for k in fresh_cvs]
        small = [winner.fit(X_tr[t], y_tr[t]).score(X_te, y_te) for t in train_folds]
        runs.append([best_cv, np.mean(fresh), np.mean(small), hits.mean()])
runs = np.array(
    runs
)  # per winner: best CV, fresh-fold CV, test fit on 200, on 300 rows
why, more = runs.mean(axis=0), runs[:, 3] - runs[:, 2]  # more: paired, per winner
print(f"winners, mean of 10 runs: best CV {why[0]:.3f}, same settings on fresh folds")
print(f"  {why[1]:.3f}; test accuracy fit on 200 rows {why[2]:.3f}, 300 {why[3]:.3f}")
print(f"  300 minus 200 rows: {more.mean():+.3f} +/- {more.std():.3f} (std, paired)")
print(
    f"best CV below test accuracy for {np.sum(runs[:, 0] < runs[:, 3])} of 10 winners"
)
cands, n = searches["successive halving 18-6-2"][0][4]
print(f"halving: {cands} candidates, {n} rows, {[r * 2 // 3 for r in n]} per CV fit")


def paired_interval(a, b):  # bootstrap the test rows: 95% interval of acc(a) - acc(b)
    rows = np.random.default_rng(0).integers(0, len(y_te), (2000, len(y_te)))
    diff = a.mean(axis=0) - b.mean(axis=0)  # per test row, averaged over seeds
    return diff.mean(), *np.percentile(diff[rows].mean(axis=1), [2.5, 97.5])


by_test = sorted(right, key=lambda name: right[name].mean())
gap = paired_interval(right[by_test[-1]], right[by_test[0]])
print(f"best minus worst search, paired bootstrap over the {len(y_te)} test rows:")
print("  {:+.3f} (95% interval {:+.3f} to {:+.3f})".format(*gap))
for name in right:  # every search beats the defaults, paired on the same rows
    assert paired_interval(right[name], default[None, :])[1] > 0.05
assert gap[1] < 0 < gap[2]  # but no search beats another beyond the noise
assert why[2] < why[3] and why[0] - why[1] < why[3] - why[2]  # size bias > selection
