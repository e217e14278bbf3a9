"""Direct Feedback Loop: a recommender that learns only from its own picks stays wrong.

Each round the model picks 4 items of a growing catalog, logs clicks and retrains on
item attributes plus a per-item term. Look at: without exploration the model rarely
picks the best new items and underrates them, even though attributes let it score any
item; a 5% random slice pays its cost and serves a better slate.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression

START = 10  # items in the catalog at launch
NEW = 5  # items added every round
SLOTS = 4  # items on the home page
ROUNDS = 10  # retrains after launch
VISITS = 40_000  # page views per round
LAUNCH = 200  # launch-week views of each starting item, all shown at random
TOTAL = START + NEW * ROUNDS  # items live by the last round
SEEDS = range(20)  # repeats with fresh items and click rates
EXPLORE = 0.05  # share of views in the random exploration slice
WEIGHTS = np.array([0.4, 0.3, -0.3])  # true effect of 3 item attributes on appeal


def never_shown_share(impressions: np.ndarray) -> float:
    """Share of live items with no impressions (so no labels) since they went live."""
    return float(np.mean(impressions == 0))


def fit(items, shows, clicks, live) -> LogisticRegression:
    # One row per (item, outcome) weighted by its count: same fit as one row per view.
    X, y = np.vstack([items[:live]] * 2), np.r_[np.ones(live), np.zeros(live)]
    weight = np.r_[clicks[:live], shows[:live] - clicks[:live]]
    keep = weight > 0
    model = LogisticRegression(C=10.0, solver="newton-cholesky")
    return model.fit(X[keep], y[keep], sample_weight=weight[keep])


def simulate(items, ctr, explore, weighted, rng) -> tuple:
    shows, clicks = np.zeros(TOTAL), np.zeros(TOTAL)
    shows[:START] = LAUNCH  # launch week: every item shown at random
    clicks[:START] = rng.binomial(LAUNCH, ctr[:START])
    live, served, picked = START, [], np.zeros(TOTAL, bool)
    model = fit(items, shows, clicks, live)
    for _ in range(ROUNDS):
        live += NEW  # new items join the catalog every round
        picks = np.argsort(items[:live] @ model.coef_[0])[-SLOTS:]  # top predicted CTR
        picked[picks] = True
        random_views = int(VISITS * explore)  # the slice the model does not decide
        views = np.zeros(TOTAL, int)
        views[picks] += (VISITS - random_views) // SLOTS
        views[:live] += np.bincount(
            rng.integers(live, size=random_views), minlength=live
        )
        seen = views > 0
        # Logged propensity: the share of views each item gets under this policy.
        propensity = np.zeros(TOTAL)
        propensity[picks] += (1 - explore) / SLOTS
        propensity[:live] += explore / live
        # Inverse-propensity weights count every live item as if shown uniformly.
        weight = 1 / (live * propensity[seen]) if weighted else 1.0
        shows[seen] += views[seen] * weight
        clicks[seen] += rng.binomial(views[seen], ctr[seen]) * weight
        served.append(views @ ctr / views.sum())  # expected CTR of what users saw
        model = fit(items, shows, clicks, live)
    best = np.sort(ctr[:live])[-SLOTS:].mean()
    good = np.flatnonzero(ctr[START:] >= np.quantile(ctr[START:], 0.8)) + START
    predicted = model.predict_proba(items[good])[:, 1]
    rated = np.exp(np.mean(np.log(predicted / ctr[good])))  # predicted / true CTR
    row = (np.mean(served[-3:]) / best, picked[good].mean(), rated)
    return (*row, never_shown_share(shows[:live])), model.coef_[0, :3]


variants = {
    "retrain on own clicks": (0.0, False),
    "5% exploration slice": (EXPLORE, False),
    "5% slice, IPS-weighted": (EXPLORE, True),
}
results = {name: [] for name in variants}
learned = {name: [] for name in variants}
for seed in SEEDS:
    rng = np.random.default_rng(seed)
    attrs = rng.normal(size=(TOTAL, 3))  # e.g. price, rating, shipping time
    items = np.hstack([attrs, np.eye(TOTAL)])  # model features: attributes + item id
    logit = -3.0 + attrs @ WEIGHTS + rng.normal(0, 0.7, TOTAL)  # + what attrs miss
    ctr = 1 / (1 + np.exp(-logit))  # true click rates
    for name, (explore, weighted) in variants.items():
        sim_rng = np.random.default_rng(seed + 99)
        row, coef = simulate(items, ctr, explore, weighted, sim_rng)
        results[name].append(row)
        learned[name].append(coef)

print(f"mean +/- std over {len(SEEDS)} seeds, last 3 of {ROUNDS} rounds", end="")
print("; good = top 20% of new items by true CTR")
cols = ("variant", "CTR / best slate", "good new picked", "good rated", "never shown")
print(f"{cols[0]:<23} {cols[1]:>16}  {cols[2]:>15}  {cols[3]:>10}  {cols[4]:>11}")
for name, rows in results.items():
    mean, std = np.mean(rows, axis=0), np.std(rows, axis=0)
    cells = f"{mean[0]:.3f} +/- {std[0]:.3f}  {mean[1]:>15.0%}  {mean[2]:>10.0%}"
    print(f"{name:<23} {cells:>16}  {mean[3]:>11.0%}")
true = ", ".join(f"{w:+.2f}" for w in WEIGHTS)
print(f"attribute-weight error, mean |learned - true| (true {true}):")
errors = {n: np.abs(np.array(c) - WEIGHTS).mean(axis=1) for n, c in learned.items()}
for name, error in errors.items():
    print(f"  {name:<23} {error.mean():.3f} +/- {error.std():.3f}")

loop = np.array(results["retrain on own clicks"])
fixed = np.array(results["5% exploration slice"])
gain = fixed[:, 0] - loop[:, 0]
wins = int(np.sum(gain > 0))
print(f"exploration's CTR gain: {gain.mean():.3f} +/- {gain.std():.3f}, ", end="")
print(f"positive in {wins} of {len(SEEDS)} seeds")
assert loop[:, 1].mean() < 0.5 * fixed[:, 1].mean()  # the loop misses good new items
assert loop[:, 2].mean() < 0.75 < fixed[:, 2].mean()  # and underrates them,
worse = errors["retrain on own clicks"] > errors["5% exploration slice"]
assert worse.mean() >= 0.75  # with attribute weights further off on most seeds
low, high = loop[:, 3].min(), loop[:, 3].max()
print(f"never shown without exploration: {low:.0%} to {high:.0%} of items across seeds")
assert loop[:, 3].min() > 0.5  # check flags the loop: most items never got a label
assert gain.mean() > 3 * gain.std() / np.sqrt(len(SEEDS))  # gain clears 3 SE
