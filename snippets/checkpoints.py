"""Checkpoints: save the full training state every epoch, resume after a crash, keep the best.

A run killed at epoch 9 and resumed from its last checkpoint ends with exactly
the same coefficients as an uninterrupted run; validation picks the best epoch.
"""

import tempfile
from pathlib import Path

import joblib
import numpy as np
from sklearn.datasets import make_classification
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split

# Few rows, many noisy features: later epochs overfit, so the last epoch is not the best.
X, y = make_classification(
    n_samples=600, n_features=100, n_informative=5, flip_y=0.1, random_state=0
)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.5, random_state=0)
N_EPOCHS = 20


def train(checkpoint_dir, crash_at_epoch=None):
    """Run the remaining epochs, starting from the newest checkpoint if there is one."""
    saved = sorted(checkpoint_dir.glob("epoch-*.joblib"))
    if saved:
        state = joblib.load(saved[-1])  # model (weights, step count t_) + epoch
        model, start = state["model"], state["epoch"] + 1
    else:
        # shuffle=False: the epoch order below is ours, so it can be replayed on resume.
        model = SGDClassifier(learning_rate="constant", eta0=0.01, alpha=1e-6, shuffle=False)
        start = 1
    epochs_run = 0
    for epoch in range(start, N_EPOCHS + 1):
        if epoch == crash_at_epoch:
            raise RuntimeError(f"worker lost during epoch {epoch}")
        # Seed the shuffle from the epoch number so a resumed run sees the same order.
        order = np.random.default_rng(epoch).permutation(len(X_train))
        model.partial_fit(X_train[order], y_train[order], classes=[0, 1])
        epochs_run += 1
        state = {"model": model, "epoch": epoch, "val": model.score(X_val, y_val)}
        # Write then rename, so a crash mid-write never leaves a half-written checkpoint.
        partial = checkpoint_dir / "writing.tmp"
        joblib.dump(state, partial)
        partial.replace(checkpoint_dir / f"epoch-{epoch:03d}.joblib")
    return model, epochs_run


with tempfile.TemporaryDirectory() as tmp:
    straight_dir, crashed_dir = Path(tmp, "straight"), Path(tmp, "crashed")
    straight_dir.mkdir()
    crashed_dir.mkdir()
    uninterrupted, _ = train(straight_dir)
    try:
        train(crashed_dir, crash_at_epoch=9)
    except RuntimeError as error:
        print(f"interrupted: {error}; checkpoints on disk: {len(list(crashed_dir.iterdir()))}")
    resumed, epochs_run = train(crashed_dir)  # restarts from epoch-008.joblib
    print(f"resumed at epoch 9, ran {epochs_run} of {N_EPOCHS} epochs")

    # Pick the checkpoint with the best validation accuracy, not simply the last one.
    states = [joblib.load(path) for path in sorted(crashed_dir.glob("*.joblib"))]
    best = max(states, key=lambda state: state["val"])
    print("val accuracy per epoch:", " ".join(f"{s['val']:.2f}" for s in states))
    print(f"last epoch {states[-1]['epoch']}: {states[-1]['val']:.3f}")
    print(f"best epoch {best['epoch']}: {best['val']:.3f}")

same_coef = np.array_equal(resumed.coef_, uninterrupted.coef_)
same_pred = np.array_equal(resumed.predict(X_val), uninterrupted.predict(X_val))
print(f"resumed == uninterrupted: coefficients {same_coef}, predictions {same_pred}")
assert same_coef and same_pred
assert np.array_equal(resumed.intercept_, uninterrupted.intercept_)
assert resumed.t_ == uninterrupted.t_  # the step counter resumed too
assert epochs_run == N_EPOCHS - 8  # no finished epoch was recomputed
assert best["val"] >= states[-1]["val"] + 0.02  # keeping only the last would lose this
assert best["model"].score(X_val, y_val) == best["val"]  # the file restores the model
