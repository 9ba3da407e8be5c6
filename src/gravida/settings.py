"""Deployment settings: one object, read from ``GRAVIDA_*`` environment variables.

Everything an operator may want to change without touching code lives here
(where data goes, which database, limits, retention, CORS, how to listen), so
that the API, the CLI and the tests build the same app from one value and a
worker started by uvicorn in another process reads exactly what its parent did.
Nothing clinical is a setting: clinical numbers live in the knowledge pack.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def default_data_dir() -> Path:
    """The platform's per-user data directory, so that `gravida serve` works from anywhere.

    Linux and other Unixes: ``$XDG_DATA_HOME/gravida`` (``~/.local/share/gravida``);
    macOS: ``~/Library/Application Support/gravida``; Windows: ``%LOCALAPPDATA%\\gravida``.
    """
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / "gravida"


# A phone number as a tel: link can ring it: digits, spaces, +, -, brackets.
PHONE = r"^[+0-9 ()-]{0,24}$"


class Settings(BaseSettings):
    """How one Gravida server runs. Every field is ``GRAVIDA_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="GRAVIDA_", extra="ignore", frozen=True)

    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Where the embedded SQLite database lives (created if missing).",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL; unset means SQLite (WAL) at <data_dir>/gravida.sqlite3. "
            "For several workers on several machines: postgresql+psycopg://user:pw@host/db"
        ),
    )
    max_body_bytes: int = Field(
        default=64 * 1024, ge=1024, le=16 * 1024 * 1024,
        description="Largest request body accepted; larger ones get 413.",
    )
    retention_days: int = Field(
        default=30, ge=0, le=36500,
        description="Interviews untouched for longer are deleted; 0 keeps them for ever.",
    )
    purge_interval_seconds: int = Field(
        default=3600, ge=0,
        description="How often a running server purges expired interviews; 0: only on start.",
    )
    reading_ttl_seconds: int = Field(
        default=600, ge=0, le=86400,
        description="How long a reading of her words made for 'What we understood' waits in "
        "the worker's memory for the interview to start (then it is dropped); 0 keeps none.",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins allowed to call the API from a browser (comma-separated); "
        "empty (the default) sends no CORS headers at all.",
    )
    lang: str = Field(
        default="en", pattern="^[a-z]{2,3}$",
        description="The language used when a request does not choose one (Accept-Language, "
        "a `lang` field or the web page's switch): en or ru.",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    migrate_on_start: bool = Field(
        default=True, description="Bring the database schema up to date when the app starts."
    )
    access_log: bool = Field(
        default=False,
        description="Log every request line. Off by default: paths carry interview ids, "
        "which are bearer secrets.",
    )
    db_pool_size: int = Field(default=5, ge=1, le=100)
    sqlite_synchronous: str = Field(
        default="NORMAL", pattern="^(NORMAL|FULL|EXTRA)$",
        description="SQLite durability. NORMAL (WAL's usual setting): a killed process or "
        "worker loses nothing committed; a power cut may lose the last commits, never "
        "corrupts. FULL: also survives a power cut, at an fsync per write.",
    )

    cds_fetch_from_fhir_server: bool = Field(
        default=False,
        description="Let the CDS Hooks services fetch missing prefetch data from the EHR's "
        "FHIR server named in the request (fhirServer with fhirAuthorization). Off: Gravida "
        "never calls out, and a request without its prefetch gets 412.",
    )
    emergency_number: str = Field(
        default="999", pattern=PHONE,
        description="The emergency (ambulance) number the result page's call button rings.",
    )
    maternity_number: str = Field(
        default="", pattern=PHONE,
        description="The maternity unit's number for the call button; empty: the page tells "
        "her the number is in her pregnancy notes.",
    )
    phone_numbers: dict[str, dict[str, str]] = Field(
        default_factory=lambda: {"ru": {"emergency": "103"}},
        description="Numbers per language or country, overriding the two above, as JSON: "
        '{"ru": {"emergency": "103", "maternity": "+7 495 000-00-00"}}.',
    )

    @field_validator("phone_numbers")
    @classmethod
    def _check_phones(cls, v: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for lang, numbers in v.items():
            for key, number in numbers.items():
                if key not in ("emergency", "maternity") or not re.fullmatch(PHONE, number):
                    raise ValueError(f"phone_numbers.{lang}.{key}: a phone number "
                                     "(digits, spaces, +, -, brackets) for emergency or "
                                     "maternity")
        return v

    def phones(self, lang: str = "en") -> dict[str, str]:
        """The numbers to show for a language or country: {"emergency": ..., "maternity": ...}."""
        out = {"emergency": self.emergency_number, "maternity": self.maternity_number}
        out.update(self.phone_numbers.get(lang, {}))
        return out

    rate_limits: bool = Field(
        default=True,
        description="Limit how often one client (address) may start interviews and send "
        "free text; over a limit: 429 with Retry-After.",
    )
    rate_limit_create: str = Field(
        default="30/minute;300/hour",
        description="Interview starts per client (the `limits` library's notation; "
        "several separated by ';').",
    )
    rate_limit_text: str = Field(
        default="60/minute;600/hour",
        description="Free-text readings (POST /v1/parse) per client.",
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where the counts live: memory:// (each worker counts alone) or a store "
        "shared by all workers and machines, e.g. redis://host:6379 (needs the redis "
        "client: pip install 'limits[async-redis]').",
    )
    timeout_keep_alive: int = Field(
        default=5, ge=1, le=300,
        description="Seconds an idle connection is kept open between requests.",
    )
    timeout_headers: float = Field(
        default=10.0, gt=0, le=300,
        description="Seconds a client has to send a request's line and headers (from "
        "connecting, or from the request's first byte); then the connection is closed.",
    )
    limit_concurrency: int = Field(
        default=200, ge=1,
        description="Connections and tasks a worker serves at once; beyond it, 503 at once "
        "(bounds what slow or idle clients can hold).",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, v: Any) -> Any:
        if isinstance(v, str):
            return [o.strip() for o in v.split(",") if o.strip()]
        return v

    @field_validator("rate_limit_create", "rate_limit_text")
    @classmethod
    def _parse_limits(cls, v: str) -> str:
        from limits import parse_many

        parse_many(v)  # ValueError, with the library's message, if not its notation
        return v

    @property
    def resolved_database_url(self) -> str:
        """The database URL in use: the configured one, or SQLite in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'gravida.sqlite3').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")
