"""Romanisation of Russian and Ukrainian given names, French and English usage.

Used by generate.py to turn the Cyrillic first-name lists of Faker (ru_RU,
uk_UA) into the spellings met in French and English news.  Each function
returns a small set of variants, because the press is not consistent
(Youri/Iouri, Dmitry/Dmitri/Dmitriy, Yulia/Yuliia...).  The rules are the
usual ones:

* Russian -> French: the "transcription usuelle" of the French press
  (ou for u, j for zh, ch for sh, tch for ch, kh for kh, gu before e/i,
  ss between vowels, ï for the glide after a vowel, -iy -> -i).
* Russian -> English: BGN/PCGN-like press style (zh, sh, ch, kh, ye- at the
  start, -iy -> -y/-i/-iy), with a few common simplifications as variants.
* Ukrainian -> English: the official Ukrainian national system (2010), which
  English and most French outlets use for Ukrainian names (Volodymyr,
  Oleksandr), plus the simplified -ia ending; Ukrainian -> French: the same
  with French glide/vowel spellings (Mykhaïlo, Andriï, Ioulia).
"""

from __future__ import annotations

import itertools

RU_VOWELS = set("аеёиоуыэюя")
UK_VOWELS = set("аеєиіїоуюя")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _ru(word: str, lang: str, opts: dict) -> str:
    w = word.lower()
    out = []
    n = len(w)
    for i, ch in enumerate(w):
        prev = w[i - 1] if i > 0 else ""
        nxt = w[i + 1] if i + 1 < n else ""
        initial = i == 0
        after_vowel = prev in RU_VOWELS
        after_soft = prev in ("ь", "ъ")
        if ch == "а":
            out.append("a")
        elif ch == "б":
            out.append("b")
        elif ch == "в":
            out.append("v")
        elif ch == "г":
            out.append("gu" if lang == "fr" and nxt in ("е", "и", "ё", "ы", "э") else "g")
        elif ch == "д":
            out.append("d")
        elif ch == "е":
            if lang == "en" and (initial or after_vowel or after_soft) and opts["ye"]:
                out.append("ye")
            elif lang == "fr" and (after_vowel or after_soft) and not initial:
                out.append("ie")
            else:
                out.append("e")
        elif ch == "ё":
            if lang == "fr":
                out.append("io")
            else:
                out.append("yo" if opts["ye"] else "e")
        elif ch == "ж":
            out.append("j" if lang == "fr" else "zh")
        elif ch == "з":
            out.append("z")
        elif ch == "и":
            if nxt == "й" and i + 2 == n:
                # -ий ending: Dmitri (fr); Dmitry / Dmitri / Dmitriy (en)
                out.append("i" if lang == "fr" else opts["iy"])
            elif lang == "fr" and after_vowel:
                out.append("ï")
            else:
                out.append("i")
        elif ch == "й":
            final = i == n - 1
            if (prev == "и" or prev == "ы") and i == n - 1:
                # -ий / -ый endings, spelt by the vowel
                out.append("")
            elif lang == "fr":
                out.append("ï" if after_vowel else "i")
            else:
                out.append("y" if opts["ey"] == "y" or not final else "i")
        elif ch == "к":
            if opts["x"] and nxt == "с":
                out.append("x")
            else:
                out.append("k")
        elif ch == "л":
            out.append("l")
        elif ch == "м":
            out.append("m")
        elif ch == "н":
            out.append("n")
        elif ch == "о":
            out.append("o")
        elif ch == "п":
            out.append("p")
        elif ch == "р":
            out.append("r")
        elif ch == "с":
            if opts["x"] and prev == "к":
                continue
            if lang == "fr" and after_vowel and nxt in RU_VOWELS:
                out.append("ss")
            else:
                out.append("s")
        elif ch == "т":
            out.append("t")
        elif ch == "у":
            out.append("ou" if lang == "fr" else "u")
        elif ch == "ф":
            out.append("f")
        elif ch == "х":
            out.append("kh")
        elif ch == "ц":
            out.append("ts")
        elif ch == "ч":
            out.append("tch" if lang == "fr" else "ch")
        elif ch == "ш":
            out.append("ch" if lang == "fr" else "sh")
        elif ch == "щ":
            out.append("chtch" if lang == "fr" else "shch")
        elif ch in ("ъ", "ь"):
            out.append("i" if lang == "fr" and nxt in ("я", "е", "ю", "ё") else "")
        elif ch == "ы":
            out.append("y")
        elif ch == "э":
            out.append("e")
        elif ch == "ю":
            if lang == "fr":
                out.append(opts["iou"] if initial else ("ou" if after_soft else "iou"))
            else:
                out.append("u" if after_soft else "yu")
        elif ch == "я":
            if lang == "fr":
                if initial:
                    out.append(opts["ia"])
                elif prev in ("и", "ь", "ъ"):
                    out.append("a")
                else:
                    out.append("ïa" if after_vowel else "ia")
            else:
                if prev == "и" and opts["iy"] != "iy":
                    out.append("a")
                elif after_soft:
                    out.append("ya" if opts["ye"] else "ia")
                else:
                    out.append("ya")
        elif ch == "-":
            out.append("-")
        else:
            return ""
    return _cap("".join(out))


