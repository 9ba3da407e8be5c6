"""Scoring against vignettes: `gravida eval` in full, interview and narrative mode.

An application over the core, like the service: it drives the engine, the
intake and the interview (a simulated patient answers the questions) and
reports top-1/top-3, triage agreement, under-triage and Brier scores. The
CLI calls it; nothing below it may import it (docs/architecture.md).
"""
