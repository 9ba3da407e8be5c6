"""The service's ground floor: its settings, store and caches, and the engine per language.

See gravida.service.service for what the service layer is.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from gravida.engine import Case, CaseError, Engine
from gravida.knowledge.i18n import N_
from gravida.knowledge.load import Pack, PackError, default_pack, load_pack
from gravida.service.caches import ParseCarry, SessionCache
from gravida.service.errors import Unavailable
from gravida.service.requests import (
    invalid,
    invalid_case,
    nearest,
)
from gravida.service.results import (
    VocabularyView,
)
from gravida.settings import Settings
from gravida.store import InterviewStore

log = logging.getLogger("gravida.api")


class ServiceBase:
    """The loaded core, the store and the per-worker caches every call works with."""


    def __init__(self, settings: Settings, engine: Engine, store: InterviewStore) -> None:
        self.settings = settings
        self.engine = engine
        self.pack = engine.pack
        self.store = store
        self._vocabulary: dict[str, VocabularyView] = {}
        self.sessions = SessionCache()
        self.readings = ParseCarry(ttl=settings.reading_ttl_seconds)
        self._engines: dict[str, Engine] = {engine.pack.lang: engine}
        self._engines_lock = threading.Lock()

    # --- languages ------------------------------------------------------------------

    def language(self, lang: str | None) -> str:
        """``lang`` if the pack speaks it (None: the server's default), else a 422 problem."""
        if lang is None:
            return self.settings.lang
        if not isinstance(lang, str) or lang not in self.pack.languages:
            known = list(self.pack.languages)
            raise invalid("lang", N_("unknown language %(lang)s; use one of: %(known)s"),
                          nearest(str(lang), known), lang=repr(lang), known=", ".join(known))
        return lang

    def engine_for(self, lang: str | None = None) -> Engine:
        """The engine whose pack speaks ``lang``: the same model, its texts in that language."""
        code = self.language(lang)
        hit = self._engines.get(code)
        if hit is not None:
            return hit
        with self._engines_lock:
            hit = self._engines.get(code)
            if hit is None:
                try:
                    hit = Engine(self._pack_in(code))
                except PackError as exc:
                    log.error("the %r texts of the pack are broken: %s", code, exc)
                    raise Unavailable("pack-broken", "Texts unavailable",
                                      f"The {code!r} texts cannot be loaded.") from None
                self._engines[code] = hit
        return hit

    def _pack_in(self, code: str) -> Pack:
        """The pack's texts in ``code``, sharing what the files alone give (``like``);
        the packaged pack is loaded once per process and language (every app of a
        process, and its warm-up, shares it)."""
        if self.pack is default_pack():
            return default_pack(code)
        return load_pack(self.pack.directory, code, like=self.pack)

    def case(self, data: Any, pack: Pack | None = None) -> Case:
        """``data`` as a case; its problems name units in ``pack``'s language."""
        try:
            return Case.from_dict(data, pack or self.pack)
        except CaseError as exc:
            raise invalid_case(exc) from None
