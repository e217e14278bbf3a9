"""Data Quality: audit label noise and missing values, and see what each costs the model.

Look at how test accuracy falls as more training labels are flipped, then at the
missing-value count per column and how dropping incomplete rows skews the class mix.
"""

import numpy as np
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

rng = np.random.default_rng(0)
X, y = make_classification(
    n_samples=3000, n_features=6, n_informative=4, class_sep=1.5, random_state=0
)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)

# Accuracy: flip a growing share of training labels; the test labels stay clean.
print("label noise  test accuracy")
accuracy = {}
for noise in [0.0, 0.1, 0.2, 0.3, 0.4]:
    flip = rng.random(len(y_train)) < noise
    y_noisy = np.where(flip, 1 - y_train, y_train)
    tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_noisy)
    accuracy[noise] = tree.score(X_test, y_test)
    print(f"{noise:>11.0%}  {accuracy[noise]:>13.3f}")

# Completeness: a sensor fails more often on positive cases, so gaps are not random.
columns = [f"x{i}" for i in range(X.shape[1])]
X_gappy = X.copy()
fail_rate = np.where(y == 1, 0.40, 0.05)
X_gappy[rng.random(len(y)) < fail_rate, 2] = np.nan
X_gappy[rng.random(len(y)) < 0.02, 4] = np.nan  # an unrelated, random 2% gap
missing = dict(zip(columns, np.isnan(X_gappy).sum(axis=0).tolist(), strict=True))
print("missing per column:", missing)

complete = ~np.isnan(X_gappy).any(axis=1)
share_before, share_after = y.mean(), y[complete].mean()
print(f"rows kept after dropping gaps: {complete.mean():.1%}")
print(f"positive share: {share_before:.3f} in all rows, {share_after:.3f} in complete rows")

# Noisy labels cost accuracy, and more noise costs more.
assert accuracy[0.0] - accuracy[0.4] > 0.2
assert all(accuracy[a] > accuracy[b] for a, b in [(0.0, 0.2), (0.2, 0.4)])
# The audit finds the gaps where they are, and dropping them hides positives.
assert missing["x2"] > 5 * missing["x4"] > 0 and missing["x0"] == 0
assert share_before - share_after > 0.1
