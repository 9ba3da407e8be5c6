"""Per-worker memories of the service: resumed interview sessions and carried readings.

Both only save work: a miss gives the same answer by doing the work again
(replaying the stored answers, reading the text again).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from gravida.intake.evidence import ParseResult
from gravida.interview import Session
from gravida.store import StoredInterview


class SessionCache:
    """Recently used interview sessions of this worker, by (id, version), with their rows.

    A stored interview at a given version never changes (every write makes a
    new version), so a cached session is exactly what replaying the stored
    answers would give, whichever worker wrote it, and a cached row is what
    reading that version would give. Saves replaying every answer, and reading
    the row again, on every request; a miss (another worker, a restart) just
    reads and replays. The store stays the judge: a write names the version it
    read and is refused if another came first.
    """

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, int], tuple[Session, StoredInterview | None]] = (
            OrderedDict())
        self._lock = threading.Lock()

    def _hit(self, key: tuple[str, int]) -> tuple[Session, StoredInterview | None] | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def get(self, key: tuple[str, int]) -> Session | None:
        hit = self._hit(key)
        return None if hit is None else hit[0]

    def row(self, key: tuple[str, int]) -> StoredInterview | None:
        """The stored row at this version, as this worker last wrote or read it."""
        hit = self._hit(key)
        return None if hit is None else hit[1]

    def drop(self, interview_id: str) -> None:
        with self._lock:
            for key in [k for k in self._items if k[0] == interview_id]:
                del self._items[key]

    def put(self, key: tuple[str, int], session: Session,
            row: StoredInterview | None = None) -> None:
        with self._lock:
            self._items[key] = (session, row)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class ParseCarry:
    """Her words as read by "What we understood", carried to the interview's start.

    The web shows "What we understood" first and starts the interview with the
    same text a moment later (or in the same request): reading it again would
    do the work twice. ``understand`` puts the reading here keyed by a hash of
    the text; the reading itself quotes her words (the evidence behind each
    finding), so it is held briefly and never written anywhere. ``start_interview``
    takes it out, so each reading is used once; one she never continues from
    expires ``ttl`` seconds after it was made (``GRAVIDA_READING_TTL_SECONDS``;
    0 keeps none), and ``forget`` drops it when she deletes what she wrote. A
    miss (another worker, a restart, an expired or evicted entry) just reads the
    text again: the parse is deterministic for a given text and pack.
    """

    def __init__(self, size: int = 256, ttl: float = 600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.size = size
        self.ttl = ttl
        self._clock = clock
        self._items: OrderedDict[tuple[str, str], tuple[float, ParseResult]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(lang: str, text: str) -> tuple[str, str]:
        return lang, hashlib.sha256(text.encode("utf-8")).hexdigest()

    def __len__(self) -> int:
        with self._lock:
            self._expire()
            return len(self._items)

    def expire(self) -> int:
        """Drop the readings older than ``ttl`` now; how many went. The app calls this
        on a timer, so an abandoned reading does not wait for the next request."""
        with self._lock:
            before = len(self._items)
            self._expire()
            return before - len(self._items)

    def _expire(self) -> None:
        """Drop the readings older than ``ttl`` (the oldest sit first). Lock held."""
        limit = self._clock() - self.ttl
        while self._items:
            made, _ = next(iter(self._items.values()))
            if made > limit:
                break
            self._items.popitem(last=False)

    def put(self, lang: str, text: str, result: ParseResult) -> None:
        if self.ttl <= 0 or self.size <= 0:
            return
        with self._lock:
            key = self.key(lang, text)
            self._items.pop(key, None)
            self._items[key] = (self._clock(), result)  # newest last: expiry order
            self._expire()
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def take(self, lang: str, text: str) -> ParseResult | None:
        with self._lock:
            self._expire()
            hit = self._items.pop(self.key(lang, text), None)
            return None if hit is None else hit[1]

    def forget(self, text: str) -> None:
        """Drop the readings of ``text`` in every language (she deleted what she wrote)."""
        digest = self.key("", text)[1]  # the same hash in every language: made once
        with self._lock:
            for key in [k for k in self._items if k[1] == digest]:
                del self._items[key]
