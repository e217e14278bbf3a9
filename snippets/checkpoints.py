"""Checkpoints: resume a killed run exactly, and choose the checkpoint on held-out data.

A small SGD model stands in for a long run; an epoch is a virtual epoch of 5 steps x 40
rows. The table compares the epochs each policy trains and its accuracy on test rows no
policy chose by, over 10 seeds; tuning the penalty instead takes one run per alpha."""

import tempfile
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

STEPS, BATCH, N_EPOCHS, CRASH_AT = 5, 40, 20, 9  # virtual epoch: 200 examples
SGD = dict(learning_rate="constant", eta0=0.001, alpha=1e-6)
ALPHAS = [1e-6, 0.1, 0.3, 1.0, 3.0, 10.0]  # penalties to tune instead of checkpoints


def make_data(seed, n=200):  # few noisy rows, many columns: training overfits
    X, y = make_classification(
        n + 1200, 300, n_informative=10, n_redundant=0, flip_y=0.1, random_state=seed
    )
    X_tr, X_rest, y_tr, y_rest = train_test_split(X, y, train_size=n, random_state=0)
    return X_tr, y_tr, *train_test_split(X_rest, y_rest, train_size=200, random_state=0)


def epoch_rows(seed, epoch, n):  # seeded per epoch, so a resumed run replays it
    return np.random.default_rng([seed, epoch]).permutation(n)[: STEPS * BATCH]


def train(folder, data, seed, crash_at=None):
    """Run the remaining virtual epochs, starting from the newest checkpoint if any."""
    X_tr, y_tr, X_val, _, y_val, _ = data
    folder.mkdir(exist_ok=True)
    saved = sorted(folder.glob("epoch-*.joblib"))
    if saved:  # the estimator carries its optimizer state: weights and step count t_
        state = joblib.load(saved[-1])
        model, start = state["model"], state["epoch"] + 1
    else:  # shuffle=False: the row order is ours, seeded, so it replays on resume
        model, start = SGDClassifier(shuffle=False, **SGD), 1
    for epoch in range(start, N_EPOCHS + 1):
        if epoch == crash_at:
            raise RuntimeError(f"worker lost during epoch {epoch}")
        rows = epoch_rows(seed, epoch, len(X_tr))
        for step in range(STEPS):
            batch = rows[step * BATCH : (step + 1) * BATCH]
            model.partial_fit(X_tr[batch], y_tr[batch], classes=[0, 1])
        state = {"model": model, "epoch": epoch, "val": model.score(X_val, y_val)}
        joblib.dump(state, folder / "writing.tmp")  # write, then rename: never torn
        (folder / "writing.tmp").replace(folder / f"epoch-{epoch:03d}.joblib")
    return model, N_EPOCHS + 1 - start


def replay(data, seed, alpha):
    """All the epochs in one partial_fit call: train()'s rows and order, no files."""
    epochs = range(1, N_EPOCHS + 1)
    rows = np.concatenate([epoch_rows(seed, epoch, len(data[0])) for epoch in epochs])
    model = SGDClassifier(shuffle=False, **{**SGD, "alpha": alpha})
    return model.partial_fit(data[0][rows], data[1][rows], classes=[0, 1])


acc = {k: [] for k in ("last", "best", "restart", "tuned", "stopped", "stop_epochs")}
with tempfile.TemporaryDirectory() as tmp:
    for seed in range(10):
        data = make_data(seed)
        X_tr, y_tr, X_val, X_test, y_val, y_test = data
        folder = Path(tmp, f"seed-{seed}")
        try:
            train(folder, data, seed, crash_at=CRASH_AT)
        except RuntimeError:
            resumed, ran = train(folder, data, seed)  # from epoch-008.joblib
        assert ran == N_EPOCHS - CRASH_AT + 1  # no finished epoch redone
        if seed == 0:  # an uninterrupted run in a fresh folder ends identical
            straight, _ = train(Path(tmp, "straight"), data, seed)
            assert np.array_equal(straight.coef_, resumed.coef_)
            assert straight.t_ == resumed.t_ == N_EPOCHS * STEPS * BATCH + 1
            note = "coefficients identical to an uninterrupted run"
            print(f"seed 0: resumed at epoch {CRASH_AT}, ran {ran} epochs,", note)
        states = [joblib.load(path) for path in sorted(folder.glob("epoch-*"))]
        chosen = max(states, key=lambda state: state["val"])  # on validation rows
        acc["last"].append(states[-1]["model"].score(X_test, y_test))
        acc["best"].append(chosen["model"].score(X_test, y_test))
        # Restart from scratch after the crash: the same 20 epochs again, from epoch 1.
        runs = {alpha: replay(data, seed, alpha) for alpha in ALPHAS}
        assert np.allclose(runs[1e-6].coef_, resumed.coef_, rtol=0, atol=1e-9)
        acc["restart"].append(runs[1e-6].score(X_test, y_test))
        # Or regularize: one run per alpha, the best on validation rows kept.
        alpha = max(ALPHAS, key=lambda a: runs[a].score(X_val, y_val))
        acc["tuned"].append(runs[alpha].score(X_test, y_test))
        # Built-in early stopping splits off 200 rows, stops 5 epochs after its best.
        early = SGDClassifier(
            early_stopping=True, validation_fraction=0.5, random_state=seed, **SGD
        ).fit(np.vstack([X_tr, X_val]), np.concatenate([y_tr, y_val]))
        acc["stopped"].append(early.score(X_test, y_test))
        acc["stop_epochs"].append(early.n_iter_)  # passes over its 200 training rows
    # The data grows by half: still 200 examples per virtual epoch, same step counts.
    grown, _ = train(Path(tmp, "grown"), make_data(0, n=300), 0)
    assert grown.t_ == straight.t_
seen = int(grown.t_ - 1)
print(f"after {N_EPOCHS} virtual epochs: {seen} examples on 200 or 300 rows")
print(f"after {N_EPOCHS} full passes:    {N_EPOCHS * 200} vs {N_EPOCHS * 300} examples")
last, best, restart, tuned, stopped, stop_epochs = (np.array(v) for v in acc.values())
print(f"{'10 seeds, crash in epoch 9':36} {'epochs':>6}  test accuracy")
rows = [
    ("restart from scratch, keep last", N_EPOCHS + CRASH_AT - 1, restart),
    ("resume from checkpoint, keep last", N_EPOCHS, last),
    ("resume, keep best-on-validation", N_EPOCHS, best),
    (f"tuned alpha ({len(ALPHAS)} runs), keep last", N_EPOCHS * len(ALPHAS), tuned),
    ("early_stopping=True, no files", stop_epochs.mean(), stopped),
]
for name, epochs, score in rows:
    print(f"{name:36} {epochs:>6.1f}  {score.mean():.3f} +/- {score.std():.3f}")
others = {"last": last, "tuned alpha": tuned, "early stopping": stopped}
for name, other in others.items():
    diff = best - other
    print(f"best-on-validation minus {name:15} {diff.mean():+.3f} +/- {diff.std():.3f}")
assert (best - last).mean() > 2 * (best - last).std()  # clears the seed-to-seed spread
assert abs((best - tuned).mean()) < 2 * (best - tuned).std()  # a tie with tuning alpha
