"""Repair of machine-translation artifacts: named rules, an audit log, flags, a guarded LLM.

    from toolkit.repair import repair
    result = repair("US forces.The talks continues. felt in Kabul", lang="en")
    result.text    # "US forces. The talks continues felt in Kabul"
    result.edits   # [Edit(rule="glued_sentences", ...), Edit(rule="broken_sentences", ...)]
    result.flags   # suspect spans left for a person (or the model post-editor)

Rules are listed in `rules.py` (fixes; the larger ones in `quoting.py`,
`sentence_rules.py` and `doubles.py`) and `flags.py` (checks); language data in
`languages.py`; the optional model post-editor in `postedit.py` (imports torch only
when used).
"""

from toolkit._stage import make_callable
from toolkit.repair.core import repair
from toolkit.repair.edits import Edit, Flag, Repaired
from toolkit.repair.flags import CHECKS
from toolkit.repair.rules import RULES

__all__ = ["CHECKS", "RULES", "Edit", "Flag", "Repaired", "repair"]


make_callable(__name__, repair)
