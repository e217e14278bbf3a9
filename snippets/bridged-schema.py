"""Bridged Schema: old coarse records, bridged into the new finer schema, add data.

Old rows only know "card"; new rows say credit, debit or gift. Scored on new-schema
rows over 10 seeds: test R^2 and its difference from the static bridge (mean +/- std),
with 150 and 1,500 new rows. "Shares moved": cards split otherwise before the change.
Last, boosted trees learn a payment x fare interaction (10 inputs, 5 seeds).
"""

import os

os.environ["OMP_NUM_THREADS"] = "1"  # boosting uses OpenMP: one thread, same sums

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Ridge

SHARE = np.array([0.3, 0.4, 0.2, 0.1])  # new schema: cash, credit, debit, gift
PAST_SHARE = np.array([0.3, 0.5, 0.2, 0.0])  # before the change: no gift cards yet
EFFECT = np.array([0.0, 2.5, 0.5, -2.5])  # the card subtypes really do tip differently
ONE_HOT = np.eye(4)


def make_rows(rng, weights, n, share=SHARE, interaction=False):
    numeric = rng.normal(size=(n, len(weights)))
    payment = rng.choice(4, size=n, p=share)
    # With the interaction, the subtype effect grows with the fare (input 0).
    effect = EFFECT[payment] * (1 + numeric[:, 0] if interaction else 1)
    return numeric, payment, numeric @ weights + effect + rng.normal(scale=3.0, size=n)


def codings(rng, pay_new, pay_old, pay_test):
    # Each option: how new rows, old rows (card = 1, 2 or 3) and test rows are coded.
    card = pay_old > 0
    split = np.bincount(pay_new, minlength=4)[1:] / np.sum(pay_new > 0)  # new rows only
    static, drawn, mode = (ONE_HOT[pay_old] for _ in range(3))
    static[card] = np.r_[0.0, split]  # the expected one-hot vector
    drawn[card] = ONE_HOT[1 + rng.choice(3, size=card.sum(), p=split)]
    mode[card] = ONE_HOT[1 + np.argmax(split)]

    def roll_up(p):
        return np.c_[p == 0, p > 0].astype(float)

    def fifth(p, is_card):
        return np.c_[ONE_HOT[p] * ~is_card[:, None], is_card]

    new, test = ONE_HOT[pay_new], ONE_HOT[pay_test]
    no_card = np.zeros(len(pay_new), bool)
    return {
        "new rows only": (new, None, test),
        "rolled up to card": (roll_up(pay_new), roll_up(pay_old), roll_up(pay_test)),
        "card kept as 5th value": (
            fifth(pay_new, no_card),
            fifth(pay_old, card),
            fifth(pay_test, np.zeros(len(pay_test), bool)),
        ),
        "impute most frequent": (new, mode, test),
        "bridged, probabilistic": (new, drawn, test),
        "bridged, static": (new, static, test),
    }


def fit_score(model, new, old, test, coding):  # train on the union of new and old rows
    X, y = np.hstack([new[0], coding[0]]), new[2]
    if coding[1] is not None:
        X, y = np.vstack([X, np.hstack([old[0], coding[1]])]), np.r_[y, old[2]]
    return model.fit(X, y).score(np.hstack([test[0], coding[2]]), test[2])


results, pair = {}, ["card kept as 5th value", "bridged, static"]
ridge = Ridge(alpha=1.0, solver="lsqr")
trees = HistGradientBoostingRegressor(max_iter=50, learning_rate=0.2, max_bins=64)
for n_new in (150, 1500):
    for seed in range(10):
        rng = np.random.default_rng(seed)
        weights = rng.normal(size=30)
        # New rows since the change, old rows stored only "card", new-schema test rows.
        new, old, test = (make_rows(rng, weights, n) for n in (n_new, 3000, 3000))
        for name, coding in codings(rng, new[1], old[1], test[1]).items():
            score = fit_score(ridge, new, old, test, coding)
            results.setdefault((name, n_new), []).append(score)
        past = make_rows(rng, weights, 3000, share=PAST_SHARE)
        moved = codings(rng, new[1], past[1], test[1])
        for name, label in zip(pair, ["5th value", "static"], strict=True):
            score = fit_score(ridge, new, past, test, moved[name])
            results.setdefault((f"{label}, shares moved", n_new), []).append(score)

print(f"{'coding (10 seeds)':23} {'150 new rows':>21} {'1500 new rows':>23}")
diffs = {}
for name in [k for k, n in results if n == 150]:
    line = f"{name:23}"
    for n_new in (150, 1500):
        r2 = np.array(results[name, n_new])
        d = diffs[name, n_new] = r2 - np.array(results["bridged, static", n_new])
        line += f"   {r2.mean():.3f} ({d.mean():+.3f}+/-{d.std():.3f})"
    print(line)
boosted = {name: [] for name in pair}
for seed in range(5):
    rng = np.random.default_rng(seed)
    w = rng.normal(size=10)
    new, old, test = (make_rows(rng, w, n, interaction=True) for n in (150, 3000, 2000))
    coded = codings(rng, new[1], old[1], test[1])
    for name in pair:
        boosted[name].append(fit_score(trees, new, old, test, coded[name]))
print("boosted trees, payment x fare (5 seeds, 150 new rows)")
for name in pair:
    d = np.subtract(boosted[name], boosted["bridged, static"])
    print(f"{name:23}   {np.mean(boosted[name]):.3f} ({d.mean():+.3f}+/-{d.std():.3f})")


def clearly_worse(d):  # worse than the static bridge by > 2 std of the difference
    return d.mean() < -2 * d.std()


for name in ["new rows only", "rolled up to card", "impute most frequent"]:
    assert clearly_worse(diffs[name, 150])
assert clearly_worse(diffs["bridged, probabilistic", 150])
assert not clearly_worse(diffs["card kept as 5th value", 150])  # a tie for Ridge
assert diffs["new rows only", 1500].mean() > diffs["new rows only", 150].mean() + 0.03
assert clearly_worse(diffs["static, shares moved", 150])  # wrong shares cost R^2
assert clearly_worse(np.subtract(*boosted.values()))  # trees need the bridge
