"""Gravida: assessment of low back pain in pregnancy.

The public surface is small: load a pack, build an Engine, assess a Case.
"""

from gravida.engine import Assessment, Case, CaseError, Engine, Triage
from gravida.knowledge import Pack, PackError, default_pack, load_pack

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "Case",
    "CaseError",
    "Engine",
    "Pack",
    "PackError",
    "Triage",
    "__version__",
    "default_pack",
    "load_pack",
]
