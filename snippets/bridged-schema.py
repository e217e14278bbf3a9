"""Bridged Schema: old coarse records, bridged into the new finer schema, add useful data.

Old rows only know "card"; new rows say credit, debit or gift. All models are scored on
held-out new-schema rows: both bridges beat the new rows alone, and the static bridge
also beats rolling the new schema back up to the old one.
"""

import numpy as np
from sklearn.linear_model import Ridge

rng = np.random.default_rng(0)
SUBTYPES = ["credit", "debit", "gift"]  # new schema: cash + 3 card subtypes; old: cash, card
share = np.array([0.3, 0.4, 0.2, 0.1])
effect = np.array([0.0, 2.5, 0.5, -2.5])  # the card subtypes really do behave differently
weights = rng.normal(size=30)


def make_rows(n):
    numeric = rng.normal(size=(n, 30))
    payment = rng.choice(4, size=n, p=share)
    y = numeric @ weights + effect[payment] + rng.normal(scale=3.0, size=n)
    return numeric, payment, y


X_new, pay_new, y_new = make_rows(150)  # collected since the schema changed
X_old, pay_old, y_old = make_rows(3000)  # older records: only "card" was stored
X_test, pay_test, y_test = make_rows(3000)  # evaluate on new-schema rows only
old_is_card = pay_old > 0

# The bridge uses statistics from new data only: how card payments split today.
card_share = np.bincount(pay_new, minlength=4)[1:] / np.sum(pay_new > 0)
one_hot = np.eye(4)
static = one_hot[pay_old]  # static: an old card row becomes the expected one-hot vector
static[old_is_card] = np.r_[0.0, card_share]
probabilistic = one_hot[pay_old]  # probabilistic: draw one subtype per old card row
probabilistic[old_is_card] = one_hot[1 + rng.choice(3, size=old_is_card.sum(), p=card_share)]


def roll_up(payment):  # the lossy alternative: drop the subtype everywhere
    return np.c_[payment == 0, payment > 0].astype(float)


X_both, y_both = np.vstack([X_new, X_old]), np.r_[y_new, y_old]
coded_new, coded_test = one_hot[pay_new], one_hot[pay_test]
options = {
    "new rows only": (X_new, coded_new, y_new, coded_test),
    "rolled up (coarse)": (X_both, roll_up(np.r_[pay_new, pay_old]), y_both, roll_up(pay_test)),
    "bridged, static": (X_both, np.vstack([coded_new, static]), y_both, coded_test),
    "bridged, probabilistic": (X_both, np.vstack([coded_new, probabilistic]), y_both, coded_test),
}
split = ", ".join(f"{s} {p:.2f}" for s, p in zip(SUBTYPES, card_share, strict=True))
print(f"card split in new data: {split}")
r2 = {}
for name, (X, code, y, code_test) in options.items():
    model = Ridge(alpha=1.0).fit(np.hstack([X, code]), y)
    r2[name] = model.score(np.hstack([X_test, code_test]), y_test)
    print(f"{name:24s} test R^2 {r2[name]:.3f}")

assert r2["bridged, static"] > r2["new rows only"] + 0.05
assert r2["bridged, probabilistic"] > r2["new rows only"] + 0.03
assert r2["bridged, static"] > r2["rolled up (coarse)"] + 0.04
