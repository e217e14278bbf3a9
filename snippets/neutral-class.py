"""Neutral Class: give the cases where raters disagree a label of their own.

Three doctors vote on each training patient; on "either drug is fine" patients their
habits differ, so the votes split. Same features and model family for all rows: a
binary model on the majority vote, the same model abstaining in a probability band
tuned on validation, and a three-class model whose third class is "votes split".
"""

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

ACETAMINOPHEN, IBUPROFEN, NEUTRAL = 0, 1, 2
HABITS = [0.3, 0.5, 0.7]  # each doctor's chance of ibuprofen when either drug is fine


def patients(seed, n_rows=2400):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_rows, 3))  # liver risk, stomach risk, an irrelevant input
    liver, stomach = X[:, 0], X[:, 1]
    truth = np.full(n_rows, NEUTRAL)  # no high risk: either drug is fine
    truth[liver > 0.8] = IBUPROFEN  # liver risk rules out acetaminophen
    truth[(stomach > 0.8) & (stomach > liver)] = ACETAMINOPHEN
    slip = rng.random((n_rows, 3)) > 0.97  # 3% of votes on clear-cut patients are wrong
    habit = rng.random((n_rows, 3)) < HABITS
    clear_vote = np.where(slip, 1 - truth[:, None], truth[:, None])
    votes = np.where((truth == NEUTRAL)[:, None], habit, clear_vote).sum(axis=1)
    majority = (votes >= 2).astype(int)
    split = np.select([votes == 3, votes == 0], [IBUPROFEN, ACETAMINOPHEN], NEUTRAL)
    return X, truth, majority, split  # truth is for scoring only, never for training


def band(p_ibuprofen, low, high):
    return np.select(
        [p_ibuprofen < low, p_ibuprofen > high], [ACETAMINOPHEN, IBUPROFEN], NEUTRAL
    )


def forest():
    return RandomForestClassifier(30, min_samples_leaf=20, random_state=0)


names = ["binary, majority vote", "binary + abstain band", "three classes (neutral)"]
scores = {name: [] for name in names}
clear_share = []
cuts = np.round(np.arange(0.0, 1.01, 0.05), 2)
for seed in range(5):
    X, truth, majority, split = patients(seed)
    X_fit, X_rest, maj_fit, _, split_fit, split_rest, _, truth_rest = train_test_split(
        X, majority, split, truth, test_size=0.5, random_state=seed
    )
    X_val, X_test, split_val, _, _, truth_test = train_test_split(
        X_rest, split_rest, truth_rest, test_size=0.5, random_state=seed
    )
    binary = forest().fit(X_fit, maj_fit)
    three = forest().fit(X_fit, split_fit)
    # The band's edges are tuned on validation against the same split-vote labels.
    p_val = binary.predict_proba(X_val)[:, 1]
    low, high = max(
        ((lo, hi) for lo in cuts for hi in cuts if lo <= hi),
        key=lambda edges: np.mean(band(p_val, *edges) == split_val),
    )
    p_test = binary.predict_proba(X_test)[:, 1]
    preds = [binary.predict(X_test), band(p_test, low, high), three.predict(X_test)]
    clear = truth_test != NEUTRAL
    clear_share.append(clear.mean())
    for name, pred in zip(names, preds, strict=True):
        right = pred == truth_test  # neutral on a clear-cut patient counts as wrong
        either = pred[~clear] == NEUTRAL
        scores[name].append((right[clear].mean(), either.mean(), right.mean()))
scores = {name: np.array(values) for name, values in scores.items()}


def spread(values):
    return f"{values.mean():.3f} +/- {values.std():.3f}"


print(f"test patients: {np.mean(clear_share):.0%} clear-cut; mean +/- std over 5 seeds")
print(f"{'':<24}{'clear-cut right':<17}{'either -> neutral':<19}all right")
for name in names:
    cells = [spread(scores[name][:, i]) for i in range(3)]
    print(f"{name:<24}{cells[0]:<17}{cells[1]:<19}{cells[2]}")
gain = scores[names[2]][:, 2] - scores[names[1]][:, 2]
print(f"all right, three classes minus band: {gain.mean():+.3f} +/- {gain.std():.3f}")

binary_s, band_s, three_s = (scores[name].mean(axis=0) for name in names)
# The neutral class beats the tuned abstain band by more than twice the spread...
assert gain.mean() > 2 * gain.std()
# ...because the band also abstains on clear-cut patients near the edges,
assert three_s[0] > band_s[0] + 0.05
# while the three-class model answers clear-cut patients as well as the binary one.
assert three_s[0] > binary_s[0] - 0.02 and three_s[1] > 0.95
