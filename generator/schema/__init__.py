"""The corpus's formats and their loading: JSON Schemas, YAML read with positions, the model built.

``resolution.schema.json``, ``bodies.schema.json`` and ``instrument.schema.json`` describe the YAML
files (editors use them through the ``# yaml-language-server: $schema=…`` line); ``load`` reads a
corpus into the frozen model of ``generator.model`` with a Diagnostic for every problem.
"""

from generator.schema.load import (
    ResolutionDataError,
    load_bodies,
    load_corpus,
    load_instruments,
    load_resolution,
    resolution_from_data,
)

__all__ = [
    "ResolutionDataError",
    "load_bodies",
    "load_corpus",
    "load_instruments",
    "load_resolution",
    "resolution_from_data",
]
