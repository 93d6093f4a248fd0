"""The site registry: portals as data (a CSV shipped with the package), validated on load."""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from govreports.urls import host_of, is_http

FIELDS = ("id", "name", "province", "city", "district", "region_code", "base_url", "columns", "cms", "notes")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")


class RegistryError(ValueError):
    """A registry row that cannot be used; the message names the file, row and field."""


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    base_url: str
    province: str = ""
    city: str = ""
    district: str = ""
    region_code: str = ""
    columns: tuple[str, ...] = ()
    cms: str = ""
    notes: str = ""

    @property
    def host(self) -> str:
        return host_of(self.base_url)

    @property
    def start_urls(self) -> list[str]:
        return [*self.columns, self.base_url]

    def row(self) -> dict[str, str]:
        d = asdict(self)
        d["columns"] = ";".join(self.columns)
        return d


def default_path() -> Path:
    return Path(str(resources.files("govreports.sites") / "registry.csv"))


def load_sites(path: str | Path | None = None) -> list[Site]:
    """Read and validate a registry CSV (the shipped one by default)."""
    path = Path(path) if path else default_path()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read the sites file ({exc.strerror or exc})") from exc
    reader = csv.DictReader(text.splitlines())
    missing = {"id", "name", "base_url"} - set(reader.fieldnames or ())
    if missing:
        raise RegistryError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    sites: list[Site] = []
    seen: set[str] = set()
    for n, row in enumerate(reader, start=2):
        sid = (row.get("id") or "").strip()
        where = f"{path}:{n} (id {sid or '?'})"
        if not _ID.match(sid):
            raise RegistryError(f"{where}: field id must be lower-case letters, digits and '-'")
        if sid in seen:
            raise RegistryError(f"{where}: duplicate id")
        seen.add(sid)
        base = (row.get("base_url") or "").strip()
        if base and not (is_http(base) and host_of(base)):
            raise RegistryError(f"{where}: field base_url must be an http(s) URL, got {base!r}")
        columns = tuple(c.strip() for c in (row.get("columns") or "").split(";") if c.strip())
        for c in columns:
            if not is_http(c):
                raise RegistryError(f"{where}: field columns has a non-http URL {c!r}")
        code = (row.get("region_code") or "").strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise RegistryError(f"{where}: field region_code must be 6 digits (GB/T 2260), got {code!r}")
        sites.append(Site(id=sid, name=(row.get("name") or "").strip(), base_url=base,
                          province=(row.get("province") or "").strip(), city=(row.get("city") or "").strip(),
                          district=(row.get("district") or "").strip(), region_code=code, columns=columns,
                          cms=(row.get("cms") or "").strip(), notes=(row.get("notes") or "").strip()))
    return sites


def sites_for(ids: list[str], path: str | Path | None = None) -> list[Site]:
    by_id = {s.id: s for s in load_sites(path)}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise RegistryError(f"unknown site id(s): {', '.join(unknown)} (see `govreports sites`)")
    return [by_id[i] for i in ids]


def get_site(sid: str, path: str | Path | None = None) -> Site:
    return sites_for([sid], path)[0]
