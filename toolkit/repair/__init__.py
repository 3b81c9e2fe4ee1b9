"""Repair of machine-translation artifacts: named rules, an audit log, flags, a guarded LLM.

    from toolkit.repair import repair
    result = repair("US forces.The talks continues. felt in Kabul", lang="en")
    result.text    # "US forces. The talks continues felt in Kabul"
    result.edits   # [Edit(rule="glued_sentences", ...), Edit(rule="broken_sentences", ...)]
    result.flags   # suspect spans left for a person (or the model post-editor)

Rules live in `rules.py` (fixes) and `flags.py` (checks); language data in
`languages.py`; the optional model post-editor in `postedit.py` (imports torch only
when used).
"""

import sys
import types

from toolkit.repair.core import repair
from toolkit.repair.edits import Edit, Flag, Repaired
from toolkit.repair.flags import CHECKS
from toolkit.repair.rules import RULES

__all__ = ["CHECKS", "RULES", "Edit", "Flag", "Repaired", "repair"]


class _CallableModule(types.ModuleType):
    """Lets `from toolkit import repair; repair(text)` work although `repair` is a package."""

    def __call__(self, text: str, lang: str | None = None, *, config=None) -> Repaired:
        return repair(text, lang, config=config)


sys.modules[__name__].__class__ = _CallableModule
