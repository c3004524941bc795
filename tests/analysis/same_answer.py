"""Two optimiser answers are the same: equal choices and words, figures equal to 1e-12.

Figures computed in another process may differ in the last bit (numpy's pairwise sums
depend on how an array happens to be aligned in memory), never more.
"""

import math


def same(a: object, b: object, path: str = "") -> None:
    """Raise AssertionError naming the first place where ``a`` and ``b`` differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), path
        for key in a:
            same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15), f"{path}: {a} != {b}"
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"
