"""The main job: an article in, briefs in every requested language out.

    from toolkit.pipeline import Pipeline
    result = Pipeline().run(text, to="es,fr")   # detect, repair, summarize, brief, check
    print(render_result(result, "markdown"))

This package alone owns briefs: `briefs.BriefWriter` writes them (the summary itself,
a translation, or an LLM brief), runs the fact checks and drops repeated warnings, for
`Pipeline` (one article) and for folder runs (`toolkit.batch.summarize_tree`, batching
across files). `result` holds what comes out (`Result`, `Brief`, the JSON shape) and
`render` shows it as text, Markdown or JSON.
"""

from toolkit.pipeline.briefs import BriefWriter, Summarized
from toolkit.pipeline.render import render_result
from toolkit.pipeline.result import SCHEMA_VERSION, Brief, Result
from toolkit.pipeline.run import Pipeline

__all__ = [
    "SCHEMA_VERSION",
    "Brief",
    "BriefWriter",
    "Pipeline",
    "Result",
    "Summarized",
    "render_result",
]
