"""Checkpoints: resume a killed run exactly, and choose the checkpoint on held-out data.

An epoch here is a virtual epoch of 5 steps x 40 rows, so checkpoints keep their cadence
when the data grows. In the table, compare the epochs each policy trains and its
accuracy on test rows that no policy used for choosing, over 10 seeds.
"""

import tempfile
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

STEPS, BATCH, N_EPOCHS, CRASH_AT = 5, 40, 20, 9  # virtual epoch: 200 examples
SGD = dict(learning_rate="constant", eta0=0.001, alpha=1e-6)


def make_data(seed, n_train=200):
    # Few noisy rows, many columns: training on and on starts to fit the noise.
    X, y = make_classification(
        n_samples=n_train + 1200,
        n_features=300,
        n_informative=10,
        n_redundant=0,
        flip_y=0.1,
        random_state=seed,
    )
    X_tr, X_rest, y_tr, y_rest = train_test_split(
        X, y, train_size=n_train, random_state=0
    )
    return X_tr, y_tr, *train_test_split(X_rest, y_rest, train_size=200, random_state=0)


def train(folder, data, seed, crash_at=None):
    """Run the remaining virtual epochs, starting from the newest checkpoint if any."""
    X_tr, y_tr, X_val, _, y_val, _ = data
    saved = sorted(folder.glob("epoch-*.joblib"))
    if saved:  # the estimator carries its optimizer state: weights and step count t_
        state = joblib.load(saved[-1])
        model, start = state["model"], state["epoch"] + 1
    else:  # shuffle=False: the row order is ours, seeded, so it replays on resume
        model, start = SGDClassifier(shuffle=False, **SGD), 1
    for epoch in range(start, N_EPOCHS + 1):
        if epoch == crash_at:
            raise RuntimeError(f"worker lost during epoch {epoch}")
        rows = np.random.default_rng([seed, epoch]).permutation(len(X_tr))
        for step in range(STEPS):
            batch = rows[step * BATCH : (step + 1) * BATCH]
            model.partial_fit(X_tr[batch], y_tr[batch], classes=[0, 1])
        state = {"model": model, "epoch": epoch, "val": model.score(X_val, y_val)}
        joblib.dump(state, folder / "writing.tmp")  # write, then rename: never torn
        (folder / "writing.tmp").replace(folder / f"epoch-{epoch:03d}.joblib")
    return model, N_EPOCHS + 1 - start


last, best, stopped, stopped_epochs = [], [], [], []
with tempfile.TemporaryDirectory() as tmp:
    for seed in range(10):
        data = make_data(seed)
        X_tr, y_tr, X_val, X_test, y_val, y_test = data
        folder = Path(tmp, f"seed-{seed}")
        folder.mkdir()
        try:
            train(folder, data, seed, crash_at=CRASH_AT)
        except RuntimeError:
            resumed, epochs_run = train(folder, data, seed)  # from epoch-008.joblib
        assert epochs_run == N_EPOCHS - CRASH_AT + 1  # no finished epoch redone
        if seed == 0:  # an uninterrupted run in a fresh folder ends identical
            Path(tmp, "straight").mkdir()
            straight, _ = train(Path(tmp, "straight"), data, seed)
            assert np.array_equal(straight.coef_, resumed.coef_)
            assert straight.t_ == resumed.t_ == N_EPOCHS * STEPS * BATCH + 1
            print(
                f"seed 0: resumed at epoch {CRASH_AT}, ran {epochs_run} epochs, "
                "coefficients identical to an uninterrupted run"
            )
        states = [joblib.load(path) for path in sorted(folder.glob("epoch-*"))]
        chosen = max(states, key=lambda state: state["val"])  # on validation rows
        last.append(states[-1]["model"].score(X_test, y_test))
        best.append(chosen["model"].score(X_test, y_test))
        # Built-in alternative: it splits off 200 rows itself and stops 5 epochs
        # after the best one, keeping the weights it stopped with.
        early = SGDClassifier(
            early_stopping=True, validation_fraction=0.5, random_state=seed, **SGD
        )
        early.fit(np.vstack([X_tr, X_val]), np.concatenate([y_tr, y_val]))
        stopped.append(early.score(X_test, y_test))
        stopped_epochs.append(early.n_iter_)  # passes over its 200 training rows

    # The data grows by half: a virtual epoch is still 200 examples, so the step
    # count (and any schedule keyed to it) at each checkpoint stays the same.
    Path(tmp, "grown").mkdir()
    grown, _ = train(Path(tmp, "grown"), make_data(0, n_train=300), 0)
    assert grown.t_ == straight.t_
seen = int(grown.t_ - 1)
print(f"after {N_EPOCHS} virtual epochs: {seen} examples on 200 or 300 rows")
print(f"after {N_EPOCHS} full passes:    {N_EPOCHS * 200} vs {N_EPOCHS * 300} examples")

last, best, stopped = np.array(last), np.array(best), np.array(stopped)
print(f"{'10 seeds, crash in epoch 9':36} {'epochs':>6}  test accuracy")
rows = [
    ("restart from scratch, keep last", N_EPOCHS + CRASH_AT - 1, last),
    ("resume from checkpoint, keep last", N_EPOCHS, last),
    ("resume, keep best-on-validation", N_EPOCHS, best),
    ("early_stopping=True, no files", np.mean(stopped_epochs), stopped),
]
for name, epochs, acc in rows:
    print(f"{name:36} {epochs:>6.1f}  {acc.mean():.3f} +/- {acc.std():.3f}")
for name, diff in [("last", best - last), ("early stopping", best - stopped)]:
    print(f"best-on-validation minus {name:15} {diff.mean():+.3f} +/- {diff.std():.3f}")
assert (best - last).mean() > 2 * (best - last).std()  # clears the seed-to-seed spread
