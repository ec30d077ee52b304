//! Named-entity recognition for French and English news: people, places, organisations, dates.
//!
//! A rule-based recogniser over [`tokens`]: candidates are dates ([`crate::dates`]), known names
//! ([`knowledge`]), organisation patterns and runs of capitalised words; each candidate is typed
//! from what it contains (known names, given names, head nouns such as "Ministry" or "Oblast")
//! and what precedes it (a role such as "président", a preposition such as "à"), then made
//! consistent across the text ("Trump" after "Donald Trump" is a person too).

pub mod knowledge;
pub mod lexicon;
pub mod tokens;

use std::collections::HashMap;
use std::sync::LazyLock;

use kiosque_model::Label;
use kiosque_model::text::fold;
use regex::Regex;

use crate::dates::{DateExpr, find_dates, word_bounded};
use crate::normalize::CodePoints;
use knowledge::{Knowledge, key_of};
use lexicon::{
    ADJECTIVE_SUFFIXES, COMPASS_WORDS, DEMONYM_SUFFIXES, EVENT_WORDS, FUNCTION_WORDS,
    NOT_ENTITY_ACRONYMS, ORG_WORDS, PLACE_SUFFIXES, PLACE_WORDS, ROLE_WORDS, SHORT_ADJECTIVES,
    contains, has_suffix, is_place_cue,
};
use tokens::{Kind, Token, tokenize};

/// An entity mention found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// What it is.
    pub label: Label,
    /// The text of the mention.
    pub text: String,
    /// For dates, what the expression says.
    pub date: Option<DateExpr>,
    /// The known entry it names, if any (see [`Knowledge::entry`]).
    pub entry: Option<u32>,
}

/// How sure a candidate's label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    /// From context alone (a preposition, a suffix).
    Weak,
    /// From the name itself (a given name, a head noun, a role before it, a known name).
    Strong,
}

#[derive(Debug, Clone)]
struct Candidate {
    /// Token range.
    first: usize,
    last: usize,
    label: Option<(Label, Evidence)>,
    entry: Option<u32>,
}

/// French ministries, written in lowercase: "ministère russe de la Défense".
static MINISTRY: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r"(?x)
        (?-u:\b)[Mm]inist[èe]re
        (?:\s+[a-zéèêëàâîïôûç]+(?:e|es|ien|ienne|ain|aine|ais|aise|ois|oise))?
        \s+(?:de\s+la\s+|de\s+l[’']|des\s+|du\s+|de\s+|d[’'])
        \p{Lu}[\p{L}-]*
        (?:\s+[a-zéèêëàâîïôûç]+(?:ères|ère|aires|aire|ales|ale|aux|elle|elles|iques|ique|ieure|ieur|ières|ière))?
        (?:\s*,?\s+(?:et|and)\s+(?:de\s+la\s+|de\s+l[’']|des\s+|du\s+|de\s+|d[’'])?\p{Lu}[\p{L}-]*
           (?:\s+[a-zéèêëàâîïôûç]+(?:ères|ère|aires|aire|ales|ale|aux|elle|elles|iques|ique))?)*";
    Regex::new(pattern).unwrap_or_else(|e| panic!("ministry pattern: {e}"))
});

/// Connecting words allowed inside a name between capitalised words.
const CONNECTORS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "d'", "l'", "of", "the", "von", "van", "der", "den",
    "da", "di", "del", "della", "dos", "das", "do", "bin", "ibn", "al", "el", "y", "&", "for",
    "on", "upon", "sur",
];

/// Connectors that may join two capitalised words without a head noun before them.
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "da", "di", "del", "dos", "bin", "ibn", "al", "el", "y", "abu",
    "abou",
];

/// Words a person's name may carry before another given name ("Abu Bakr", "Le Pen", "Mac").
const INNER_PARTICLES: &[&str] = &[
    "ben", "mc", "mac", "st", "saint", "sainte", "le", "la", "de", "du",
];

