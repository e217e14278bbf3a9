"""Undeclared Data Dependency: an upstream change breaks the model without an error.

Another team owns the `amount` and `channel` fields and changes them without notice.
Look at: the model keeps scoring and its accuracy falls, while a schema declared from
the training data (type, range, categories, category shares) stops each broken batch.
"""

import numpy as np
from sklearn.compose import make_column_transformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

rng = np.random.default_rng(0)
CHANNELS, SHARES = np.array(["web", "app", "store"]), [0.6, 0.3, 0.1]


def orders(n: int) -> tuple:
    """Columns: amount in dollars, account age in days, sales channel."""
    channel = rng.choice(CHANNELS, size=n, p=SHARES)
    amount = rng.lognormal(3.5, 1.0, size=n)
    age = rng.exponential(400, size=n)
    logit = 1.5 * (np.log(amount) - 3.5) - age / 300 + 2.5 * (channel == "web") - 1.5
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    X = np.empty((n, 3), dtype=object)  # a table of mixed types, as a service sends it
    X[:, 0], X[:, 1], X[:, 2] = amount, age, channel
    return X, y  # one row per order; y: did manual review judge it high-risk?


def declare_schema(X: np.ndarray, numeric: dict, categorical: dict) -> dict:
    """Numeric columns: range seen in training. Categorical: values and their shares."""
    schema = {}
    for name, col in numeric.items():
        values = X[:, col].astype(float)
        schema[name] = ("numeric", col, (values.min(), values.max()))
    for name, col in categorical.items():
        values, counts = np.unique(X[:, col].astype(str), return_counts=True)
        shares = dict(zip(values.tolist(), counts / counts.sum(), strict=True))
        schema[name] = ("categorical", col, shares)
    return schema


def validate(X: np.ndarray, schema: dict, max_outside=0.01, max_shift=0.1) -> list:
    """Return the rules a batch breaks; an empty list means it may be scored."""
    problems = []
    for name, (kind, col, expected) in schema.items():
        if kind == "numeric":
            try:
                values = X[:, col].astype(float)
            except ValueError:
                problems.append(f"{name}: not numeric")
                continue
            outside = np.mean((values < expected[0]) | (values > expected[1]))
            if outside > max_outside:
                problems.append(f"{name}: {outside:.0%} outside training range")
            continue
        values, counts = np.unique(X[:, col].astype(str), return_counts=True)
        unknown = sorted(set(values.tolist()) - set(expected))
        shares = dict(zip(values.tolist(), counts / counts.sum(), strict=True))
        shift = max(abs(shares.get(v, 0.0) - p) for v, p in expected.items())
        if unknown:
            problems.append(
                f"{name}: {len(unknown)} unseen values, e.g. {unknown[0]!r}"
            )
        elif shift > max_shift:  # L-infinity distance between category shares
            problems.append(f"{name}: shares moved by {shift:.2f}")
    return problems


X_train, y_train = orders(5000)
# Declared once, reviewed, and versioned with the model: the contract with the owners.
schema = declare_schema(X_train, {"amount": 0, "age": 1}, {"channel": 2})
encode = make_column_transformer(
    (
        make_pipeline(FunctionTransformer(np.log1p, validate=True), StandardScaler()),
        [0],
    ),
    (StandardScaler(), [1]),
    (OneHotEncoder(handle_unknown="ignore"), [2]),
)
model = make_pipeline(encode, LogisticRegression(solver="newton-cholesky"))
model.fit(X_train, y_train)

clean = [orders(2000) for _ in range(20)]  # 20 ordinary weeks: false-alarm check
clean_acc = [model.score(X, y) for X, y in clean]
false_alarms = sum(bool(validate(X, schema)) for X, _ in clean)
X_week, y_week = orders(2000)
cents, renamed, merged = X_week.copy(), X_week.copy(), X_week.copy()
cents[:, 0] = cents[:, 0] * 100  # payments team now sends cents
renamed[:, 2] = np.char.upper(renamed[:, 2].astype(str))  # "web" becomes "WEB"
merged[:, 2] = np.where(merged[:, 2] == "app", "web", merged[:, 2])  # app logged as web

base_rate = y_train.mean()
print(f"high-risk orders in training: {base_rate:.1%}", end="")
print(f" (always answering 'low risk' scores {1 - base_rate:.3f})")
columns = ("batch", "accuracy if scored", "held for review", "declared schema check")
print(f"{columns[0]:<22} {columns[1]:>18}  {columns[2]:>15}  {columns[3]}")
accuracy = f"{np.mean(clean_acc):.3f} +/- {np.std(clean_acc):.3f}"
held = np.mean([model.predict(X).mean() for X, _ in clean])
print(f"{'20 ordinary weeks':<22} {accuracy:>18}  {held:>15.0%}  {false_alarms} alarms")
caught = []
for name, X in [
    ("amount sent in cents", cents),
    ("channel renamed", renamed),
    ("app orders tagged web", merged),
]:
    problems = validate(X, schema)
    caught.append(bool(problems))
    acc, held = model.score(X, y_week), model.predict(X).mean()
    verdict = "STOP " + problems[0] if problems else "pass"
    print(f"{name:<22} {acc:>18.3f}  {held:>15.0%}  {verdict}")
    assert acc < np.mean(clean_acc) - 5 * np.std(clean_acc)  # silent, real damage
print(f"no contract: {len(caught)} broken batches scored, no error raised")
stopped = f"{sum(caught)} of {len(caught)} stopped, {false_alarms} false alarms"
print(f"declared schema check: {stopped}")
assert all(caught) and false_alarms == 0
