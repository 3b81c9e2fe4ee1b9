"""Start a real `toolkit serve` in a subprocess on a free loopback port (for the tests)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_config(
    path: Path,
    models: dict[str, Path],
    translate: dict[str, object] | None = None,
    **serve: object,
) -> Path:
    """A config file with the given [translate] settings, [translate.models] and [serve]
    settings (the translation memory off)."""
    lines = ["[translate]", *_values({"cache": False, **(translate or {})}), ""]
    lines += ["[translate.models]", *(f'"{pair}" = "{model}"' for pair, model in models.items())]
    lines += ["", "[serve]", *_values(serve)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _values(settings: dict[str, object]) -> list[str]:
    lines = []
    for key, value in settings.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, str):
            lines.append(f'{key} = "{value}"')
        else:
            lines.append(f"{key} = {value}")
    return lines


@contextmanager
def running_server(config: Path, *extra: str, timeout: float = 60.0, launcher: str = "toolkit"):
    """Yield (base URL, process) of a server started with `config`; stop it (Ctrl-C) after.

    `launcher`: the module run with `python -m` (a benchmark's own, to patch the engine)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            launcher,
            "--config",
            str(config),
            "serve",
            "--port",
            str(port),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {proc.stderr.read().decode()}")
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start")
            time.sleep(0.1)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(2)  # SIGINT, as Ctrl-C
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        proc.stdout.close()
        proc.stderr.close()