/// Finds the entity mentions of one text; offsets are code points.
pub fn recognize(text: &str, knowledge: &Knowledge) -> Vec<Mention> {
    recognize_all(&[text], knowledge).pop().unwrap_or_default()
}

/// Finds the entity mentions of the texts of one article (its paragraphs, embeds and related
/// links), consistently: a name typed in one paragraph ("Donald Trump") types it in the others
/// ("Trump's victory"). One list of mentions per text, offsets in code points of that text.
pub fn recognize_all(texts: &[&str], knowledge: &Knowledge) -> Vec<Vec<Mention>> {
    let mut parts: Vec<Part<'_>> = texts.iter().map(|t| Part::new(t, knowledge)).collect();
    let mut evidence = NameEvidence::default();
    for p in &parts {
        evidence.learn(&p.tokens, &p.candidates);
    }
    for p in &mut parts {
        evidence.apply(&p.tokens, &mut p.candidates, knowledge);
        for c in &mut p.candidates {
            extend_with_adjectives(&p.tokens, &p.covered, c, knowledge);
        }
    }
    parts.into_iter().map(Part::mentions).collect()
}

/// One text on its way through recognition.
struct Part<'a> {
    chars: Vec<char>,
    tokens: Vec<Token<'a>>,
    covered: Vec<bool>,
    candidates: Vec<Candidate>,
    /// Dates and patterned organisations, found before the names.
    mentions: Vec<Mention>,
}

impl<'a> Part<'a> {
    /// Finds dates, patterned organisations and typed name candidates.
    fn new(text: &'a str, knowledge: &Knowledge) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let substring = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
        let mut mentions: Vec<Mention> = Vec::new();
        for d in find_dates(text) {
            mentions.push(Mention {
                start: d.start,
                end: d.end,
                label: Label::Date,
                text: substring(d.start, d.end),
                date: Some(d.expr),
                entry: None,
            });
        }
        // Which code points dates already cover (a mention never overlaps another).
        let mut taken = vec![false; chars.len()];
        let take = |taken: &mut [bool], start: usize, end: usize| {
            taken[start.min(chars.len())..end.min(chars.len())].fill(true);
        };
        for m in &mentions {
            take(&mut taken, m.start, m.end);
        }
        let mut cp = CodePoints::new(text);
        for m in MINISTRY.find_iter(text) {
            if !word_bounded(text, m.start(), m.end()) {
                continue;
            }
            let (start, end) = (cp.of(m.start()), cp.of(m.end()));
            if !taken[start..end].iter().any(|&t| t) {
                take(&mut taken, start, end);
                mentions.push(Mention {
                    start,
                    end,
                    label: Label::Organisation,
                    text: m.as_str().to_owned(),
                    date: None,
                    entry: None,
                });
            }
        }
        let tokens = tokenize(text);
        let covered: Vec<bool> = tokens
            .iter()
            .map(|t| taken[t.start..t.end].iter().any(|&x| x))
            .collect();
        let mut candidates = find_candidates(&tokens, &covered, knowledge);
        for c in &mut candidates {
            if c.label.is_none() {
                c.label = classify(&tokens, c, knowledge);
            }
        }
        Part {
            chars,
            tokens,
            covered,
            candidates,
            mentions,
        }
    }

