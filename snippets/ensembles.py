"""Ensembles: bagging, boosting and stacking each beat their single base model.

All four models see the same training rows. Look at held-out accuracy: the lone deep
tree overfits, and each way of combining models recovers a clear margin over it.
"""

from sklearn.datasets import make_classification
from sklearn.ensemble import BaggingClassifier, GradientBoostingClassifier, StackingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier

features, labels = make_classification(
    n_samples=1500,
    n_features=20,
    n_informative=8,
    n_redundant=4,
    flip_y=0.05,
    class_sep=0.8,
    random_state=0,
)
x_train, x_test, y_train, y_test = train_test_split(features, labels, test_size=0.3, random_state=0)

tree = DecisionTreeClassifier(random_state=0)  # unpruned: low bias, high variance
models = {
    "single decision tree": tree,
    # Bagging: average trees fitted on bootstrap resamples to cut variance.
    "bagging (30 trees)": BaggingClassifier(tree, n_estimators=30, random_state=0),
    # Boosting: shallow trees added in sequence, each fitted to the errors left so far.
    "boosting (50 trees)": GradientBoostingClassifier(
        n_estimators=50, learning_rate=0.2, max_depth=3, random_state=0
    ),
    # Stacking: a meta-model learns how to weigh unlike models' out-of-fold outputs.
    "stacking (tree+nb+lr)": StackingClassifier(
        estimators=[
            ("tree", DecisionTreeClassifier(max_depth=8, random_state=0)),
            ("nb", GaussianNB()),
            ("lr", LogisticRegression(max_iter=1000)),
        ],
        final_estimator=LogisticRegression(),
        cv=5,
    ),
}
accuracy = {
    name: model.fit(x_train, y_train).score(x_test, y_test) for name, model in models.items()
}
for name, score in accuracy.items():
    print(f"{name:<24} test accuracy {score:.3f}")

baseline = accuracy["single decision tree"]
for name, score in accuracy.items():
    if name != "single decision tree":
        assert score > baseline + 0.03, f"{name} should clearly beat the single tree"
