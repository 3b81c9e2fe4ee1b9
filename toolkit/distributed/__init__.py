"""Folder runs on Ray Data: the same jobs as `toolkit.batch`, spread over a Ray cluster.

    toolkit translate wires/ --to es,fr --out out/ --ray            # a local Ray instance
    toolkit translate wires/ --to es,fr --out out/ --ray auto       # an existing cluster

From Python, set ``config.ray.enabled`` (and ``ray.address``, ``ray.actors``...) and call
`toolkit.batch.translate_tree` / `summarize_tree` as usual: they hand the run to
`run_on_ray`. The outputs, the manifest, the resume and the report are the local run's
(see `toolkit.distributed.driver`). Needs the optional extra: ``pip install 'toolkit[ray]'``;
nothing here imports Ray until a run starts.
"""

from __future__ import annotations

from toolkit.distributed.driver import run_on_ray

__all__ = ["run_on_ray"]
