"""Bridged Schema: old coarse records, bridged into the new finer schema, add data.

Old rows only know "card"; new rows say credit, debit or gift. Every model is scored
on held-out new-schema rows, over 10 seeds: test R^2, and its difference from the
static bridge (mean +/- std), with 150 and with 1,500 new-schema rows.
"""

import numpy as np
from sklearn.linear_model import Ridge

SHARE = np.array([0.3, 0.4, 0.2, 0.1])  # new schema: cash, credit, debit, gift
EFFECT = np.array([0.0, 2.5, 0.5, -2.5])  # the card subtypes really do tip differently
ONE_HOT = np.eye(4)


def make_rows(rng, weights, n):
    numeric = rng.normal(size=(n, 30))
    payment = rng.choice(4, size=n, p=SHARE)
    y = numeric @ weights + EFFECT[payment] + rng.normal(scale=3.0, size=n)
    return numeric, payment, y


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


results = {}
for n_new in (150, 1500):
    for seed in range(10):
        rng = np.random.default_rng(seed)
        weights = rng.normal(size=30)
        X_new, pay_new, y_new = make_rows(rng, weights, n_new)  # since the change
        X_old, pay_old, y_old = make_rows(rng, weights, 3000)  # stored only "card"
        X_test, pay_test, y_test = make_rows(rng, weights, 3000)  # new schema only
        for name, (new, old, test) in codings(rng, pay_new, pay_old, pay_test).items():
            X = np.hstack([X_new, new])
            y = y_new
            if old is not None:  # train on the union of new and old rows
                X, y = np.vstack([X, np.hstack([X_old, old])]), np.r_[y_new, y_old]
            model = Ridge(alpha=1.0, solver="lsqr").fit(X, y)
            score = model.score(np.hstack([X_test, test]), y_test)
            results.setdefault((name, n_new), []).append(score)

print(f"{'coding (10 seeds)':23} {'150 new rows':>21} {'1500 new rows':>23}")
diffs = {}
for name in [k for k, n in results if n == 150]:
    line = f"{name:23}"
    for n_new in (150, 1500):
        r2 = np.array(results[name, n_new])
        d = diffs[name, n_new] = r2 - np.array(results["bridged, static", n_new])
        line += f"   {r2.mean():.3f} ({d.mean():+.3f}+/-{d.std():.3f})"
    print(line)


def clearly_worse(name, n_new):  # worse than the static bridge by > 2 std of the diff
    d = diffs[name, n_new]
    return d.mean() < -2 * d.std()


for name in ["new rows only", "rolled up to card", "impute most frequent"]:
    assert clearly_worse(name, 150)
assert clearly_worse("bridged, probabilistic", 150)
assert not clearly_worse("card kept as 5th value", 150)  # a tie for a linear model
assert diffs["new rows only", 1500].mean() > diffs["new rows only", 150].mean() + 0.03
