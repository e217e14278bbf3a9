"""Accuracy on Imbalanced Data: with 1% fraud, accuracy barely sees the difference.

Look at: always predicting "not fraud" scores 0.990 accuracy and catches nothing; the
plain model adds 0.002 and catches about a third; the class-weighted model catches
most fraud and has the lowest accuracy. Recall, balanced accuracy and average
precision tell the three apart; the check names the metrics a constant model aces:
weighted F1 up to 12% fraud, accuracy until fraud is more than 20% of the rows.
"""

import numpy as np
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    f1_score,
    precision_score,
    recall_score,
)
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(0)
y = (rng.random(40_000) < 0.01).astype(int)  # 1% of transactions are fraud
X = rng.normal(size=(40_000, 10))
X[:, :4] += 1.25 * y[:, None]  # fraud shifts four of the ten features
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=0
)
METRICS = {
    "accuracy": accuracy_score,
    "precision": lambda t, p: precision_score(t, p, zero_division=0),
    "recall": recall_score,
    "bal_acc": balanced_accuracy_score,
    # the "weighted avg" row of classification_report: dominated by the majority class
    "wtd_f1": lambda t, p: f1_score(t, p, average="weighted", zero_division=0),
}


def metrics_a_constant_model_aces(y_true, metrics, limit=0.8):
    """Metrics on which always predicting the majority class scores `limit` or more.
    0.8 is the accuracy of that constant when the rare class is 20% of rows."""
    constant = np.full_like(y_true, np.bincount(y_true).argmax())
    return [
        name for name, metric in metrics.items() if metric(y_true, constant) >= limit
    ]


models = {
    "always majority": DummyClassifier(strategy="most_frequent"),
    "logistic regression": LogisticRegression(),
    "class_weight=balanced": LogisticRegression(class_weight="balanced"),
}
print(f"fraud in test set: {y_test.mean():.1%} ({y_test.sum()} of {len(y_test)} rows)")
print("model                  accuracy precision   recall  bal_acc   wtd_f1 avg_prec")
scores = {}
for name, model in models.items():
    pred = model.fit(X_train, y_train).predict(X_test)
    row = [metric(y_test, pred) for metric in METRICS.values()]
    row.append(average_precision_score(y_test, model.predict_proba(X_test)[:, 1]))
    scores[name] = dict(zip([*METRICS, "avg_prec"], row, strict=True))
    print(f"{name:<22}" + "".join(f"{v:>9.3f}" for v in row))
flagged = metrics_a_constant_model_aces(y_test, METRICS)
print(f"metrics a constant model aces: {', '.join(flagged)}")

# The same check on the test set thinned to other fraud shares (negatives dropped).
print("fraud share  constant acc  plain LR acc  flagged")
pos, neg = np.flatnonzero(y_test == 1), np.flatnonzero(y_test == 0)
plain_pred = models["logistic regression"].predict(X_test)
by_share = {}
for share in [0.01, 0.12, 0.2, 0.35, 0.5]:
    rows = np.r_[pos, neg[: round(len(pos) * (1 - share) / share)]]
    by_share[share] = metrics_a_constant_model_aces(y_test[rows], METRICS)
    const_acc = 1 - y_test[rows].mean()
    model_acc = accuracy_score(y_test[rows], plain_pred[rows])
    print(
        f"{share:>10.0%}{const_acc:>14.3f}{model_acc:>14.3f}"
        f"  {', '.join(by_share[share]) or '-'}"
    )

base, plain, weighted = (scores[n] for n in models)
# The paradox: accuracy barely separates the useless baseline from the plain model,
# and ranks the model that catches the most fraud last.
assert plain["accuracy"] - base["accuracy"] < 0.005 and base["recall"] == 0
assert weighted["accuracy"] == min(s["accuracy"] for s in scores.values())
# Recall and balanced accuracy expose it, and show what rebalancing buys.
assert weighted["recall"] > plain["recall"] + 0.3
assert weighted["bal_acc"] > plain["bal_acc"] + 0.15
# Average precision ignores the threshold: same ranking, far above the baseline.
assert abs(plain["avg_prec"] - weighted["avg_prec"]) < 0.02
assert plain["avg_prec"] > 10 * base["avg_prec"]
# Weighted F1 is fooled too: it ranks the model that catches most fraud below the
# constant.
assert weighted["wtd_f1"] < base["wtd_f1"] < plain["wtd_f1"]
# The check catches both majority-dominated metrics while they are fooled: weighted
# F1 up to 12% fraud, accuracy up to 20%; from 35% on it flags nothing.
assert flagged == ["accuracy", "wtd_f1"]
assert by_share[0.01] == by_share[0.12] == ["accuracy", "wtd_f1"]
assert by_share[0.2] == ["accuracy"]
assert by_share[0.35] == by_share[0.5] == []
