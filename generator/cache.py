"""A cache of loaded and checked resolution files, kept between builds (``build/cache/``).

Reading a resolution (YAML with positions, the schema, the rules: ``load_resolution``) costs
milliseconds a file; a corpus of 10,000 files is read in tens of seconds, and most builds change
one file or none. The cache stands *around* the loader's public entry point: for a file whose bytes
it has seen, it hands back what ``load_resolution`` made of them (the frozen ``Resolution`` and the
diagnostics), without knowing anything of how the loader works.

An entry is found by a key that names everything the answer depends on: the file's path and the
SHA-256 of its bytes, and the *code* that read it (the generator's Python files and JSON Schemas,
hashed once per cache). An edited file, a changed schema or an upgraded atlas has other keys, so a
stale entry is never found; an entry no build has used since the one before is removed.

Entries are pickles, read by an unpickler that builds only the model's own types (a file under
``build/`` that someone replaced cannot run code), each checked against a SHA-256 of its bytes
stored with it. A damaged, truncated or foreign entry is a miss: the file is read again and the
entry rewritten. The directory is safe to delete at any time.

Two layers: entries on disk, shared by every build (``atlas build``, the offline bundle, a later
``serve``) and by the forked processes that read a large corpus, and the answers of the running
process (``serve`` rebuilds after each edit, in one process), dropped for files the last build did
not read.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from generator import parallel
from generator.diagnostics import Diagnostic
from generator.model import Resolution
from generator.schema.load import Loaded

Loader = Callable[[Path], Loaded]
# A file's key (None: it cannot be read), where its answer came from ("memory", "disk", "read" or
# "damaged": read again because its entry was), and the answer.
_Answer = tuple[str | None, str, Loaded]

# Bumped when the layout of an entry changes (the code hash covers everything else).
FORMAT = b"atlas-text-cache 1\n"
PACKAGE = Path(__file__).resolve().parent


def code_fingerprint(root: Path = PACKAGE) -> str:
    """SHA-256 of the generator's own code and schemas: a new version never reads an old answer."""
    digest = hashlib.sha256(FORMAT)
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".json", ".yaml") and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class _ModelUnpickler(pickle.Unpickler):
    """Builds the model's types and the few standard ones they hold; anything else is refused."""

    ALLOWED: ClassVar[set[tuple[str, str]]] = {
        ("builtins", "frozenset"),
        ("builtins", "set"),
        ("datetime", "date"),
        ("generator.diagnostics", "Diagnostic"),
    }

    def find_class(self, module: str, name: str) -> Any:
        if module == "generator.model" or (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a cached text")


@dataclass
class CacheStats:
    """What a build found: answers from this process, from disk, and files read afresh."""

    memory: int = 0
    disk: int = 0
    read: int = 0
    damaged: int = 0

    def summary(self) -> str:
        text = f"{self.memory + self.disk} cached ({self.disk} from disk), {self.read} read"
        return text + (f", {self.damaged} damaged entries replaced" if self.damaged else "")


@dataclass
class TextCache:
    """Loaded and checked texts by content; ``directory`` None keeps them in this process only."""

    directory: Path | None
    loader: Loader
    code: str = field(default_factory=code_fingerprint)
    stats: CacheStats = field(default_factory=CacheStats)
    # This process's answers: path → (key, answer); the last build's files only.
    _memory: dict[str, tuple[str, Loaded]] = field(default_factory=dict)
    _used: dict[str, tuple[str, Loaded]] = field(default_factory=dict)
    _started: float = 0.0

    def begin(self) -> None:
        """A build starts: count afresh, and remember only the files it reads."""
        self.stats = CacheStats()
        self._used = {}
        self._started = time.time()

    def end(self) -> None:
        """A build is done: forget what it did not read, here and on disk.

        An entry a build reads from disk is touched (in whichever process read it), and this
        process knows what it used; an entry neither used nor touched since the start of the
        build before was used by neither build: an edited or deleted file's, or older code's.
        """
        kept = {key for key, _ in self._used.values()}
        self._memory = self._used
        self._used = {}
        if self.directory is None or not self.directory.is_dir():
            return
        stamp = self.directory / "last-build-started"
        try:
            previous = float(stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            previous = 0.0
        for entry in self.directory.glob("*/*.pickle"):
            try:
                if entry.stem not in kept and entry.stat().st_mtime < previous:
                    entry.unlink()
            except OSError:
                continue
        with contextlib.suppress(OSError):
            stamp.write_text(repr(self._started), encoding="utf-8")

    def load(self, path: Path) -> Loaded:
        """``loader(path)``, or the answer it gave for the same bytes at the same path."""
        return self._keep(path, self._answer(path))

    def load_all(self, paths: Sequence[Path], done: Callable[[int], None] | None = None) -> list[Loaded]:
        """:meth:`load` of each file, on every core when there are many (in file order). The
        answers a worker process found are remembered here too, so that the next build of this
        process (``serve``) has every text in memory, not only those it read itself."""
        answers = parallel.map_in_order(self._answer, paths, progress=done)
        return [self._keep(path, answer) for path, answer in zip(paths, answers, strict=True)]

    def _answer(self, path: Path) -> _Answer:
        """The answer for one file, its key (None: the file cannot be read) and where it came from."""
        try:
            data = path.read_bytes()
        except OSError:
            return None, "read", self.loader(path)  # it reports the file it cannot read
        key = hashlib.sha256(f"{self.code}\0{path}\0".encode() + data).hexdigest()
        hit = self._memory.get(str(path))
        if hit is not None and hit[0] == key:
            return key, "memory", hit[1]
        found, damaged = self._read(key)
        if found is not None:
            return key, "disk", found
        loaded = self.loader(path)
        self._write(key, loaded)
        return key, "damaged" if damaged else "read", loaded

    def _keep(self, path: Path, answer: _Answer) -> Loaded:
        key, source, loaded = answer
        if source == "memory":
            self.stats.memory += 1
        elif source == "disk":
            self.stats.disk += 1
        else:
            self.stats.read += 1
            self.stats.damaged += source == "damaged"
        if key is not None:
            self._used[str(path)] = (key, loaded)
        resolution, diagnostics = loaded
        return resolution, list(diagnostics)  # the caller may extend its list

    # --- on disk ---------------------------------------------------------------------------------

    def _entry(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.pickle"

    def _read(self, key: str) -> tuple[Loaded | None, bool]:
        """The entry of ``key``, and whether one was there but damaged."""
        if self.directory is None:
            return None, False
        entry = self._entry(key)
        try:
            raw = entry.read_bytes()
            os.utime(entry)  # used by this build: see end()
        except OSError:
            return None, False
        try:
            start = len(FORMAT)
            header, digest, payload = raw[:start], raw[start : start + 32], raw[start + 32 :]
            if header != FORMAT or hashlib.sha256(payload).digest() != digest:
                raise ValueError("damaged entry")
            value = _ModelUnpickler(io.BytesIO(payload)).load()
            if not _is_loaded(value):
                raise ValueError("not a loaded text")
        except Exception:  # damaged, truncated, foreign: never trusted, read the file again
            return None, True
        resolution, diagnostics = value
        return (resolution, diagnostics), False

    def _write(self, key: str, loaded: Loaded) -> None:
        if self.directory is None:
            return
        payload = pickle.dumps((loaded[0], list(loaded[1])), protocol=pickle.HIGHEST_PROTOCOL)
        target = self._entry(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Written beside and renamed: a build interrupted here leaves no half entry.
            with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".tmp-", delete=False) as tmp:
                tmp.write(FORMAT + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp.name, target)
        except OSError:
            pass  # a cache that cannot be written is only slower


def _is_loaded(value: object) -> bool:
    if not (isinstance(value, tuple) and len(value) == 2):
        return False
    resolution, diagnostics = value
    return (resolution is None or isinstance(resolution, Resolution)) and (
        isinstance(diagnostics, list) and all(isinstance(d, Diagnostic) for d in diagnostics)
    )
