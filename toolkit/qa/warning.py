"""`QAWarning`: one fact a check found changed, dropped or unsupported."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("number", "percentage", "date", "name", "quote", "glossary")  # glossary: toolkit.glossary


@dataclass(frozen=True)
class QAWarning:
    """One fact that looks changed, dropped or unsupported."""

    kind: str  # one of KINDS
    value: str  # the value as written in the text it comes from
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value, "message": self.message}
