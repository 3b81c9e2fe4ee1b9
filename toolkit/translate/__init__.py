"""Translation: segmentation, model registry, pivoting, translation memory, engines.

Engines live in `toolkit.translate.backends` (a `Backend` per engine, chosen by
`translate.engine`); model families and their language codes in
`toolkit.translate.families`.
"""
