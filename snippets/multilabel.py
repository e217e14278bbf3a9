"""Multilabel: multi-hot targets, one sigmoid classifier per label, tuned thresholds.

Each row may carry several tags. Compare macro F1 on held-out data with one shared
0.5 threshold against per-tag thresholds chosen on a separate validation split.
"""

import numpy as np
from sklearn.datasets import make_multilabel_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_recall_curve
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

# Tags arrive as a list of names per row, e.g. ["news", "sports"].
features, tag_ids = make_multilabel_classification(
    n_samples=3000,
    n_features=20,
    n_classes=8,
    n_labels=2,
    return_indicator=False,
    random_state=0,
)
names = ["news", "sports", "finance", "tech", "travel", "health", "food", "music"]
tags = [[names[i] for i in row] for row in tag_ids]

binarizer = MultiLabelBinarizer(classes=names)
multi_hot = binarizer.fit_transform(tags)  # one 0/1 column per tag
x_train, x_rest, y_train, y_rest = train_test_split(
    features, multi_hot, test_size=0.5, random_state=0
)
x_val, x_test, y_val, y_test = train_test_split(x_rest, y_rest, test_size=0.5, random_state=0)

# One independent logistic (sigmoid) model per tag: probabilities need not sum to 1.
model = OneVsRestClassifier(LogisticRegression(max_iter=1000)).fit(x_train, y_train)
val_proba = model.predict_proba(x_val)
test_proba = model.predict_proba(x_test)

# Per-tag threshold: the cut that maximizes that tag's F1 on validation rows only.
thresholds = []
for j in range(len(names)):
    precision, recall, cuts = precision_recall_curve(y_val[:, j], val_proba[:, j])
    f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-12)
    thresholds.append(cuts[np.argmax(f1[:-1])])
thresholds = np.array(thresholds)

f1_shared = f1_score(y_test, test_proba >= 0.5, average="macro")
f1_tuned = f1_score(y_test, test_proba >= thresholds, average="macro")
print(
    f"rows: {len(tags)}, tags per row: mean {multi_hot.sum(axis=1).mean():.2f},"
    f" max {multi_hot.sum(axis=1).max()}"
)
print(
    "tag frequency:",
    " ".join(f"{n}={f:.2f}" for n, f in zip(names, multi_hot.mean(0), strict=True)),
)
print("tuned cut:    ", " ".join(f"{n}={t:.2f}" for n, t in zip(names, thresholds, strict=True)))
print(f"macro F1 on test, shared 0.5 threshold: {f1_shared:.3f}")
print(f"macro F1 on test, per-tag thresholds:   {f1_tuned:.3f}")

assert multi_hot.sum(axis=1).max() > 1, "rows should carry several tags at once"
assert f1_tuned > f1_shared + 0.03, "per-tag thresholds should beat a shared 0.5 cut"
