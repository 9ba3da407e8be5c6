"""Advice a woman can act on: medicine verdicts by stage and a self-care plan.

Everything clinical lives in the pack (medicines.yaml, advice.yaml); these
modules match, select and render.
"""

from gravida.advice.medicines import MedicineVerdict, check, load_medicines
from gravida.advice.plan import Plan, build_plan, load_advice

__all__ = [
    "MedicineVerdict",
    "Plan",
    "build_plan",
    "check",
    "load_advice",
    "load_medicines",
]