    /// All mentions, in text order.
    fn mentions(self) -> Vec<Mention> {
        let Part {
            chars,
            tokens,
            candidates,
            mut mentions,
            ..
        } = self;
        for c in candidates {
            let Some((label, _)) = c.label else { continue };
            let (start, end) = (tokens[c.first].start, tokens[c.last].end);
            mentions.push(Mention {
                start,
                end,
                label,
                text: chars[start..end].iter().collect(),
                date: None,
                entry: c.entry,
            });
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        mentions
    }
}

fn folded<'t>(token: &'t Token<'_>) -> &'t str {
    &token.folded
}

/// Whether a token may be part of a name.
fn name_token(t: &Token<'_>) -> bool {
    t.is_name_like()
}

fn find_candidates(
    tokens: &[Token<'_>],
    covered: &[bool],
    knowledge: &Knowledge,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // "L’Oréal": a known name may begin with an elided article.
        if tokens[i].kind == Kind::Elision
            && !covered[i]
            && tokens.get(i + 1).is_some_and(name_token)
            && let Some((n, entries)) = known(&tokens[i..], knowledge).filter(|(n, _)| *n >= 2)
            && !covered[i..i + n].iter().any(|&c| c)
        {
            out.push(Candidate {
                first: i,
                last: i + n - 1,
                label: entries.first().map(|(_, e)| (e.label, Evidence::Strong)),
                entry: entries.first().map(|(id, _)| *id),
            });
            i += n;
            continue;
        }
        if covered[i] || !name_token(&tokens[i]) {
            i += 1;
            continue;
        }
        // The longest known name here, not running into covered tokens.
        let known =
            known(&tokens[i..], knowledge).filter(|(n, _)| !covered[i..i + n].iter().any(|&c| c));
        let run = capitalised_run(tokens, covered, i, knowledge);
        let (len, entry) = match &known {
            Some((n, entries)) if *n >= run => {
                (*n, entries.first().map(|(id, e)| (e.label, Some(*id))))
            }
            _ => (run, None),
        };
        let mut c = Candidate {
            first: i,
            last: i + len - 1,
            label: None,
            entry: None,
        };
        if let Some((label, id)) = entry {
            c.label = Some((label, Evidence::Strong));
            c.entry = id;
        }
        i += len;
        for part in trim_and_split(tokens, c, knowledge) {
            out.push(part);
        }
    }
    out
}

/// The longest known name starting at `tokens[0]`, when it counts (see
/// [`trust_one_word_match`]).
fn known<'k>(
    tokens: &[Token<'_>],
    knowledge: &'k Knowledge,
) -> Option<(usize, Vec<(u32, &'k knowledge::Entry)>)> {
    knowledge
        .longest_match(tokens)
        .filter(|(n, entries)| *n > 1 || trust_one_word_match(&tokens[0], entries, knowledge))
}

/// Whether a one-word gazetteer match counts: never for a compass point ("l’Est" is not the
/// French region Est); for a common word at the start of a sentence ("Nice", "Tours") only if
/// it names a country.
fn trust_one_word_match(
    t: &Token<'_>,
    entries: &[(u32, &knowledge::Entry)],
    knowledge: &Knowledge,
) -> bool {
    if contains(COMPASS_WORDS, folded(t)) {
        return false;
    }
    // A common word that is also a small town ("Union", "Cela") needs a well-known place;
    // at the start of a sentence, a country.
    // So does a given name that is also a small place ("David", "Michael").
    let common = knowledge.is_common_folded(&t.folded) || knowledge.is_given_folded(&t.folded);
    let country = entries.iter().any(|(_, e)| e.kind == "country");
    let well_known = entries
        .iter()
        .any(|(_, e)| e.weight >= 6 || e.label == Label::Organisation);
    !common || country || (well_known && !t.sentence_start)
}

/// The number of tokens of the run of capitalised words starting at `i`.
fn capitalised_run(
    tokens: &[Token<'_>],
    covered: &[bool],
    i: usize,
    knowledge: &Knowledge,
) -> usize {
    let mut end = i + 1; // exclusive
    let mut j = i + 1;
    while j < tokens.len() && !covered[j] && !tokens[j].after_newline {
        let t = &tokens[j];
        if name_token(t) && t.kind == Kind::Word {
            end = j + 1;
            j += 1;
            continue;
        }
        // Up to two connectors, then a capitalised word.
        let mut k = j;
        while k < tokens.len()
            && k < j + 2
            && !covered[k]
            && !tokens[k].after_newline
            && (contains(CONNECTORS, folded(&tokens[k])) || tokens[k].text == "&")
            && !tokens[k].is_capitalized()
        {
            k += 1;
        }
        if k == j
            || k >= tokens.len()
            || covered[k]
            || !name_token(&tokens[k])
            || tokens[k].after_newline
        {
            break;
        }
        // Join across connectors only after a head noun ("Bande de Gaza", "Bank of America")
        // or with name particles ("Ursula von der Leyen").
        let head_before = tokens[i..end].iter().any(|t| {
            let f = folded(t);
            // Not after a role: "Senator Amy Klobuchar of Minnesota" is two names.
            contains(ORG_WORDS, f) || contains(PLACE_WORDS, f)
        });
        let particles = tokens[j..k]
            .iter()
            .all(|t| contains(NAME_PARTICLES, folded(t)));
        let known = known(&tokens[i..], knowledge).is_some_and(|(n, _)| n >= k + 1 - i);
        if !(head_before || particles || known) {
            break;
        }
        end = k + 1;
        j = k + 1;
    }
    end - i
}

/// Splits "Ukrainian Defense Minister Oleksii Reznikov" into a role and a name, and strips
/// function words and roles from the front of a candidate, keeping the evidence a role gives.
fn trim_and_split(tokens: &[Token<'_>], mut c: Candidate, knowledge: &Knowledge) -> Vec<Candidate> {
    if c.label.is_some() {
        return vec![c];
    }
    let is_role = |t: &Token<'_>| contains(ROLE_WORDS, folded(t));
    // A given name inside the run starts a person's name when what precedes it is not part of
    // that name: a role ("Ukrainian Defense Minister Oleksii Reznikov"), a nationality
    // ("Polonaise Agnieszka Radwanska") or another name ("WikiLeaks Julian Assange"). Not after
    // another given name ("Kamala Harris"), an initial ("Lloyd J. Austin") or a particle ("Abu Bakr").
    // `any_role` and `all_common` describe the tokens before `k`; kept as running flags so that
    // a long run of capitalised words costs one pass.
    let starts_name = |k: usize, any_role: bool, all_common: bool| {
        let (t, prev) = (&tokens[k], &tokens[k - 1]);
        // "France", "Paris" and "Des" are given names too: not when they name something known.
        let given = is_given(t, knowledge)
            && t.is_capitalized()
            && !contains(FUNCTION_WORDS, folded(t))
            && known(std::slice::from_ref(t), knowledge).is_none();
        let prev_ok = prev.kind == Kind::Word
            && (!is_given(prev, knowledge)
                || known(std::slice::from_ref(prev), knowledge).is_some())
            && !is_initial(prev)
            && !contains(NAME_PARTICLES, folded(prev))
            && !contains(INNER_PARTICLES, folded(prev))
            && !contains(CONNECTORS, folded(prev));
        if !(given && prev_ok) {
            return false;
        }
        // What precedes must be clearly apart from the name: a role, a nationality or common
        // word, a known name or an acronym — not an unknown word that may be a first name
        // ("Abdrabbuh Mansur Hadi").
        let head = &tokens[c.first..k];
        any_role
            || all_common
            || known(head, knowledge).is_some_and(|(n, _)| n == head.len())
            || (head.len() == 1 && head[0].is_all_caps())
    };
    let mut split = None;
    let (mut any_role, mut all_common) = (false, true);
    for k in c.first + 1..=c.last {
        let h = &tokens[k - 1];
        any_role |= is_role(h);
        all_common &= knowledge.is_common_folded(&h.folded) || !h.is_name_like();
        if starts_name(k, any_role, all_common) {
            split = Some(k);
            break;
        }
    }
    if let Some(split) = split {
        let mut out = Vec::new();
        // After a role, what precedes it is kept only when it is a known name ("US President").
        let had_role = tokens[c.first..split].iter().any(is_role);
        let mut first = c.first;
        while first < split
            && (is_role(&tokens[first]) || contains(FUNCTION_WORDS, folded(&tokens[first])))
        {
            first += 1;
        }
        let mut last = split;
        while last > first && is_role(&tokens[last - 1]) {
            last -= 1;
        }
        // A head of ordinary words ("Polonaise", "Democrat") is no name of its own.
        if tokens[first..last]
            .iter()
            .all(|h| knowledge.is_common_folded(&h.folded))
        {
            last = first;
        }
        let known_head = known(&tokens[first..last], knowledge).filter(|(n, _)| *n == last - first);
        if let Some((_, entries)) = known_head {
            out.push(Candidate {
                first,
                last: last - 1,
                label: entries.first().map(|(_, e)| (e.label, Evidence::Strong)),
                entry: entries.first().map(|(id, _)| *id),
            });
        } else if last > first && !had_role {
            let head = Candidate {
                first,
                last: last - 1,
                label: None,
                entry: None,
            };
            out.extend(trim_and_split(tokens, head, knowledge));
        }
        out.push(Candidate {
            first: split,
            last: c.last,
            label: Some((Label::Person, Evidence::Strong)),
            entry: None,
        });
        return out;
    }
    let mut role_before = false;
    while c.first < c.last {
        let t = &tokens[c.first];
        let f = folded(t);
        let is_function = contains(FUNCTION_WORDS, f) || t.kind == Kind::Elision;
        let sentence_common = t.sentence_start
            && knowledge.is_common_folded(&t.folded)
            && !knowledge.is_given_folded(&t.folded)
            && known(&tokens[c.first..=c.last], knowledge).is_none();
        if is_function || is_role(t) || sentence_common {
            role_before |= is_role(t);
            c.first += 1;
        } else {
            break;
        }
    }
    // A lone function word, role, head noun ("Parti", "Prefecture") or compass point ("l’Est")
    // is no name.
    if c.first == c.last {
        let t = &tokens[c.first];
        let f = folded(t);
        if contains(FUNCTION_WORDS, f)
            || is_role(t)
            || t.kind == Kind::Elision
            || contains(COMPASS_WORDS, f)
            || (contains(ORG_WORDS, f) || contains(PLACE_WORDS, f))
                && t.is_capitalized()
                && !t.is_all_caps()
        {
            return vec![];
        }
    }
    // Trailing connectors and function words never end a name ("Africa But", "C. Il").
    while c.last > c.first
        && (contains(CONNECTORS, folded(&tokens[c.last]))
            || contains(FUNCTION_WORDS, folded(&tokens[c.last])))
    {
        c.last -= 1;
    }
    if c.first == c.last && is_fragment(&tokens[c.first], knowledge) {
        return vec![];
    }
    // A phrase ending with a role is a title, not a name ("Senate Majority Leader").
    if is_role(&tokens[c.last]) && known(&tokens[c.first..=c.last], knowledge).is_none() {
        return vec![];
    }
    // Events, laws and prizes are not entities ("Endangered Species Act", "Coupe du monde").
    if contains(EVENT_WORDS, folded(&tokens[c.last]))
        && known(&tokens[c.first..=c.last], knowledge).is_none()
    {
        return vec![];
    }
    // What remains may be a known name once the front is stripped ("The United Nations").
    if let Some((n, entries)) = known(&tokens[c.first..=c.last], knowledge)
        && n == c.last + 1 - c.first
        && let Some(&(id, entry)) = entries.first()
    {
        c.label = Some((entry.label, Evidence::Strong));
        c.entry = Some(id);
        return vec![c];
    }
    if role_before {
        c.label = Some((Label::Person, Evidence::Strong));
    }
    vec![c]
}

/// A given name, also hyphenated ("Jean-François").
fn is_given(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    knowledge.is_given_folded(&t.folded)
        || (t.folded.contains('-')
            && t.folded
                .split('-')
                .all(|part| knowledge.is_given_folded(part)))
}

/// An initial: "J.", "C.".
fn is_initial(t: &Token<'_>) -> bool {
    t.text.len() <= 3
        && t.text.ends_with('.')
        && t.text.chars().filter(|c| c.is_alphabetic()).count() == 1
}

/// Hyphenated initials: "J-M", "J.-P.".
fn is_initial_pair(t: &Token<'_>) -> bool {
    let letters: Vec<char> = t.text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() == 2 && letters.iter().all(|c| c.is_uppercase()) && t.text.contains('-')
}

/// What is never a name on its own: an initial, one or two letters that are not an acronym,
/// a century or a numbered regime ("XIXe", "Ve"), an acronym of a thing ("UTC", "COVID").
fn is_fragment(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    let letters = t.text.chars().filter(|c| c.is_alphabetic()).count();
    let roman_ordinal = t
        .text
        .strip_suffix("ème")
        .or_else(|| t.text.strip_suffix("e"))
        .or_else(|| t.text.strip_suffix("er"))
        .is_some_and(|r| !r.is_empty() && r.chars().all(|c| "IVXLC".contains(c)));
    let is_known = || known(std::slice::from_ref(t), knowledge).is_some();
    is_initial(t)
        || roman_ordinal
        || (letters <= 2 && !t.is_all_caps())
        || (contains(NOT_ENTITY_ACRONYMS, folded(t)) && !is_known())
}

/// Types a candidate from its words and what precedes it.
fn classify(
    tokens: &[Token<'_>],
    c: &Candidate,
    knowledge: &Knowledge,
) -> Option<(Label, Evidence)> {
    let words = &tokens[c.first..=c.last];
    let folded_words: Vec<&str> = words.iter().map(folded).collect();
    let n = words.len();
    if n == 1 && is_road(words[0].text) {
        return Some((Label::Place, Evidence::Strong));
    }
    if folded_words.iter().any(|w| contains(ORG_WORDS, w)) {
        return Some((Label::Organisation, Evidence::Strong));
    }
    if folded_words.iter().any(|w| contains(PLACE_WORDS, w)) {
        return Some((Label::Place, Evidence::Strong));
    }
    // "B. Obama", "J-M Ayrault": an initial, then a name.
    if n >= 2 && (is_initial(&words[0]) || is_initial_pair(&words[0])) {
        return Some((Label::Person, Evidence::Strong));
    }
    // "Paris Métro": a known place's name then ordinary words is no person, even though
    // "Paris" is also a given name; "Gordon Brown" is one.
    let place_then_words = known(&words[..1], knowledge).is_some()
        && words[1..]
            .iter()
            .all(|w| knowledge.is_common_folded(&w.folded));
    if is_given(&words[0], knowledge) && n >= 2 && !words[0].is_all_caps() && !place_then_words {
        return Some((Label::Person, Evidence::Strong));
    }
    if knowledge.is_given_folded(&words[0].folded)
        && n >= 2
        && words[1..].iter().all(|w| w.is_all_caps())
    {
        return Some((Label::Person, Evidence::Strong));
    }
    let previous = preceding_words(tokens, c.first, 2);
    // "le blogueur Podoliaka", "President Trump"; not "ministre des Finances".
    let common_word = n == 1 && knowledge.is_common_folded(&words[0].folded);
    if !common_word && previous.iter().any(|w| contains(ROLE_WORDS, w)) {
        return Some((Label::Person, Evidence::Strong));
    }
    // An acronym is an organisation, unless it is a word in capitals ("TV", "PME", "UTC").
    if n == 1 && words[0].is_all_caps() && words[0].text.chars().count() <= 6 {
        return (!knowledge.is_common_folded(&words[0].folded))
            .then_some((Label::Organisation, Evidence::Strong));
    }
    if n == 1 && is_demonym(&words[0], knowledge) {
        return None;
    }
    if n == 1 && knowledge.near_place(words[0].text).is_some() {
        return Some((Label::Place, Evidence::Strong));
    }
    // A capitalised common word ("l’Est") needs more than a preposition to be a place.
    if n == 1 && knowledge.is_common_folded(&words[0].folded) {
        return None;
    }
    if previous.first().is_some_and(|w| is_place_cue(w)) {
        return Some((Label::Place, Evidence::Weak));
    }
    // "dans le Donbass", "de la Crimée": a preposition, then an article.
    if previous.len() == 2
        && matches!(previous[0].as_str(), "le" | "la" | "les" | "l'")
        && matches!(
            previous[1].as_str(),
            "dans" | "de" | "vers" | "pour" | "sur" | "contre"
        )
    {
        return Some((Label::Place, Evidence::Weak));
    }
    None
}

/// The folded words before token `i`, nearest first, within the sentence.
fn preceding_words(tokens: &[Token<'_>], i: usize, count: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut j = i;
    while j > 0 && out.len() < count {
        j -= 1;
        let t = &tokens[j];
        if t.kind == Kind::Punct && t.text != "-" {
            break;
        }
        out.push(folded(t).to_owned());
        if t.sentence_start {
            break;
        }
    }
    out
}

/// A nationality word ("Russes", "Ukrainiens", "Syrians"): not a known name, with a
/// nationality ending or the stem of a country's name.
fn is_demonym(t: &Token<'_>, knowledge: &Knowledge) -> bool {
    if known(std::slice::from_ref(t), knowledge).is_some() {
        return false;
    }
    let f = folded(t);
    let suffix = has_suffix(f, DEMONYM_SUFFIXES);
    let stem = knowledge.shares_country_stem(t.text);
    (suffix && (stem || knowledge.is_common_folded(&t.folded)))
        || (stem && knowledge.is_common_folded(&t.folded))
}

/// A road number: "A20", "M25", "I-95", "N7".
fn is_road(word: &str) -> bool {
    let mut chars = word.chars();
    let road_letter = chars.next().is_some_and(|c| "ADNMEIBR".contains(c));
    let rest = chars.as_str().trim_start_matches('-');
    road_letter && !rest.is_empty() && rest.len() <= 3 && rest.chars().all(|c| c.is_ascii_digit())
}

/// What an article's confident candidates say about its other names.
#[derive(Default)]
struct NameEvidence {
    /// The best label seen for each name.
    by_name: HashMap<String, (Label, Evidence)>,
    /// Words of multi-word person names ("donald", "trump").
    person_parts: HashMap<String, Label>,
}

impl NameEvidence {
    /// Records the labelled candidates of one text.
    fn learn(&mut self, tokens: &[Token<'_>], candidates: &[Candidate]) {
        for c in candidates {
            let Some(label) = c.label else { continue };
            let k = key_of(&tokens[c.first..=c.last]);
            if self.by_name.get(&k).is_none_or(|old| old.1 < label.1) {
                self.by_name.insert(k, label);
            }
            if label.0 == Label::Person && c.last > c.first {
                for t in &tokens[c.first..=c.last] {
                    self.person_parts
                        .insert(folded(t).to_owned(), Label::Person);
                }
            }
        }
    }

    /// Gives unlabelled or weakly labelled candidates the label of the same name elsewhere in
    /// the article, of a longer person's name they are part of, or a last-resort guess.
    fn apply(&self, tokens: &[Token<'_>], candidates: &mut [Candidate], knowledge: &Knowledge) {
        for c in candidates.iter_mut() {
            if matches!(c.label, Some((_, Evidence::Strong))) {
                continue;
            }
            let k = key_of(&tokens[c.first..=c.last]);
            if let Some(&(label, Evidence::Strong)) = self.by_name.get(&k) {
                c.label = Some((label, Evidence::Strong));
            } else if c.first == c.last && self.person_parts.contains_key(&k) {
                c.label = Some((Label::Person, Evidence::Strong));
            } else if c.label.is_none() {
                c.label = self
                    .by_name
                    .get(&k)
                    .copied()
                    .or_else(|| guess(tokens, c, knowledge));
            }
        }
    }
}

/// French organisation names end with lowercase adjectives after their head noun: "Parti
/// communiste chinois", "Armée syrienne libre", "Cour suprême".
fn extend_with_adjectives(
    tokens: &[Token<'_>],
    covered: &[bool],
    c: &mut Candidate,
    knowledge: &Knowledge,
) {
    if c.label.map(|l| l.0) != Some(Label::Organisation) || c.entry.is_some() {
        return;
    }
    if !contains(ORG_WORDS, folded(&tokens[c.last])) {
        return;
    }
    let mut last = c.last;
    while last + 1 < tokens.len() && last < c.last + 3 {
        let t = &tokens[last + 1];
        let f = folded(t);
        let adjective = t.kind == Kind::Word
            && !t.after_newline
            && !covered[last + 1]
            && t.text.starts_with(char::is_lowercase)
            && !contains(FUNCTION_WORDS, f)
            && (has_suffix(f, ADJECTIVE_SUFFIXES) || contains(SHORT_ADJECTIVES, f))
            && !knowledge.is_given_folded(&t.folded);
        if !adjective {
            break;
        }
        last += 1;
    }
    c.last = last;
}

/// The last resort for a candidate with no evidence.
fn guess(tokens: &[Token<'_>], c: &Candidate, knowledge: &Knowledge) -> Option<(Label, Evidence)> {
    let words = &tokens[c.first..=c.last];
    if words.len() == 1 {
        let t = &words[0];
        // A capitalised common word or sentence-initial word with no other evidence is not a name.
        if t.sentence_start || knowledge.is_common_folded(&t.folded) || t.is_all_caps() {
            return None;
        }
        let previous = preceding_words(tokens, c.first, 1);
        return match previous.first().map(String::as_str) {
            // "l’Inrap", "l’Unesco": in French an elided article before an unknown name is
            // mostly an organisation (places and countries are in the gazetteer).
            Some("l'") => Some((Label::Organisation, Evidence::Weak)),
            Some(
                "de" | "d'" | "du" | "a" | "au" | "en" | "in" | "at" | "from" | "near" | "of"
                | "to",
            ) => Some((Label::Place, Evidence::Weak)),
            _ if has_suffix(folded(t), PLACE_SUFFIXES) => Some((Label::Place, Evidence::Weak)),
            _ => Some((Label::Person, Evidence::Weak)),
        };
    }
    let has_connector = words.iter().any(|w| !w.is_name_like());
    // A known place inside a longer unknown name makes an institution: "Wikimedia France",
    // "Ouest France", "Réseau Ferré de France".
    let has_place = words.iter().any(|w| {
        known(std::slice::from_ref(w), knowledge)
            .is_some_and(|(_, entries)| entries.iter().any(|(_, e)| e.label == Label::Place))
    });
    // Capitalised ordinary words ("Seconde Guerre", "Grand Chelem") are no name.
    if words
        .iter()
        .all(|w| knowledge.is_common_folded(&w.folded) || !w.is_name_like())
    {
        return None;
    }
    // People's names do not end with a common word ("Hollywood Reporter", "Travaux Publics").
    let ends_common = words
        .last()
        .is_some_and(|w| knowledge.is_common_folded(&w.folded));
    if words.len() <= 3 && !has_connector && !has_place && !ends_common {
        Some((Label::Person, Evidence::Weak))
    } else {
        Some((Label::Organisation, Evidence::Weak))
    }
}

/// The span of a person's name in an embed author's display name: "SILVANO TROTTA OFFICIEL"
/// gives "SILVANO TROTTA". Returns code-point offsets in `author`.
pub fn author_name_span(author: &str) -> Option<(usize, usize)> {
    const SUFFIXES: &[&str] = &[
        "officiel",
        "officielle",
        "official",
        "offical",
        "news",
        "tv",
        "info",
        "infos",
        "fan",
        "fans",
        "parody",
    ];
    let tokens = tokenize(author);
    let words: Vec<&Token<'_>> = tokens.iter().filter(|t| t.kind == Kind::Word).collect();
    let mut last = words.len();
    while last > 1 && SUFFIXES.contains(&fold(words[last - 1].text).as_str()) {
        last -= 1;
    }
    let (first, end) = (words.first()?, words.get(last.checked_sub(1)?)?);
    Some((first.start, end.end))
}

#[cfg(test)]
mod tests;
