"""The engine: case → evidence → posterior → triage and explanations."""

from gravida.engine.assess import Assessment, Engine, Explanation, Factor, RankedCondition
from gravida.engine.case import Case, CaseError, FieldError, Findings
from gravida.engine.model import Evidence, Model
from gravida.engine.triage import Triage, TriageReason

__all__ = [
    "Assessment",
    "Case",
    "CaseError",
    "Engine",
    "Evidence",
    "Explanation",
    "Factor",
    "FieldError",
    "Findings",
    "Model",
    "RankedCondition",
    "Triage",
    "TriageReason",
]
