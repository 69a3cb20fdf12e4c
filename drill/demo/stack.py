"""Start and stop a real Prometheus and Alertmanager on loopback, from code.

Each run gets free ports, a temporary directory for configs, data and logs, and is ready when
both answer `GET /-/ready` (polled until a deadline). Stopping terminates both (then kills them
if they linger) and removes the directory. The binaries are the Debian packages `prometheus` and
`prometheus-alertmanager` (Alertmanager's binary is `prometheus-alertmanager` there,
`alertmanager` upstream); `MissingBinaries` says how to install them.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import httpx

PROMETHEUS_BINARIES = ("prometheus",)
ALERTMANAGER_BINARIES = ("prometheus-alertmanager", "alertmanager")
INSTALL_HINT = (
    "Install them with `sudo apt-get install prometheus prometheus-alertmanager` (Debian/Ubuntu), "
    "or put the `prometheus` and `alertmanager` binaries from https://prometheus.io/download/ "
    "on PATH."
)
READY_TIMEOUT_SECONDS = 30.0


class MissingBinaries(RuntimeError):
    """Prometheus and/or Alertmanager are not installed; the message says how to get them."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"{' and '.join(missing)} not found on PATH. {INSTALL_HINT}")
        self.missing = missing


class StackFailed(RuntimeError):
    """A process exited or did not become ready in time; the message carries its log tail."""


@dataclass(frozen=True)
class Binaries:
    prometheus: str
    alertmanager: str


def find_binaries() -> Binaries:
    """Both binaries' paths, or `MissingBinaries`."""
    prometheus = next((p for p in map(shutil.which, PROMETHEUS_BINARIES) if p), None)
    alertmanager = next((p for p in map(shutil.which, ALERTMANAGER_BINARIES) if p), None)
    missing = [
        name
        for name, path in (("prometheus", prometheus), ("alertmanager", alertmanager))
        if not path
    ]
    if missing:
        raise MissingBinaries(missing)
    assert prometheus and alertmanager
    return Binaries(prometheus, alertmanager)


def free_port() -> int:
    """A port free right now on 127.0.0.1 (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Process:
    def __init__(self, name: str, argv: list[str], log_path: Path) -> None:
        self.name = name
        self.argv = argv
        self.log_path = log_path
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        log = self.log_path.open("wb")  # the child writes to its own copy of the descriptor
        try:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
                stdin=asyncio.subprocess.DEVNULL,
            )
        finally:
            log.close()

    def log_tail(self, lines: int = 15) -> str:
        with suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    async def stop(self, grace: float = 5.0) -> None:
        process = self.process
        if process is None or process.returncode is not None:
            return
        with suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            with suppress(ProcessLookupError):
                process.kill()
            await process.wait()


class PrometheusStack:
    """A loopback Prometheus + Alertmanager pair. Configure with the generated YAML texts:

        stack = PrometheusStack(prometheus_yml=..., rules_yml=..., alertmanager_yml=...)
        await stack.start()      # or `async with`
        stack.prometheus_url, stack.alertmanager_url

    Prometheus' config needs Alertmanager's address, so pass `prometheus_yml` as a function of
    it: `lambda alertmanager_address: prometheus_config(targets, alertmanager_address)`.
    """

    def __init__(
        self,
        *,
        prometheus_yml,
        rules_yml: str,
        alertmanager_yml: str,
        ready_timeout: float = READY_TIMEOUT_SECONDS,
        binaries: Binaries | None = None,
    ) -> None:
        self.binaries = binaries or find_binaries()
        self._prometheus_yml = prometheus_yml
        self.rules_yml = rules_yml
        self.alertmanager_yml = alertmanager_yml
        self.ready_timeout = ready_timeout
        self.workdir: Path | None = None
        self.prometheus_port: int | None = None
        self.alertmanager_port: int | None = None
        self._processes: list[_Process] = []

    @property
    def prometheus_url(self) -> str:
        return f"http://127.0.0.1:{self.prometheus_port}"

    @property
    def alertmanager_url(self) -> str:
        return f"http://127.0.0.1:{self.alertmanager_port}"

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def start(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="ic-prom-"))
        try:
            await self._start()
        except BaseException:
            await self.stop()
            raise

    async def _start(self) -> None:
        assert self.workdir is not None
        self.alertmanager_port = free_port()
        self.prometheus_port = free_port()
        am_address = f"127.0.0.1:{self.alertmanager_port}"
        (self.workdir / "alertmanager.yml").write_text(self.alertmanager_yml)
        (self.workdir / "rules.yml").write_text(self.rules_yml)
        prometheus_yml = (
            self._prometheus_yml(am_address)
            if callable(self._prometheus_yml)
            else self._prometheus_yml
        )
        (self.workdir / "prometheus.yml").write_text(prometheus_yml)
        (self.workdir / "am-data").mkdir()
        (self.workdir / "prom-data").mkdir()

        alertmanager = _Process(
            "alertmanager",
            [
                self.binaries.alertmanager,
                f"--config.file={self.workdir / 'alertmanager.yml'}",
                f"--storage.path={self.workdir / 'am-data'}",
                f"--web.listen-address={am_address}",
                "--cluster.listen-address=",  # no gossip port: one instance, loopback only
                "--log.level=warn",
            ],
            self.workdir / "alertmanager.log",
        )
        prometheus = _Process(
            "prometheus",
            [
                self.binaries.prometheus,
                f"--config.file={self.workdir / 'prometheus.yml'}",
                f"--storage.tsdb.path={self.workdir / 'prom-data'}",
                f"--web.listen-address=127.0.0.1:{self.prometheus_port}",
                "--rules.alert.resend-delay=1s",
                "--log.level=warn",
            ],
            self.workdir / "prometheus.log",
        )
        self._processes = [alertmanager, prometheus]
        for process in self._processes:
            await process.start()
        await asyncio.gather(
            self._wait_ready(alertmanager, self.alertmanager_url),
            self._wait_ready(prometheus, self.prometheus_url),
        )

    async def _wait_ready(self, process: _Process, url: str) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.ready_timeout
        async with httpx.AsyncClient(timeout=1.0) as client:
            while True:
                assert process.process is not None
                if process.process.returncode is not None:
                    raise StackFailed(
                        f"{process.name} exited with {process.process.returncode}:\n{process.log_tail()}"
                    )
                with suppress(httpx.HTTPError):
                    if (await client.get(url + "/-/ready")).status_code == 200:
                        return
                if loop.time() > deadline:
                    raise StackFailed(
                        f"{process.name} not ready at {url} after {self.ready_timeout:g}s:\n{process.log_tail()}"
                    )
                await asyncio.sleep(0.1)

    async def stop(self) -> None:
        await asyncio.gather(*(p.stop() for p in reversed(self._processes)), return_exceptions=True)
        self._processes = []
        if self.workdir is not None and not os.environ.get("IC_KEEP_PROM_DIR"):
            shutil.rmtree(self.workdir, ignore_errors=True)
