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
    ADJECTIVE_SUFFIXES, COMPASS_WORDS, DEMONYM_SUFFIXES, FUNCTION_WORDS, ORG_WORDS, PLACE_SUFFIXES,
    PLACE_WORDS, ROLE_WORDS, SHORT_ADJECTIVES, contains, has_suffix, is_place_cue,
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
    "von", "van", "der", "den", "da", "di", "del", "dos", "bin", "ibn", "al", "el", "y",
];

/// Finds the entity mentions of one text.
///
/// `lang` is the text's language (`fr`, `en` or another code); offsets are code points.
pub fn recognize(text: &str, knowledge: &Knowledge) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let substring = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };

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
    make_consistent(&tokens, &mut candidates, knowledge);
    for c in &mut candidates {
        extend_with_adjectives(&tokens, &covered, c, knowledge);
    }

    for c in candidates {
        let Some((label, _)) = c.label else { continue };
        let (start, end) = (tokens[c.first].start, tokens[c.last].end);
        mentions.push(Mention {
            start,
            end,
            label,
            text: substring(start, end),
            date: None,
            entry: c.entry,
        });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions
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
        if covered[i] || !name_token(&tokens[i]) {
            i += 1;
            continue;
        }
        // The longest known name here, not running into covered tokens.
        let known = knowledge
            .longest_match(&tokens[i..])
            .filter(|(n, _)| !covered[i..i + n].iter().any(|&c| c))
            .filter(|(n, entries)| *n > 1 || trust_one_word_match(&tokens[i], entries, knowledge));
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
    !(t.sentence_start && knowledge.is_common_folded(&t.folded))
        || entries.iter().any(|(_, e)| e.kind == "country")
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
            contains(ORG_WORDS, f) || contains(PLACE_WORDS, f) || contains(ROLE_WORDS, f)
        });
        let particles = tokens[j..k]
            .iter()
            .all(|t| contains(NAME_PARTICLES, folded(t)));
        let known = knowledge
            .longest_match(&tokens[i..])
            .is_some_and(|(n, _)| n >= k + 1 - i);
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
    // A role phrase inside the run, then a given name: the name is a person's.
    if let Some(split) = (c.first + 1..=c.last).find(|&k| {
        knowledge.is_given_folded(&tokens[k].folded) && tokens[c.first..k].iter().any(is_role)
    }) {
        let mut out = Vec::new();
        // What precedes the role words is kept only when it is a known name ("US President").
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
        if last > first
            && let Some((n, entries)) = knowledge.longest_match(&tokens[first..last])
            && n == last - first
        {
            out.push(Candidate {
                first,
                last: last - 1,
                label: entries.first().map(|(_, e)| (e.label, Evidence::Strong)),
                entry: entries.first().map(|(id, _)| *id),
            });
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
            && knowledge.longest_match(&tokens[c.first..=c.last]).is_none();
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
    // Trailing connectors never end a name.
    while c.last > c.first && contains(CONNECTORS, folded(&tokens[c.last])) {
        c.last -= 1;
    }
    // What remains may be a known name once the front is stripped ("The United Nations").
    if let Some((n, entries)) = knowledge.longest_match(&tokens[c.first..=c.last])
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
    if knowledge.is_given_folded(&words[0].folded) && n >= 2 && !words[0].is_all_caps() {
        return Some((Label::Person, Evidence::Strong));
    }
    if knowledge.is_given_folded(&words[0].folded)
        && n >= 2
        && words[1..].iter().all(|w| w.is_all_caps())
    {
        return Some((Label::Person, Evidence::Strong));
    }
    let previous = preceding_words(tokens, c.first, 2);
    if previous.iter().any(|w| contains(ROLE_WORDS, w)) {
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
    if knowledge.longest_match(std::slice::from_ref(t)).is_some() {
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
    let letters = word.chars().take_while(char::is_ascii_uppercase).count();
    let rest = word[letters..].trim_start_matches('-');
    (1..=2).contains(&letters)
        && !rest.is_empty()
        && rest.len() <= 4
        && rest.chars().all(|c| c.is_ascii_digit())
}

/// Gives unlabelled candidates the label of the same name elsewhere in the text, of a longer
/// name they are part of, or a last-resort guess; drops what stays doubtful.
fn make_consistent(tokens: &[Token<'_>], candidates: &mut [Candidate], knowledge: &Knowledge) {
    let key = |c: &Candidate| key_of(&tokens[c.first..=c.last]);
    let mut by_name: HashMap<String, (Label, Evidence)> = HashMap::new();
    let mut person_parts: HashMap<String, Label> = HashMap::new();
    for c in candidates.iter() {
        let Some(label) = c.label else { continue };
        let k = key(c);
        let better = by_name.get(&k).is_none_or(|old| old.1 < label.1);
        if better {
            by_name.insert(k, label);
        }
        if label.0 == Label::Person && c.last > c.first {
            for t in &tokens[c.first..=c.last] {
                person_parts.insert(folded(t).to_owned(), Label::Person);
            }
        }
    }
    for c in candidates.iter_mut() {
        let k = key(c);
        match c.label {
            Some((_, Evidence::Strong)) => {}
            Some((_, Evidence::Weak)) | None => {
                if let Some(&(label, Evidence::Strong)) = by_name.get(&k) {
                    c.label = Some((label, Evidence::Strong));
                } else if c.first == c.last && person_parts.contains_key(&k) {
                    c.label = Some((Label::Person, Evidence::Strong));
                } else if c.label.is_none() {
                    c.label = by_name
                        .get(&k)
                        .copied()
                        .or_else(|| guess(tokens, c, knowledge));
                }
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
        knowledge
            .longest_match(std::slice::from_ref(w))
            .is_some_and(|(_, entries)| entries.iter().any(|(_, e)| e.label == Label::Place))
    });
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
