"""Correction Cascade: a model that patches another breaks when the other improves.

Team B corrects team A's risk score for its own loans. Look at: A's upgrade raises A's
AUC, yet B's log loss gets worse until B's corrector is refit on the new score; a
version pin flags the mismatch, and a model on B's own inputs never had it. The
second table shows what that single model gives up when B has fewer loans.
"""

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score

WEIGHTS, SEEDS, SIZES = np.array([1.0, -0.8, 0.6, 0.4]), range(10), (40, 100, 800)


def loans(rng: np.random.Generator, n: int, team: str) -> tuple:
    """x: shared inputs, z: industry risk, w: an input only team B has."""
    x, z, w = rng.normal(size=(n, 4)), rng.normal(size=n), rng.normal(size=n)
    logit = x @ WEIGHTS + z + (0.8 * w - 0.5 if team == "B" else 0.0)
    return x, z, w, (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)


def fit(X: np.ndarray, y: np.ndarray) -> LogisticRegression:
    return LogisticRegression(solver="newton-cholesky").fit(X, y)


def stale_inputs(fitted_on: dict, serving: dict) -> list:
    """Upstream models whose served version differs from the one the model learned."""
    return [name for name, version in fitted_on.items() if serving[name] != version]


rows, by_size = {}, {}
for seed in SEEDS:
    rng = np.random.default_rng(seed)
    xa, za, _, ya = loans(rng, 3000, "A")
    xa_t, za_t, _, ya_t = loans(rng, 3000, "A")
    xb, zb, wb, yb = loans(rng, 800, "B")
    xb_t, zb_t, wb_t, yb_t = loans(rng, 3000, "B")
    a_v1 = fit(xa, ya)  # A v1: industry risk not available yet
    a_v2 = fit(np.c_[xa, za], ya)  # A v2 adds industry risk
    auc_v1 = roc_auc_score(ya_t, a_v1.decision_function(xa_t))
    auc_v2 = roc_auc_score(ya_t, a_v2.decision_function(np.c_[xa_t, za_t]))
    # B's corrector sees A's score plus the inputs B corrects it with.
    train_v1 = np.c_[a_v1.decision_function(xb), zb, wb]
    train_v2 = np.c_[a_v2.decision_function(np.c_[xb, zb]), zb, wb]
    test_v1 = np.c_[a_v1.decision_function(xb_t), zb_t, wb_t]
    test_v2 = np.c_[a_v2.decision_function(np.c_[xb_t, zb_t]), zb_t, wb_t]
    corrector = fit(train_v1, yb)  # pinned: fitted on A v1
    refit = fit(train_v2, yb)  # retrained with A, one pipeline
    single = fit(np.c_[xb, zb, wb], yb)  # no dependency on A
    v1, v2 = {"A": "v1"}, {"A": "v2"}  # which version of A a B model sees
    setups = {  # B model, its test inputs, A's AUC, A learned on, A served
        "corrector on A v1": (corrector, test_v1, auc_v1, v1, v1),
        "corrector after A's upgrade": (corrector, test_v2, auc_v2, v1, v2),
        "corrector refit with A": (refit, test_v2, auc_v2, v2, v2),
        "single model on B's inputs": (single, np.c_[xb_t, zb_t, wb_t], np.nan, {}, v2),
    }
    for n in SIZES:  # the same B models fitted on only the first n of B's loans
        sized = {
            "corrector refit with A": (train_v2, test_v2),
            "stale corrector": (train_v1, test_v2),
            "single model": (np.c_[xb, zb, wb], np.c_[xb_t, zb_t, wb_t]),
        }
        for name, (X_train, X_test) in sized.items():
            p = fit(X_train[:n], yb[:n]).predict_proba(X_test)[:, 1]
            by_size.setdefault(name, {}).setdefault(n, []).append(log_loss(yb_t, p))
    for name, (model, X_test, a_auc, fitted_on, serving) in setups.items():
        p = model.predict_proba(X_test)[:, 1]
        stale = bool(stale_inputs(fitted_on, serving))
        scores = (a_auc, log_loss(yb_t, p), roc_auc_score(yb_t, p), stale)
        rows.setdefault(name, []).append(scores)

print(f"mean +/- std over {len(SEEDS)} seeds; B scored on 3,000 held-out B loans")
print(f"{'B model':<28} {'A AUC':>6} {'B log loss':>16} {'B AUC':>6} {'pin':>6}")
for name, values in rows.items():
    mean, std = np.mean(values, axis=0), np.std(values, axis=0)
    pin = "STALE" if mean[3] == 1 else "ok"
    loss = f"{mean[1]:.3f} +/- {std[1]:.3f}"
    a_auc = "-" if np.isnan(mean[0]) else f"{mean[0]:.3f}"
    print(f"{name:<28} {a_auc:>6} {loss:>16} {mean[2]:>6.3f} {pin:>6}")

print(f"\nB log loss by B's training loans (mean +/- std, {len(SEEDS)} seeds)")
print(f"{'B model':<23}" + "".join(f"{f'n={n}':>17}" for n in SIZES))
for name, losses in by_size.items():
    cells = "".join(f"{np.mean(v):>8.3f} +/- {np.std(v):.3f}" for v in losses.values())
    print(f"{name:<23}{cells}")
gap = {  # paired per seed: what the single model gives up against the refit corrector
    n: np.subtract(by_size["single model"][n], by_size["corrector refit with A"][n])
    for n in SIZES
}
print(
    f"{'single minus refit':<23}"
    + "".join(f"{g.mean():>8.3f} +/- {g.std():.3f}" for g in gap.values())
)

result = {name: np.array(values) for name, values in rows.items()}
before, after = result["corrector on A v1"], result["corrector after A's upgrade"]
a_gain, broken = after[:, 0] - before[:, 0], after[:, 1] - before[:, 1]
repair = after[:, 1] - result["corrector refit with A"][:, 1]
assert a_gain.mean() > 2 * a_gain.std()  # A's upgrade really improves A...
assert broken.mean() > 2 * broken.std()  # ...and hurts B, though B changed nothing
assert repair.mean() > 2 * repair.std()  # refitting B together with A repairs it
stale = [r[:, 3].mean() for r in result.values()]
assert stale == [0, 1, 0, 0]  # the version pin flags exactly the broken setup
# The corrector's edge over a single model grows as B's own data shrinks.
assert gap[40].mean() > gap[100].mean() > gap[800].mean()
assert gap[100].mean() > gap[100].std()
