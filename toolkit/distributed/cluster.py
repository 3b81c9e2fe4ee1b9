"""Importing Ray, and starting or joining a cluster for one folder run.

Ray is an optional extra: without it a Ray run is one `ConfigError` naming the install
command. With no address a local Ray instance is started for the run and stopped after
it; with one (``auto``, ``ray://head:10001``, ``head:6379``) the run joins that cluster as
a driver. A process that already called ``ray.init`` (a notebook, a test session) keeps
its own connection, untouched.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from toolkit.config import RayConfig
from toolkit.errors import ConfigError

INSTALL_HINT = "install it with: pip install 'toolkit[ray]'"
_RAY_PACKAGES = ("ray", "pyarrow", "pandas")  # what `import ray.data` needs
PROBE_SECONDS = 5.0  # how long a cluster address may take to accept a connection


def import_ray() -> Any:
    """The `ray` module with `ray.data` loaded, or a one-line error saying how to get it."""
    try:
        import ray
        import ray.data
        import ray.exceptions
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in _RAY_PACKAGES:
            raise
        raise ConfigError(
            "folder runs on Ray (--ray) need the package 'ray[data]'", hint=INSTALL_HINT
        ) from exc
    return ray


@contextmanager
def connected(settings: RayConfig) -> Iterator[Any]:
    """Connect to Ray for the duration of a run; yields the `ray` module."""
    ray = import_ray()
    if ray.is_initialized():
        check_resources(ray, settings)
        yield ray
        return
    address = settings.address or None
    options: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
    if address is None:
        options["include_dashboard"] = False
    try:
        ray.init(address=address, **options)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        where = f"the Ray cluster at {address}" if address else "a local Ray instance"
        raise ConfigError(
            f"cannot start or reach {where}: {str(exc).splitlines()[0] if str(exc) else exc!r}",
            hint="check ray.address (--ray ADDRESS), or run without --ray",
        ) from exc
    try:
        check_resources(ray, settings)
        yield ray
    finally:
        ray.shutdown()


def check_address(address: str, timeout: float = PROBE_SECONDS) -> None:
    """Refuse at once a cluster address nothing answers on: `ray.init` would retry it for
    minutes. ``""`` (a local instance) and ``auto`` (found by Ray itself) are not probed."""
    if address in ("", "auto"):
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(
            f"bad Ray address {address!r}",
            hint="give HOST:PORT, ray://HOST:PORT or auto (--ray ADDRESS, ray.address)",
        )
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ConfigError(
            f"no Ray cluster answers at {address} ({exc.strerror or exc})",
            hint="check the address (ray status on the head node), or run without --ray",
        ) from exc


def check_resources(ray: Any, settings: RayConfig) -> None:
    """Refuse an actor pool the cluster cannot hold now: Ray would wait for it forever."""
    have = ray.cluster_resources()
    for resource, each in (("CPU", settings.num_cpus), ("GPU", settings.num_gpus)):
        need = settings.actors * each
        if need > have.get(resource, 0.0):
            raise ConfigError(
                f"the Ray cluster has {have.get(resource, 0.0):g} {resource}s; "
                f"{settings.actors} actors x ray.num_{resource.lower()}s={each:g} need {need:g}",
                hint="lower ray.actors or ray.num_cpus / ray.num_gpus, or add nodes",
            )
