"""Print the round-trip pass rate per layout: ``cd tests && ../.venv/bin/python -m roundtrip [N] [SEED]``.

Texts are counted in two groups, as tests/test_roundtrip.py runs them: resolutions (with the decisions
written like them) and short decisions (lettered items in the past tense, or one sentence).
"""

from __future__ import annotations

import sys
from collections import Counter

from roundtrip.corpus import texts
from roundtrip.layouts import LAYOUTS, MULTI, groups
from roundtrip.run import Outcome, round_trip, round_trip_many


def _short_decision(e: object) -> bool:
    r = e.resolution  # type: ignore[attr-defined]
    return bool(r.kind == "decision" and not r.preamble)


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 200
    seed = int(argv[1]) if len(argv) > 1 else 8
    expected, bodies, instruments = texts(count, seed)
    short = [e for e in expected if _short_decision(e)]
    full = [e for e in expected if not _short_decision(e)]
    for layout in LAYOUTS:
        for group, chosen in (("resolutions", full), ("short-decisions", short)):
            outcomes = round_trip(layout, chosen, bodies, instruments)
            if outcomes:
                _print(f"{layout.name} / {group}", outcomes)
    _print(MULTI.name, round_trip_many(MULTI, groups(expected, lambda e: e.resolution), bodies, instruments))
    return 0


def _print(name: str, outcomes: list[Outcome]) -> None:
    passed = sum(o.passed for o in outcomes)
    print(f"{name:40} {passed:4}/{len(outcomes):<4}")
    reasons = Counter((o.problem or "").split("\n")[0][:90] for o in outcomes if not o.passed)
    for reason, n in reasons.most_common(3):
        print(f"    {n:4}  {reason}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
