"""Inline gold markup `[[LABEL|surface]]` (see shared gold GUIDELINES.md).

The plain text is the annotated string with every `[[LABEL|surface]]` replaced by
`surface`; gold spans are code-point offsets (Python str indices) into that plain text.
"""

import re
import sys

# LABEL must be upper-case letters: the source text may itself contain brackets,
# e.g. an editorial "[Police Prefecture]" annotated as "[[[ORG|Police Prefecture]]]".
# A looser label pattern would read that as label "[ORG". The surface is the
# shortest run up to the first "]]" and never spans a newline.
MARKUP_RE = re.compile(r"\[\[([A-Z]+)\|(.+?)\]\]")


def parse_annotated(annotated, record_id=None):
    """Return (plain_text, [(start, end, label), ...]) for an annotated string."""
    out = []
    spans = []
    pos = 0  # position in `annotated`
    plen = 0  # length of plain text emitted so far
    for m in MARKUP_RE.finditer(annotated):
        before = annotated[pos:m.start()]
        out.append(before)
        plen += len(before)
        label, surface = m.group(1), m.group(2)
        spans.append((plen, plen + len(surface), label))
        out.append(surface)
        plen += len(surface)
        pos = m.end()
    out.append(annotated[pos:])
    plain = "".join(out)
    if "[[" in plain or "]]" in plain:
        print(f"markup: warning: leftover '[[' or ']]' in record {record_id!r}", file=sys.stderr)
    return plain, spans


def strip_markup(annotated, record_id=None):
    return parse_annotated(annotated, record_id)[0]
