"""Hidden Feedback Loop: a recommender that learns only from its own picks never learns.

Each round the model picks 4 items of a growing catalog, logs clicks and retrains.
Look at: without exploration new items are almost never shown, so the slate falls
behind the best one; a 10% random slice pays its cost and still serves a better slate.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

START, NEW, SLOTS, ROUNDS, VISITS, LAUNCH = 10, 5, 4, 10, 40_000, 200
TOTAL, SEEDS = START + NEW * ROUNDS, range(20)
ITEM = np.eye(TOTAL)  # one-hot item id: the model's only feature


def unexposed_share(impressions: np.ndarray) -> float:
    """Share of live items that got no impressions (so no labels) in the last round."""
    return float(np.mean(impressions == 0))


def fit(shows: np.ndarray, clicks: np.ndarray, live: int) -> LogisticRegression:
    # One row per (item, outcome) weighted by its count: same fit as one row per view.
    X, y = np.vstack([ITEM[:live]] * 2), np.r_[np.ones(live), np.zeros(live)]
    weight = np.r_[clicks[:live], shows[:live] - clicks[:live]]
    keep = weight > 0
    model = LogisticRegression(C=10.0, solver="newton-cholesky")
    return model.fit(X[keep], y[keep], sample_weight=weight[keep])


def simulate(ctr: np.ndarray, explore: float, rng: np.random.Generator) -> tuple:
    shows = np.zeros(TOTAL, int)
    shows[:START] = LAUNCH  # launch week: every item shown at random
    clicks = rng.binomial(shows, ctr)
    live, served = START, []
    model = fit(shows, clicks, live)
    for _ in range(ROUNDS):
        live += NEW  # new items join the catalog every round
        picks = np.argsort(model.predict_proba(ITEM[:live])[:, 1])[-SLOTS:]
        random_views = int(VISITS * explore)  # the slice the model does not decide
        views = np.zeros(TOTAL, int)
        views[picks] += (VISITS - random_views) // SLOTS
        views[:live] += np.bincount(
            rng.integers(live, size=random_views), minlength=live
        )
        shows, clicks = shows + views, clicks + rng.binomial(views, ctr)
        served.append(views @ ctr / views.sum())  # expected CTR of what users saw
        model = fit(shows, clicks, live)
    best = np.sort(ctr[:live])[-SLOTS:].mean()
    new_shown = np.mean(shows[START:] > 0)
    return np.mean(served[-3:]) / best, new_shown, unexposed_share(views[:live])


variants = {"retrain on own clicks": 0.0, "10% exploration slice": 0.1}
results = {name: [] for name in variants}
for seed in SEEDS:
    rng = np.random.default_rng(seed)
    ctr = 1 / (1 + np.exp(-rng.normal(-3.0, 0.5, size=TOTAL)))  # true click rates
    for name, explore in variants.items():
        results[name].append(simulate(ctr, explore, np.random.default_rng(seed + 99)))

print(f"mean +/- std over {len(SEEDS)} seeds, last 3 of {ROUNDS} rounds")
columns = ("variant", "CTR / best slate", "new items shown", "unexposed")
print(f"{columns[0]:<22} {columns[1]:>16} {columns[2]:>16} {columns[3]:>10}")
for name, rows in results.items():
    mean, std = np.mean(rows, axis=0), np.std(rows, axis=0)
    ctr = f"{mean[0]:.3f} +/- {std[0]:.3f}"
    print(f"{name:<22} {ctr:>16} {mean[1]:>16.0%} {mean[2]:>10.0%}")

loop = np.array(results["retrain on own clicks"])
fixed = np.array(results["10% exploration slice"])
gain = fixed[:, 0] - loop[:, 0]
wins = int(np.sum(gain > 0))
print(f"exploration's CTR gain: {gain.mean():.3f} +/- {gain.std():.3f}, ", end="")
print(f"positive in {wins} of {len(SEEDS)} seeds")
assert loop[:, 1].mean() < 0.05  # the loop almost never shows a new item
assert fixed[:, 1].min() == 1.0  # the slice gives every new item some labels
assert loop[:, 2].min() > 0.9  # check flags the loop: >90% of items got no impressions
assert wins == len(SEEDS)  # better on every seed, after paying for the slice
