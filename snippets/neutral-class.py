"""Neutral Class: give the cases where raters disagree a label of their own.

Three doctors vote on each training patient; where no drug is clearly right their
habits differ, so the votes split. Same features and model family for all rows: a
binary model on the majority vote, the same model abstaining in a probability band
tuned on validation, and a three-class model whose third class is "votes split".
Look at: both fix the majority vote; the band ties the neutral class unless the right
answer switches sharply between the two drugs, where the band abstains on clear cases.
"""

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

ACETAMINOPHEN, IBUPROFEN, NEUTRAL = 0, 1, 2
HABITS = [0.3, 0.5, 0.7]  # each doctor's chance of ibuprofen when no drug is clear


def patients(seed, both_high, n_rows=2400):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_rows, 3))  # liver risk, stomach risk, an irrelevant input
    liver, stomach = X[:, 0], X[:, 1]
    truth = np.full(n_rows, NEUTRAL)  # no high risk: either drug is fine
    truth[liver > 0.8] = IBUPROFEN  # liver risk rules out acetaminophen
    truth[stomach > 0.8] = ACETAMINOPHEN  # stomach risk rules out ibuprofen
    both = (liver > 0.8) & (stomach > 0.8)
    if both_high == "refer":  # both drugs ruled out: refer, no drug is right
        truth[both] = NEUTRAL
    else:  # "larger risk": the drug that avoids the larger risk, a sharp switch
        truth[both] = np.where(liver > stomach, IBUPROFEN, ACETAMINOPHEN)[both]
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
cuts = np.round(np.arange(0.0, 1.01, 0.05), 2)


def evaluate(both_high):  # 5 seeds; per method: clear-cut right, ambiguous, all right
    scores, clear_share = {name: [] for name in names}, []
    in_both = errors = 0  # the band's clear-cut errors: with both risks high, all
    for seed in range(5):
        X, truth, majority, split = patients(seed, both_high)
        fit, rest = train_test_split(
            np.arange(len(X)), test_size=0.5, random_state=seed
        )
        val, test = train_test_split(rest, test_size=0.5, random_state=seed)
        X_val, X_test, truth_test = X[val], X[test], truth[test]
        binary = forest().fit(X[fit], majority[fit])
        three = forest().fit(X[fit], split[fit])
        # The band's edges are tuned on validation against the same split-vote labels.
        p_val = binary.predict_proba(X_val)[:, 1]
        low, high = max(
            ((lo, hi) for lo in cuts for hi in cuts if lo <= hi),
            key=lambda edges: np.mean(band(p_val, *edges) == split[val]),
        )
        p_test = binary.predict_proba(X_test)[:, 1]
        preds = [binary.predict(X_test), band(p_test, low, high), three.predict(X_test)]
        clear = truth_test != NEUTRAL
        clear_share.append(clear.mean())
        for name, pred in zip(names, preds, strict=True):
            right = pred == truth_test  # neutral on a clear-cut patient counts as wrong
            ambiguous = pred[~clear] == NEUTRAL
            scores[name].append((right[clear].mean(), ambiguous.mean(), right.mean()))
        wrong = clear & (preds[1] != truth_test)  # the band's clear-cut errors
        both = (X_test[:, 0] > 0.8) & (X_test[:, 1] > 0.8)
        in_both, errors = in_both + np.sum(wrong & both), errors + wrong.sum()
    scores = {name: np.array(values) for name, values in scores.items()}
    gain = scores[names[2]][:, 2] - scores[names[1]][:, 2]
    return scores, np.mean(clear_share), gain, (in_both, errors)


def spread(values, sign=""):  # mean +/- std over the 5 seeds
    return f"{values.mean():{sign}.3f} +/- {values.std():.3f}"


scores, clear_share, gain, _ = evaluate("refer")
print(f"both risks high -> refer; test patients {clear_share:.0%} clear-cut; 5 seeds")
print(
    f"{'mean +/- std':<24}{'clear-cut right':<17}{'ambiguous -> neutral':<22}all right"
)
for name in names:
    cells = [spread(scores[name][:, i]) for i in range(3)]
    print(f"{name:<24}{cells[0]:<17}{cells[1]:<22}{cells[2]}")
print(f"all right, three classes minus band: {spread(gain, '+')}")
_, _, switch_gain, (in_both, errors) = evaluate("larger risk")
print("both risks high -> drug that avoids the larger risk:")
print(f"  all right, three classes minus band: {spread(switch_gain, '+')}")
print(f"  band's clear-cut errors with both risks high: {in_both} of {errors}")

binary_s, band_s, three_s = (scores[name].mean(axis=0) for name in names)
# Both fix the majority vote, which never says "no clear drug"...
assert min(band_s[2], three_s[2]) > binary_s[2] + 0.5
# ...and, when split votes are coin flips, the band is as good as the neutral class,
assert abs(gain.mean()) < 0.01
# unless the right drug switches sharply: there the band abstains on clear cases.
assert switch_gain.mean() > 2 * switch_gain.std() and in_both > 0.8 * errors
