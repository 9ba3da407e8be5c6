"""Outputs: the one Report (assessment + plan + work-up) and what is made from it.

``build`` composes the Report every interface returns; ``handoff``, ``fhir``
and ``summary`` turn a Report (and, for an interview, its Session) into the
documents handed to others: a FHIR R4B Bundle and a one-page printable summary.
"""

from __future__ import annotations

from gravida.report.build import Report, Why, build_report, factor_words

__all__ = ["Report", "Why", "build_report", "factor_words"]
