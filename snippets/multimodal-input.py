"""Multimodal Input: early fusion learns how ticket text changes what the numbers mean.

Look at: which number predicts escalation depends on a topic that only the text reveals.
Late fusion (averaging or stacking single-input models) squeezes each input into one
score first and misses it; a forest on the joined inputs learns it, a linear one partly.
"""

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (
    RandomForestClassifier,
    StackingClassifier,
    VotingClassifier,
)
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

rng = np.random.default_rng(0)
n = 4_000
TOPICS = {
    "outage": ["outage", "down", "crash", "error", "failing", "unreachable"],
    "billing": ["invoice", "charge", "refund", "payment", "billing", "card"],
    "feature": ["suggestion", "idea", "wish", "feature", "request", "roadmap"],
}
FILLER = ["the", "account", "our", "team", "page", "login", "report", "today", "help"]
topic = rng.integers(0, 3, n)
hours_open = np.exp(rng.normal(np.log(8), 1, n))
seats = np.exp(rng.normal(np.log(40), 1, n))
# The interaction: outages escalate after long waits, billing disputes on big
# accounts, feature requests rarely. Neither input alone says which rule applies.
logit = np.select(
    [topic == 0, topic == 1],
    [2.5 * np.log(hours_open / 6), 2.5 * np.log(seats / 60)],
    -1.5,
)
escalated = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

# Ten words per ticket: 35% from its topic, 15% from any topic, the rest filler.
any_topic = [word for words in TOPICS.values() for word in words]
texts = []
for t in topic:
    draw = rng.random(10)
    own = rng.choice(TOPICS[list(TOPICS)[t]], 10)
    words = np.where(draw < 0.35, own, rng.choice(any_topic, 10))
    texts.append(" ".join(np.where(draw < 0.5, words, rng.choice(FILLER, 10))))

X = np.empty((n, 3), dtype=object)  # column 0 free text, columns 1-2 numbers
X[:, 0], X[:, 1], X[:, 2] = texts, hours_open, seats
train, test = slice(0, 1_500), slice(1_500, None)


def forest():
    return RandomForestClassifier(50, min_samples_leaf=5, random_state=0)


log_scaled = make_pipeline(
    FunctionTransformer(lambda v: np.log(v.astype(float))), StandardScaler()
)
text_only = make_pipeline(
    ColumnTransformer([("text", TfidfVectorizer(), 0)]),
    LogisticRegression(solver="liblinear"),
)
numbers_only = make_pipeline(
    ColumnTransformer([("nums", "passthrough", [1, 2])]), forest()
)
late = [("text", text_only), ("numbers", numbers_only)]
models = {
    "text only: tf-idf + logistic": text_only,
    "numbers only: random forest": numbers_only,
    "late fusion: average of the two": VotingClassifier(late, voting="soft"),
    "late fusion: stacking, forest meta": StackingClassifier(
        late, final_estimator=forest(), cv=3
    ),
    "early fusion: logistic regression": make_pipeline(
        ColumnTransformer(
            [("text", TfidfVectorizer(), 0), ("nums", log_scaled, [1, 2])]
        ),
        LogisticRegression(solver="liblinear"),
    ),
    "early fusion: random forest": make_pipeline(
        ColumnTransformer(
            [("text", TfidfVectorizer(), 0), ("nums", "passthrough", [1, 2])],
            sparse_threshold=0,
        ),
        forest(),
    ),
}
y_test = escalated[test]
correct = {
    name: model.fit(X[train], escalated[train]).predict(X[test]) == y_test
    for name, model in models.items()
}
correct["oracle: true topic and rule"] = (logit[test] > 0) == y_test
print(f"{'model (1,500 train, 2,500 test tickets)':<40}{'accuracy':>8}")
for name, hits in correct.items():
    print(f"{name:<40}{hits.mean():>8.3f}")


def gap(a, b):  # paired difference on the same tickets: mean and 2 standard errors
    d = correct[a].astype(float) - correct[b]
    return d.mean(), 2 * d.std() / np.sqrt(d.size)


stacking, early_logistic, early_forest = list(models)[3:]
checks = {
    "early forest - stacking": gap(early_forest, stacking),
    "early forest - early logistic": gap(early_forest, early_logistic),
    "early logistic - stacking": gap(early_logistic, stacking),
}
for label, (mean, two_se) in checks.items():
    print(f"  {label:<38}{mean:>+8.3f} +/- {two_se:.3f} (paired, 2 se)")
# The gain comes from a joint model that can learn the cross-input interaction.
for label in ("early forest - stacking", "early forest - early logistic"):
    assert checks[label][0] > checks[label][1], label
