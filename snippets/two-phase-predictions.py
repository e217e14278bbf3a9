"""Two-Phase Predictions: a small model answers confident cases and defers the rest.

The edge model's confidence threshold is tuned on a validation split for one objective:
the fewest requests sent to the cloud at no more than 1 point below cloud-only accuracy.
Look at the curve on test rows: each threshold trades cloud calls for accuracy.
"""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

X, y = load_digits(return_X_y=True)
CURVE, TARGET_GAP, N_SPLITS = [0.5, 0.7, 0.9, 0.99], 0.01, 5


def route(small_proba, small_classes, large_labels, threshold):
    """Edge answers when its top probability reaches the threshold, else the cloud."""
    defer = small_proba.max(axis=1) < threshold
    labels = np.where(defer, large_labels, small_classes[small_proba.argmax(axis=1)])
    return defer.mean(), labels


results = []  # per split: (sent to cloud, accuracy) per route, then the tuned threshold
for seed in range(N_SPLITS):
    X_train, X_rest, y_train, y_rest = train_test_split(
        X, y, test_size=0.5, stratify=y, random_state=seed
    )
    X_val, X_test, y_val, y_test = train_test_split(
        X_rest, y_rest, test_size=0.5, stratify=y_rest, random_state=seed
    )
    # Edge: small enough for a phone (8 projected features, a linear model).
    small = make_pipeline(
        StandardScaler(),
        PCA(n_components=8, random_state=0),
        LogisticRegression(solver="newton-cholesky"),
    ).fit(X_train, y_train)
    # Cloud: an RBF SVM whose every call runs a kernel over hundreds of support vectors.
    large = SVC(C=10, gamma=0.001).fit(X_train, y_train)
    val = (small.predict_proba(X_val), small.classes_, large.predict(X_val))
    test = (small.predict_proba(X_test), small.classes_, large.predict(X_test))

    # Tune: the lowest threshold whose validation accuracy meets the target.
    target = np.mean(val[2] == y_val) - TARGET_GAP
    grid = np.round(np.arange(0.30, 1.00, 0.01), 2)
    tuned = next(t for t in grid if np.mean(route(*val, t)[1] == y_val) >= target)
    row = []
    for threshold in [0.0, *CURVE, tuned, 1.01]:  # 0: edge only; 1.01: cloud only
        share, labels = route(*test, threshold)
        row += [share, np.mean(labels == y_test)]
    results.append([*row, tuned])

results = np.array(results)
mean, sd = results.mean(axis=0), results.std(axis=0)
scaler, pca, linear = small
edge = [scaler.mean_, scaler.scale_, pca.mean_, pca.components_, linear.coef_]
edge.append(linear.intercept_)
cloud = [large.support_vectors_, large.dual_coef_, large.intercept_]
edge_size, cloud_size = (sum(a.size for a in arrays) for arrays in (edge, cloud))
print(f"stored numbers: edge model {edge_size:,}, cloud model {cloud_size:,}")
print("threshold tuned on validation: fewest cloud calls at accuracy >= cloud-only")
print(f"minus {TARGET_GAP}; results on test rows, mean (sd) over {N_SPLITS} splits")
print(f"{'route':<22} {'threshold':>12} {'sent to cloud':>15} {'accuracy':>15}")
names = ["edge only", *["two-phase"] * len(CURVE), "two-phase, tuned", "cloud only"]
thresholds = ["-", *map(str, CURVE), f"{mean[-1]:.2f} ({sd[-1]:.2f})", "-"]
for i, (name, thr) in enumerate(zip(names, thresholds, strict=True)):
    share = f"{mean[2 * i]:.1%} ({sd[2 * i]:.1%})"
    acc = f"{mean[2 * i + 1]:.3f} ({sd[2 * i + 1]:.3f})"
    print(f"{name:<22} {thr:>12} {share:>15} {acc:>15}")

share, accuracy = results[:, 0:-1:2], results[:, 1:-1:2]  # columns follow the rows
tuned, edge_only, cloud_only = len(CURVE) + 1, 0, len(CURVE) + 2
gain = accuracy[:, tuned] - accuracy[:, edge_only]
assert gain.mean() > 2 * gain.std(ddof=1)  # far above the edge model alone
assert share[:, tuned].mean() + 2 * share[:, tuned].std() < 0.5  # edge answers most
assert accuracy[:, cloud_only].mean() - accuracy[:, tuned].mean() < 0.02
curve = [edge_only, *range(1, len(CURVE) + 1), cloud_only]  # rising thresholds
assert (np.diff(share[:, curve].mean(axis=0)) > 0).all()
assert (np.diff(accuracy[:, curve].mean(axis=0)) > 0).all()