def russian(word: str) -> dict[str, set[str]]:
    fr, en = set(), set()
    for (iou, ia), x in itertools.product((("iou", "ia"), ("you", "ya")), (False, True)):
        fr.add(_ru(word, "fr", {"iou": iou, "ia": ia, "x": x}))
    for ye, iy, ey, x in itertools.product((True, False), ("y", "i", "iy"), ("y", "i"), (False, True)):
        en.add(_ru(word, "en", {"ye": ye, "iy": iy, "ey": ey, "x": x}))
    fr.discard("")
    en.discard("")
    return {"fr": fr, "en": en}


def _uk(word: str, lang: str, simple: bool) -> str:
    w = word.lower().replace("'", "’").replace("ʼ", "’")
    out = []
    n = len(w)
    for i, ch in enumerate(w):
        prev = w[i - 1] if i > 0 else ""
        nxt = w[i + 1] if i + 1 < n else ""
        initial = i == 0 or prev == "-"
        after_vowel = prev in UK_VOWELS
        table = {
            "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e",
            "з": "z", "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n",
            "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "kh",
            "ц": "ts", "ь": "", "’": "", "-": "-",
        }
        if ch in table:
            out.append(table[ch])
        elif ch == "ж":
            out.append("j" if lang == "fr" else "zh")
        elif ch == "ч":
            out.append("tch" if lang == "fr" else "ch")
        elif ch == "ш":
            out.append("ch" if lang == "fr" else "sh")
        elif ch == "щ":
            out.append("chtch" if lang == "fr" else "shch")
        elif ch == "у":
            out.append("ou" if lang == "fr" else "u")
        elif ch == "є":
            out.append(("ie" if lang == "fr" else "ye") if initial else "ie")
        elif ch == "ї":
            out.append(("ï" if lang == "fr" else ("yi" if initial else "i")))
        elif ch == "й":
            if lang == "fr":
                out.append("ï" if after_vowel else "i")
            else:
                # official system: y at the start, i elsewhere; press often writes y
                out.append("y" if initial or simple else "i")
        elif ch == "ю":
            if lang == "fr":
                out.append("iou")
            else:
                out.append("yu" if initial else "iu")
        elif ch == "я":
            if lang == "fr":
                out.append("ia" if initial or prev not in "іи" else "a")
            else:
                if initial:
                    out.append("ya")
                elif prev == "і" and simple:
                    out.append("a")
                else:
                    out.append("ia")
        else:
            return ""
    return _cap("".join(out))


def ukrainian(word: str) -> dict[str, set[str]]:
    fr = {_uk(word, "fr", True)}
    en = {_uk(word, "en", False), _uk(word, "en", True)}
    if word.lower().endswith("ій"):
        # Юрій -> Yuri, Віталій -> Vitali: the Russian-like spelling is common too
        en.add(_uk(word[:-1], "en", True))
    fr.discard("")
    en.discard("")
    return {"fr": fr, "en": en}


if __name__ == "__main__":
    for w in ["Владимир", "Сергей", "Юрий", "Дмитрий", "Евгений", "Геннадий", "Алексей", "Николай",
              "Василий", "Мария", "Дарья", "Фёдор", "Яков", "Михаил", "Андрей", "Наталья", "Раиса"]:
        print(w, russian(w))
    for w in ["Володимир", "Олександр", "Михайло", "Андрій", "Юлія", "Олексій", "Дмитро", "Євген", "Ірина",
              "Кирило", "Ганна", "Наталія", "Юрій", "Віталій"]:
        print(w, ukrainian(w))
