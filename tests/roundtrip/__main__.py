"""Print the round-trip pass rate per layout: ``cd tests && ../.venv/bin/python -m roundtrip [N] [SEED]``."""

from __future__ import annotations

import sys
from collections import Counter

from roundtrip.corpus import texts
from roundtrip.layouts import LAYOUTS, MULTI, groups
from roundtrip.run import round_trip, round_trip_many


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 200
    seed = int(argv[1]) if len(argv) > 1 else 8
    rs, bodies, instruments = texts(count, seed)
    for layout in LAYOUTS:
        outcomes = round_trip(layout, rs, bodies, instruments)
        _print(layout.name, outcomes)
    _print(MULTI.name, round_trip_many(MULTI, groups(rs, lambda e: e.resolution), bodies, instruments))
    return 0


def _print(name: str, outcomes: list) -> None:  # type: ignore[type-arg]
    passed = sum(o.passed for o in outcomes)
    print(f"{name:16} {passed:4}/{len(outcomes):<4}")
    reasons = Counter((o.problem or "").split("\n")[0][:90] for o in outcomes if not o.passed)
    for reason, n in reasons.most_common(4):
        print(f"    {n:4}  {reason}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
