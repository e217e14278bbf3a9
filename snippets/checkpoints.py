"""Checkpoints: resume a killed run exactly, and choose the checkpoint on held-out data.

A small SGD model, its step size decaying with its step count t_, stands in for a long
run of virtual epochs (5 steps x 40 rows). Table: epochs and test accuracy, 10 seeds."""

import shutil
import tempfile
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

STEPS, BATCH, N_EPOCHS, CRASH_AT = 5, 40, 20, 9  # virtual epoch: 200 examples
# The step size decays with the step count t_: eta0 / t_**power_t, optimizer state.
SGD = dict(learning_rate="invscaling", eta0=0.002, power_t=0.1, alpha=1e-6)
ALPHAS = [1e-6, 0.1, 0.3, 1.0, 3.0, 10.0]  # penalties to tune instead of checkpoints


def make_data(seed, n=200):  # few noisy rows, many columns: training overfits
    X, y = make_classification(
        n + 1200, 300, n_informative=10, n_redundant=0, flip_y=0.1, random_state=seed
    )
    X_tr, X_rest, y_tr, y_rest = train_test_split(X, y, train_size=n, random_state=0)
    return X_tr, y_tr, *train_test_split(X_rest, y_rest, train_size=200, random_state=0)


def epoch_rows(seed, epoch, n):  # seeded per epoch, so a resumed run replays it
    return np.random.default_rng([seed, epoch]).permutation(n)[: STEPS * BATCH]


def train(folder, data, seed, crash_at=None, weights_only=False):
    """Run the remaining virtual epochs, starting from the newest checkpoint if any."""
    X_tr, y_tr, X_val, _, y_val, _ = data
    folder.mkdir(exist_ok=True)
    saved = sorted(folder.glob("epoch-*.joblib"))
    if saved:  # the estimator carries its optimizer state: weights and step count t_
        state = joblib.load(saved[-1])
        model, start = state["model"], state["epoch"] + 1
        if weights_only:  # what saving coef_ and intercept_ alone would restore
            model.t_ = 1.0  # the step count starts over, so the step size jumps back
    else:  # shuffle=False: the row order is ours, seeded, so it replays on resume
        model, start = SGDClassifier(shuffle=False, **SGD), 1
    for epoch in range(start, N_EPOCHS + 1):
        if epoch == crash_at:
            raise RuntimeError(f"worker lost during epoch {epoch}")
        rows = epoch_rows(seed, epoch, len(X_tr))
        for batch in np.split(rows, STEPS):  # STEPS batches of BATCH rows
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


acc = {k: [] for k in ("last", "best", "tuned", "stopped", "stop_epochs")}
with tempfile.TemporaryDirectory() as tmp:
    for seed in range(10):
        X_tr, y_tr, X_val, X_test, y_val, y_test = data = make_data(seed)
        folder = Path(tmp, f"seed-{seed}")
        try:
            train(folder, data, seed, crash_at=CRASH_AT)
        except RuntimeError:
            if seed == 0:  # a copy, to resume the epoch-8 file from its weights alone
                shutil.copytree(folder, Path(tmp, "weights-only"))
            resumed, ran = train(folder, data, seed)  # from epoch-008.joblib
        assert ran == N_EPOCHS - CRASH_AT + 1  # no finished epoch redone
        if seed == 0:  # an uninterrupted run in a fresh folder ends identical
            straight, _ = train(Path(tmp, "straight"), data, seed)
            assert np.array_equal(straight.coef_, resumed.coef_)
            assert straight.t_ == resumed.t_ == N_EPOCHS * STEPS * BATCH + 1
            note = "coefficients identical to an uninterrupted run"
            print(f"seed 0: resumed at epoch {CRASH_AT}, ran {ran} epochs,", note)
            lost, _ = train(Path(tmp, "weights-only"), data, seed, weights_only=True)
            gap = np.abs(lost.coef_ - straight.coef_).max()
            off = gap / np.abs(straight.coef_).max()  # share of the largest coefficient
            assert off > 0.01  # without the step count, the run does not replay
            print(f"weights only (t_ lost): coefficients off by up to {off:.0%} of max")
        states = [joblib.load(path) for path in sorted(folder.glob("epoch-*"))]
        chosen = max(states, key=lambda state: state["val"])  # on validation rows
        acc["last"].append(states[-1]["model"].score(X_test, y_test))
        acc["best"].append(chosen["model"].score(X_test, y_test))
        runs = {alpha: replay(data, seed, alpha) for alpha in ALPHAS}  # from scratch
        assert np.allclose(runs[1e-6].coef_, resumed.coef_, rtol=0, atol=1e-9)
        alpha = max(ALPHAS, key=lambda a: runs[a].score(X_val, y_val))  # or regularize
        acc["tuned"].append(runs[alpha].score(X_test, y_test))
        early = SGDClassifier(  # splits off 200 rows, stops 5 epochs after its best
            early_stopping=True, validation_fraction=0.5, random_state=seed, **SGD
        ).fit(np.vstack([X_tr, X_val]), np.concatenate([y_tr, y_val]))
        acc["stopped"].append(early.score(X_test, y_test))
        acc["stop_epochs"].append(early.n_iter_)  # passes over its 200 training rows
    grown, _ = train(Path(tmp, "grown"), make_data(0, n=300), 0)  # data grows by half
    assert grown.t_ == straight.t_
print(f"{N_EPOCHS} virtual epochs: {grown.t_ - 1:.0f} examples on 200 or 300 rows")
print(f"{N_EPOCHS} full passes:    {N_EPOCHS * 200} vs {N_EPOCHS * 300} examples")
last, best, tuned, stopped, stop_epochs = (np.array(v) for v in acc.values())
print(f"{'10 seeds, crash in epoch 9':36} {'epochs':>6}  test accuracy, mean +/- std")
for name, epochs, score in [
    ("restart from scratch, keep last", N_EPOCHS + CRASH_AT - 1, last),  # same model
    ("resume from checkpoint, keep last", N_EPOCHS, last),
    ("resume, keep best-on-validation", N_EPOCHS, best),
    (f"tuned alpha ({len(ALPHAS)} runs), keep last", N_EPOCHS * len(ALPHAS), tuned),
    ("early_stopping=True, no files", stop_epochs.mean(), stopped),
]:
    print(f"{name:36} {epochs:>6.1f}  {score.mean():.3f} +/- {score.std():.3f}")
for name, other in [("last", last), ("tuned alpha", tuned), ("early stop", stopped)]:
    spread = f"{(best - other).mean():+.3f} +/- {(best - other).std():.3f}"
    print(f"best-on-validation minus {name:11} paired {spread}")
assert (best - last).mean() > 2 * (best - last).std()  # clears the seed-to-seed spread
assert abs((best - tuned).mean()) < 2 * (best - tuned).std()  # a tie with tuning alpha
