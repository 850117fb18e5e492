"""The texts the round trip runs over: the corpus's own resolutions, then synthetic ones."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from generator.check import load_checked_corpus
from generator.model import Body, Instrument, Resolution
from generator.synth import synthesize
from roundtrip.compare import Expected, expect

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def texts(count: int, seed: int) -> tuple[tuple[Expected, ...], Mapping[str, Body], Mapping[str, Instrument]]:
    """The four corpus texts and ``count`` synthetic ones from ``seed``, with what each must come back as."""
    corpus, report = load_checked_corpus(ROOT / "corpus")
    assert report.ok, report.format()
    rs: tuple[Resolution, ...] = (*corpus.resolutions, *synthesize(count, seed))
    return tuple(expect(r, corpus.bodies, corpus.instruments) for r in rs), corpus.bodies, corpus.instruments
