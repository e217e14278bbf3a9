"""Two-Phase Predictions: a small model answers confident cases and defers the rest.

Look for: the two-phase accuracy sits close to the large model and well above the small
one, while the small model alone answers more than half of the requests.
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
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y, random_state=0)

# Phase 1: cheap enough for a phone: 8 projected features and a linear model.
small = make_pipeline(
    StandardScaler(), PCA(n_components=8, random_state=0), LogisticRegression(max_iter=2000)
).fit(X_train, y_train)
# Phase 2: the expensive model, kept on a server (every call pays its kernel over
# hundreds of support vectors).
large = SVC(C=10, gamma=0.001).fit(X_train, y_train)
scaler, pca, linear = small.named_steps.values()
small_arrays = [scaler.mean_, scaler.scale_, pca.mean_, pca.components_]
small_size = sum(a.size for a in [*small_arrays, linear.coef_, linear.intercept_])
large_size = large.support_vectors_.size + large.dual_coef_.size + large.intercept_.size
print(f"stored numbers: small model {small_size:,} | large model {large_size:,}")

CONFIDENCE = 0.9  # tune on validation data: higher means more deferrals, higher accuracy
probabilities = small.predict_proba(X_test)
small_labels = small.classes_[probabilities.argmax(axis=1)]
easy = probabilities.max(axis=1) >= CONFIDENCE

# Only the deferred (hard) rows ever reach the large model.
two_phase = small_labels.copy()
two_phase[~easy] = large.predict(X_test[~easy])

small_acc = np.mean(small_labels == y_test)
large_acc = np.mean(large.predict(X_test) == y_test)
two_phase_acc = np.mean(two_phase == y_test)
print(f"small model alone: {small_acc:.3f}")
print(f"large model alone: {large_acc:.3f}")
print(f"two-phase:         {two_phase_acc:.3f}")
print(f"answered by small model: {easy.mean():.1%} | deferred to large: {(~easy).mean():.1%}")
kept_acc = np.mean(small_labels[easy] == y_test[easy])
deferred_acc = np.mean(small_labels[~easy] == y_test[~easy])
print(
    f"small model accuracy on the cases it kept: {kept_acc:.3f} | on deferred: {deferred_acc:.3f}"
)

assert two_phase_acc >= large_acc - 0.02, "two-phase should be close to the large model"
assert two_phase_acc >= small_acc + 0.08, "two-phase should beat the small model clearly"
assert easy.mean() > 0.5, "the small model should answer most requests"
