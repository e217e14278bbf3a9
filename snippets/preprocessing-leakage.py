"""Preprocessing Leakage: feature selection fitted outside cross-validation.

100 samples, 2,000 gene measurements in raw units, a weak real signal. Look at: picking
the 20 "best" genes on all rows before CV promises far more than fresh rows give, and
still scores far above chance when the whole workflow is rerun on shuffled labels;
inside a Pipeline both fall into line. A scaler fitted on all rows barely matters.
"""

from functools import partial

import numpy as np
from sklearn.base import clone
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

GENES, INFORMATIVE, DATASETS = 2000, 50, range(4)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


def samples(rng, unit, n):
    """Expression in raw units (each gene on its own scale); 50 genes shift with y."""
    y = rng.permutation(np.arange(n) % 2)
    z = rng.normal(size=(n, GENES))
    z[:, :INFORMATIVE] += 0.4 * (y[:, None] - 0.5)
    return unit * (2 + 0.3 * z), y


def prefit_then_cv(pipeline, X, y):
    """The leaky workflow: preprocessing fitted once on all rows, then CV."""
    X_prefit = clone(pipeline[:-1]).fit(X, y).transform(X)  # sees every validation fold
    return cross_val_score(clone(pipeline[-1]), X_prefit, y, cv=cv).mean()


def cv_pipeline(pipeline, X, y):
    """The fix: cross-validate the whole Pipeline, so every fold refits every step."""
    return cross_val_score(pipeline, X, y, cv=cv).mean()


def shuffled_label_probe(workflow, X, y, seed=0):
    """Rerun the WHOLE workflow, preprocessing included, on shuffled labels. An honest
    workflow scores at chance (0.5 here); a leaky one stays well above it."""
    return workflow(X, np.random.default_rng(seed).permutation(y))


model = LogisticRegression(solver="liblinear")
steps = {
    "SelectKBest": make_pipeline(StandardScaler(), SelectKBest(f_classif, k=20), model),
    "StandardScaler": make_pipeline(StandardScaler(), model),
}
workflows = {  # name: (how it is run, which step)
    "SelectKBest fit on all rows, then CV": (prefit_then_cv, "SelectKBest"),
    "SelectKBest inside the Pipeline": (cv_pipeline, "SelectKBest"),
    "StandardScaler fit on all rows, then CV": (prefit_then_cv, "StandardScaler"),
    "StandardScaler inside the Pipeline": (cv_pipeline, "StandardScaler"),
}
results = {name: [] for name in workflows}  # (CV estimate, fresh rows, shuffled)
for seed in DATASETS:
    rng = np.random.default_rng(seed)
    unit = np.exp(rng.normal(3, 1.5, size=GENES))  # from under 1 to thousands
    X, y = samples(rng, unit, 100)
    X_fresh, y_fresh = samples(rng, unit, 500)  # a second lab, same genes and units
    # Either way the deployed model is the same: every step fitted on all rows.
    fresh = {k: clone(p).fit(X, y).score(X_fresh, y_fresh) for k, p in steps.items()}
    for name, (run, step) in workflows.items():
        workflow = partial(run, steps[step])
        probe = shuffled_label_probe(workflow, X, y, seed)
        results[name].append((workflow(X, y), fresh[step], probe))
scores = {name: np.array(rows) for name, rows in results.items()}
CV, FRESH, SHUFFLED = 0, 1, 2  # columns of each workflow's scores
LEAKY = "SelectKBest fit on all rows, then CV"
FIXED = "SelectKBest inside the Pipeline"

header = f"workflow (mean +/- std, {len(DATASETS)} datasets)"
print(f"{header:<41} {'CV estimate':>13}  {'fresh rows':>13}  {'shuffled labels':>15}")
for name, rows in scores.items():
    mean, std = rows.mean(axis=0), rows.std(axis=0)
    cells = [f"{m:.2f} +/- {s:.2f}" for m, s in zip(mean, std, strict=True)]
    print(f"{name:<41} {cells[CV]:>13}  {cells[FRESH]:>13}  {cells[SHUFFLED]:>15}")
gap = {  # paired per dataset: the same step fitted before CV minus inside the Pipeline
    step: scores[f"{step} fit on all rows, then CV"][:, CV]
    - scores[f"{step} inside the Pipeline"][:, CV]
    for step in steps
}
cells = [f"{k} {g.mean():+.2f} +/- {g.std():.2f}" for k, g in gap.items()]
print("CV estimate, prefit minus Pipeline: " + ", ".join(cells))

# The leak: selection on all rows promises far more than fresh rows give, every time.
assert (scores[LEAKY][:, CV] - scores[LEAKY][:, FRESH]).min() > 0.15
# The probe catches it: with shuffled labels the leaky workflow stays far above chance,
assert scores[LEAKY][:, SHUFFLED].min() > 0.75
# while every honest workflow falls to chance (0.5) on shuffled labels.
honest = [name for name in workflows if name != LEAKY]
assert all(abs(scores[name][:, SHUFFLED].mean() - 0.5) < 0.1 for name in honest)
# The fix: the Pipeline's estimate is close to what fresh rows give.
assert abs((scores[FIXED][:, CV] - scores[FIXED][:, FRESH]).mean()) < 0.1
# A scaler fitted on all rows moves the estimate by less than 0.02, even on 100 rows.
assert abs(gap["StandardScaler"].mean()) < 0.02
