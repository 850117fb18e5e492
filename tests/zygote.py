"""Run ``atlas`` commands each in a process of its own, without paying an interpreter start for each.

The torture test runs about a hundred commands, each of which must be free to hang, crash or eat
memory without taking the test with it: so each runs in its own process, with a time limit and a
memory limit. Starting a Python interpreter and importing the program for each cost about a second
of CPU per command. Here one *zygote* process imports the program once; for each command it forks a
child, which sets its limits, moves to the project, runs ``generator.cli.main`` and exits. The child
starts from the zygote's state, which has only imported modules and compiled patterns and schemas (it
never runs a command itself), so each command sees a fresh program as a new interpreter would.

The zygote reads one request per line on stdin (JSON: cwd, args, env, stdin, timeout, memory) and
answers one line (JSON: returncode, None when the child was killed at the time limit, and output,
stdout then stderr). ``Zygotes`` keeps a few of them for a test module and hands them out one per
caller (a test module runs one command at a time; the inner loop runs modules on every core).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Answer:
    returncode: int | None  # None: killed at the time limit; negative: killed by that signal
    output: str  # stdout, then stderr


# --- the zygote (this file run as a script) -------------------------------------------------------------


def _serve() -> None:
    # What the commands import, imported once here (a child imports anything else it needs).
    import tqdm  # type: ignore[import-untyped]  # noqa: F401

    import generator.check
    import generator.cli
    import generator.importer.emit  # noqa: F401

    _warm_up()
    for line in sys.stdin:
        request = json.loads(line)
        answer = _run(request)
        sys.stdout.write(json.dumps({"returncode": answer.returncode, "output": answer.output}) + "\n")
        sys.stdout.flush()


def _warm_up() -> None:
    # Half of a small `atlas check` is compiling: the citation grammar's regular expressions, the
    # JSON Schemas' checks. Done once here, on the project's own bodies, instruments and a fixture
    # text (the torture corpora keep those bodies and instruments), they stay in the caches every
    # child inherits: the `re` module's, and the schema module's compiled checks of its package
    # data. A child still reads and builds everything of its own files; only the compiled patterns
    # and checks are ready for it. Nothing else is kept.
    from generator.citations.finder import Grammar
    from generator.diagnostics import Report
    from generator.schema.load import load_bodies, load_instruments, load_resolution

    report = Report()
    bodies, _ = load_bodies(REPO / "corpus" / "bodies.yaml", report)
    Grammar.of(bodies, load_instruments(REPO / "corpus" / "instruments", report))
    for text in sorted((REPO / "tests" / "fixtures" / "corpus" / "resolutions").glob("*.yaml")):
        load_resolution(text)


def _run(request: Mapping[str, object]) -> Answer:
    with tempfile.TemporaryDirectory(prefix="zygote-") as tmp:
        out, err, given = (Path(tmp) / name for name in ("out", "err", "in"))
        given.write_bytes(base64.b64decode(str(request.get("stdin") or "")))
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _child(request, out, err, given)
        deadline = time.monotonic() + float(str(request["timeout"]))
        status: int | None = None
        while status is None:
            done, raw = os.waitpid(pid, os.WNOHANG)
            if done:
                status = raw
            elif time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                break
            else:
                time.sleep(0.005)
        output = (out.read_bytes() + err.read_bytes()).decode("utf-8", "replace")
        return Answer(None if status is None else os.waitstatus_to_exitcode(status), output)


def _child(request: Mapping[str, object], out: Path, err: Path, given: Path) -> None:
    code = 70
    try:
        import resource

        memory = int(str(request["memory"]))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        os.chdir(str(request["cwd"]))
        env = request.get("env")
        if isinstance(env, dict):
            os.environ.update({str(k): str(v) for k, v in env.items()})
        # The command's stdin, stdout and stderr are files, as subprocess.run's pipes would be.
        for fd, path, mode in ((0, given, os.O_RDONLY), (1, out, os.O_WRONLY), (2, err, os.O_WRONLY)):
            handle = os.open(path, mode | (os.O_CREAT | os.O_TRUNC if fd else 0), 0o600)
            os.dup2(handle, fd)
            os.close(handle)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115  # the process's own
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.argv = ["atlas", *[str(a) for a in request["args"]]]  # type: ignore[attr-defined]
        from generator.cli import main

        try:
            code = main(sys.argv[1:])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # what the interpreter would print for an uncaught exception
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


# --- the test's side ------------------------------------------------------------------------------------


class Zygote:
    """One zygote process; ``run`` one command at a time."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def run(
        self,
        cwd: Path,
        args: list[str],
        *,
        env: Mapping[str, str],
        stdin: bytes | None,
        timeout: float,
        memory: int,
    ) -> Answer:
        assert self.process.stdin is not None and self.process.stdout is not None
        request = {
            "cwd": str(cwd),
            "args": args,
            "env": dict(env),
            "stdin": base64.b64encode(stdin or b"").decode("ascii"),
            "timeout": timeout,
            "memory": memory,
        }
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the zygote died")
        raw = json.loads(line)
        return Answer(raw["returncode"], raw["output"])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


class Zygotes:
    """A few zygotes, lent one per caller (threads may run commands side by side)."""

    def __init__(self, count: int) -> None:
        self._all = [Zygote() for _ in range(count)]
        self._free: queue.Queue[Zygote] = queue.Queue()
        for z in self._all:
            self._free.put(z)

    @contextlib.contextmanager
    def lend(self) -> Iterator[Zygote]:
        zygote = self._free.get()
        try:
            yield zygote
        finally:
            self._free.put(zygote)

    def close(self) -> None:
        for z in self._all:
            z.close()


if __name__ == "__main__":
    _serve()
