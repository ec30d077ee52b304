//! Named-entity recognition for French and English news: people, places, organisations, dates.
//!
//! A rule-based recogniser over [`tokens`]: candidates are dates ([`crate::dates`]), known names
//! ([`knowledge`]), organisation patterns and runs of capitalised words; each candidate is typed
//! from what it contains (known names, given names, head nouns such as "Ministry" or "Oblast")
//! and what precedes it (a role such as "président", a preposition such as "à"), then made
//! consistent across the text ("Trump" after "Donald Trump" is a person too).

mod acronyms;
mod candidates;
mod classify;
mod consistency;
mod institutions;
pub mod knowledge;
pub mod lexicon;
mod lists;
mod seats;
pub mod tokens;

use std::collections::HashMap;
use std::sync::LazyLock;

use kiosque_model::text::fold;
use kiosque_model::{Confidence, Label};
use regex::Regex;

use crate::dates::{DateExpr, find_dates, word_bounded};
use crate::normalize::CodePoints;
use knowledge::{Knowledge, key_of};
use lexicon::{
    ADJECTIVE_SUFFIXES, AUXILIARIES, BUILDING_CUES, COMPASS_WORDS, COUNTRY_ENDONYMS,
    DEMONYM_SUFFIXES, EVENT_WORDS, FUNCTION_WORDS, LEGAL_FORMS, NAMING_WORDS, NATIONALITY_SUFFIXES,
    NOT_ENTITY_ACRONYMS, ORG_CUES, ORG_PLURALS, ORG_WORDS, PLACE_BOUND, PLACE_SUFFIXES,
    PLACE_WORDS, SAYING_VERBS, SHORT_ADJECTIVES, SURNAME_PARTICLES, WORK_CUES, company_own_name,
    contains, has_suffix, is_belief, is_place_cue, is_role_word,
};
use tokens::{Kind, Token, separated_number, tokenize};

use candidates::{find_candidates, join_couples};
use classify::classify;
use consistency::NameEvidence;
use institutions::extend_with_adjectives;

/// An entity recognised in a text, before it is placed in its document (an [`crate::analysis::Found`]) and linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognized {
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
    /// How sure the label is, from the evidence ([`Evidence::confidence`]).
    pub confidence: Confidence,
    /// A lone word that looks like a name ("Poutine a déclaré", "Zelensky said") and that
    /// nothing in its article types: labelled a person, it is a mention only if the corpus
    /// names someone by it (the linker decides, see `kiosque_corpus`).
    pub lone: bool,
}

/// How sure a candidate's label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    /// From context alone (a preposition, a suffix), or a guess from the shape of the name.
    Weak,
    /// One clue about the name that is not the name itself: a verb of saying after it
    /// ("Podoliaka a déclaré"), a given name alone ("Mathilde"). Types like `Weak`.
    Fair,
    /// From the name itself (a given name, a head noun, a role before it, a known name).
    Strong,
}

impl Evidence {
    /// The confidence of a mention typed from this evidence.
    fn confidence(self) -> Confidence {
        match self {
            Evidence::Weak => Confidence::Low,
            Evidence::Fair => Confidence::Medium,
            Evidence::Strong => Confidence::High,
        }
    }
}

#[derive(Debug, Clone)]
struct Candidate {
    /// Token range.
    first: usize,
    last: usize,
    label: Option<(Label, Evidence)>,
    entry: Option<u32>,
}

impl Candidate {
    /// Tokens `first..=last`, a known name: the first of its gazetteer `entries` types it.
    fn known(first: usize, last: usize, entries: &[(u32, &knowledge::Entry)]) -> Self {
        Candidate {
            first,
            last,
            label: entries.first().map(|(_, e)| (e.label, Evidence::Strong)),
            entry: entries.first().map(|(id, _)| *id),
        }
    }
}

/// French ministries, written in lowercase: "ministère russe de la Défense", "ministère de la
/// Culture et de la Communication" (a second domain with its article: not "… et Moscou").
static MINISTRY: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r"(?x)
        (?-u:\b)[Mm]inist[èe]re
        (?:\s+[a-zéèêëàâîïôûç]+(?:e|es|ien|ienne|ain|aine|ais|aise|ois|oise))?
        \s+(?:de\s+la\s+|de\s+l[’']|des\s+|du\s+|de\s+|d[’'])
        \p{Lu}[\p{L}-]*
        (?:\s+[a-zéèêëàâîïôûç]+(?:ères|ère|aires|aire|ales|ale|aux|elle|elles|iques|ique|ieure|ieur|ières|ière))?
        (?:\s*,?\s+(?:et|and)\s+(?:de\s+la\s+|de\s+l[’']|des\s+|du\s+|de\s+|d[’'])\p{Lu}[\p{L}-]*
           (?:\s+[a-zéèêëàâîïôûç]+(?:ères|ère|aires|aire|ales|ale|aux|elle|elles|iques|ique))?)*";
    Regex::new(pattern).unwrap_or_else(|e| panic!("ministry pattern: {e}"))
});

/// French organisations written in lowercase, a head noun, a scope ("nationale", "générale")
/// and what they are for or of: "coordination nationale pour la défense des hôpitaux de
/// proximité", "confédération générale du travail", "haute autorité de santé". Without the
/// scope, a head noun is a common noun ("le conseil municipal", "une commission d'enquête").
static LOWERCASE_ORG: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r"(?x)
        (?-u:\b)
        (?:[Cc]oordination|[Cc]onf[ée]d[ée]ration|[Ff][ée]d[ée]ration|[Cc]ollectif|[Cc]omit[ée]
          |[Ss]yndicat|[Uu]nion|[Hh]aut\s+[Cc]onseil|[Hh]aute\s+[Aa]utorit[ée]|[Cc]onseil
          |[Cc]ommission|[Aa]gence|[Oo]ffice|[Oo]bservatoire|[Mm]ouvement|[Aa]ssociation|[Cc]aisse)
        (?:\s+(?:nationale?|g[ée]n[ée]rale?|europ[ée]enne?|internationale?|sup[ée]rieure?
              |f[ée]d[ée]rale?|interminist[ée]rielle?|interprofessionnelle?|mondiale?|unitaire
              |centrale?|consultative?|permanente?)){0,2}
        (?:\s+(?:pour|contre|des|du|de\s+la|de\s+l[’']|de|d[’'])\s*(?:la\s+|le\s+|les\s+|l[’'])?
           \p{L}[\p{L}-]+
           (?:\s+\p{Ll}+(?:al|ale|aux|ales|ique|iques|aire|aires|elle|elles|ien|ienne|iens|iennes
                         |if|ive|ifs|ives|ais|aise|ée|ées))?){1,4}";
    Regex::new(pattern).unwrap_or_else(|e| panic!("lowercase organisation pattern: {e}"))
});

/// The scope words of [`LOWERCASE_ORG`]: a match without one is no name.
const ORG_SCOPES: &[&str] = &[
    "nationale",
    "national",
    "generale",
    "general",
    "europeenne",
    "europeen",
    "internationale",
    "international",
    "superieure",
    "superieur",
    "federale",
    "federal",
    "interministerielle",
    "interministeriel",
    "interprofessionnelle",
    "interprofessionnel",
    "mondiale",
    "mondial",
    "unitaire",
    "centrale",
    "central",
    "consultative",
    "consultatif",
    "permanente",
    "permanent",
    "haut",
    "haute",
];

/// French parties written in lowercase after an article: "le parti socialiste", "du parti
/// communiste chinois" (group 1 is the name, without the article).
static LOWERCASE_PARTY: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r"(?x)
        (?-u:\b)(?:[Ll]e|du|au)\s+
        (parti\s+(?:socialiste|communiste|r[ée]publicain|d[ée]mocrate|[ée]cologiste|radical
                  |travailliste|conservateur|lib[ée]ral|d[ée]mocrate-chr[ée]tien|pirate|vert)
           (?:\s+(?:\p{Ll}+(?:ais|ain|ien|ois|and|ol|in|ique)
                  |belge|suisse|russe|tch[eè]que|slovaque|grec|turc))?)(?-u:\b)";
    Regex::new(pattern).unwrap_or_else(|e| panic!("lowercase party pattern: {e}"))
});

/// Finds the entity mentions of one text, alone: its lone names ([`Recognized::lone`]), which
/// only a corpus can tell, are left out. Offsets are code points.
pub fn recognize(text: &str, knowledge: &Knowledge) -> Vec<Recognized> {
    let mut mentions = recognize_all(&[text], knowledge).pop().unwrap_or_default();
    mentions.retain(|m| !m.lone);
    mentions
}

/// Finds the entity mentions of the texts of one article (its paragraphs, embeds and related
/// links), consistently: a name typed in one paragraph ("Donald Trump") types it in the others
/// ("Trump's victory"). One list of mentions per text, offsets in code points of that text;
/// with the lone names that the corpus decides on ([`Recognized::lone`]).
pub fn recognize_all(texts: &[&str], knowledge: &Knowledge) -> Vec<Vec<Recognized>> {
    let mut parts: Vec<Part<'_>> = texts.iter().map(|t| Part::new(t, knowledge)).collect();
    let mut evidence = NameEvidence::default();
    for p in &parts {
        evidence.learn(&p.tokens, &p.candidates, knowledge);
        evidence.learn_works(&p.works);
    }
    for p in &mut parts {
        evidence.apply(&p.tokens, &mut p.candidates, knowledge);
        p.candidates.retain(|c| !evidence.is_work(&p.tokens, c));
        for c in &mut p.candidates {
            extend_with_adjectives(&p.tokens, &p.covered, c, knowledge);
        }
        // A name extended over the next candidate holds it ("le Tribunal correctionnel de
        // Paris" holds Paris).
        let mut end = None;
        p.candidates.retain(|c| {
            let inside = end.is_some_and(|end| c.first <= end);
            if !inside {
                end = Some(c.last);
            }
            !inside
        });
        join_couples(&p.tokens, &mut p.candidates, knowledge);
    }
    parts.into_iter().map(|p| p.mentions(knowledge)).collect()
}

/// One text on its way through recognition.
struct Part<'a> {
    chars: Vec<char>,
    tokens: Vec<Token<'a>>,
    covered: Vec<bool>,
    candidates: Vec<Candidate>,
    /// Dates and patterned organisations, found before the names.
    mentions: Vec<Recognized>,
    /// The names of works this text gives ("le système Galileo"), as [`key_of`] makes them.
    works: Vec<String>,
}

impl<'a> Part<'a> {
    /// Finds dates, patterned organisations and typed name candidates.
    fn new(text: &'a str, knowledge: &Knowledge) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let substring = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
        let mut mentions: Vec<Recognized> = Vec::new();
        for d in find_dates(text) {
            mentions.push(Recognized {
                start: d.start,
                end: d.end,
                label: Label::Date,
                text: substring(d.start, d.end),
                date: Some(d.expr),
                entry: None,
                confidence: Confidence::High,
                lone: false,
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
        // Patterned organisations: "ministère … de …" (sure), and lowercase-headed ones
        // ("coordination nationale pour …", "le parti socialiste": one clue, the pattern, so
        // not sure). Byte ranges of `text`, each with its confidence.
        let ministries = MINISTRY
            .find_iter(text)
            .map(|m| (m.start(), m.end(), Confidence::High));
        let lowercase = LOWERCASE_ORG
            .find_iter(text)
            .filter(|m| {
                m.as_str()
                    .split_whitespace()
                    .take(4)
                    .any(|w| lexicon::contains(ORG_SCOPES, &fold(w)))
            })
            .map(|m| (m.start(), m.end(), Confidence::Medium))
            .chain(
                LOWERCASE_PARTY
                    .captures_iter(text)
                    .filter_map(|c| c.get(1))
                    .map(|m| (m.start(), m.end(), Confidence::Medium)),
            );
        let patterned: Vec<(usize, usize, Confidence)> = ministries.chain(lowercase).collect();
        for (s, e, confidence) in patterned {
            if !word_bounded(text, s, e) {
                continue;
            }
            let (start, end) = (cp.of(s), cp.of(e));
            if !taken[start..end].iter().any(|&t| t) {
                take(&mut taken, start, end);
                mentions.push(Recognized {
                    start,
                    end,
                    label: Label::Organisation,
                    text: text[s..e].to_owned(),
                    date: None,
                    entry: None,
                    confidence,
                    lone: false,
                });
            }
        }
        let tokens = tokenize(text);
        let covered: Vec<bool> = tokens
            .iter()
            .map(|t| taken[t.start..t.end].iter().any(|&x| x))
            .collect();
        let mut candidates = find_candidates(&tokens, &covered, knowledge);
        seats::read_seats(&tokens, &mut candidates, knowledge);
        // Titles of works are no entities ("le film Skyfall", "connu pour Gladiator, Lincoln");
        // a character's full name is a person ("la série James Bond"). Nor is a name given in
        // quotes after a verb of naming, nor one after a version's number ("12.04 LTS"), nor one
        // that a year in parentheses follows, itself
        // or in a title that goes on in lowercase ("Harry Potter et les reliques de la mort,
        // partie 2 (2011)", "Skyfall (2012)"; known names are kept: "Paris (2024)"). Their
        // names are kept for the rest of the article ([`NameEvidence::is_work`]).
        let mut works = Vec::new();
        candidates.retain(|c| {
            let work = (c.label.is_none()
                && !(c.last > c.first && classify::is_given(&tokens[c.first], knowledge))
                && classify::names_a_work(&tokens, c.first))
                || (c.entry.is_none()
                    && (classify::named_in_quotes(&tokens, c.first)
                        || classify::after_version(&tokens, c.first)
                        || classify::dated_title(&tokens, c.last)));
            if work {
                works.push(key_of(&tokens[c.first..=c.last]));
            }
            !work
        });
        for c in &mut candidates {
            if c.label.is_none() {
                c.label = classify(&tokens, c, knowledge);
            }
        }
        lists::type_by_list(&tokens, &mut candidates, knowledge);
        acronyms::name_with_acronym(&tokens, &covered, &chars, &mut candidates);
        Part {
            chars,
            tokens,
            covered,
            candidates,
            mentions,
            works,
        }
    }

    /// All mentions, in text order.
    fn mentions(self, knowledge: &Knowledge) -> Vec<Recognized> {
        let Part {
            chars,
            tokens,
            candidates,
            mut mentions,
            ..
        } = self;
        for c in candidates {
            let (start, end) = (tokens[c.first].start, tokens[c.last].end);
            let text = || chars[start..end].iter().collect();
            let Some((label, evidence)) = c.label else {
                if is_lone_name(&tokens, &c, knowledge) {
                    mentions.push(Recognized {
                        start,
                        end,
                        label: Label::Person,
                        text: text(),
                        date: None,
                        entry: None,
                        confidence: Confidence::Low,
                        lone: true,
                    });
                }
                continue;
            };
            mentions.push(Recognized {
                start,
                end,
                label,
                text: text(),
                date: None,
                entry: c.entry,
                confidence: match c.entry {
                    Some(_) => Confidence::High,
                    None => evidence.confidence(),
                },
                lone: false,
            });
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        mentions
    }
}

/// Whether an untyped candidate is a lone name that the corpus may know ([`Recognized::lone`]):
/// one capitalised word of three letters or more, not in capitals (an unknown acronym); at
/// the start of a sentence, where every word is capitalised, a common word only before a verb
/// of saying ("Putin said", "Poutine a déclaré"; English dictionaries list names such as
/// "Putin" as words), and not the plural of a common word ("Banks said", "Officials said").
fn is_lone_name(tokens: &[Token<'_>], c: &Candidate, knowledge: &Knowledge) -> bool {
    let t = &tokens[c.first];
    let plural = || {
        t.folded
            .strip_suffix('s')
            .is_some_and(|one| knowledge.is_common_folded(one))
    };
    c.first == c.last
        && t.kind == Kind::Word
        && t.is_capitalized()
        && !t.is_all_caps()
        && t.text.chars().count() >= 3
        && !(t.sentence_start
            && knowledge.is_common_folded(&t.folded)
            && (!classify::says(tokens, c.first) || plural()))
}

fn folded<'t>(token: &'t Token<'_>) -> &'t str {
    &token.folded
}

/// The longest known name starting at `tokens[0]`, when it counts (see
/// [`trust_one_word_match`]).
fn known<'k>(
    tokens: &[Token<'_>],
    knowledge: &'k Knowledge,
) -> Option<(usize, Vec<(u32, &'k knowledge::Entry)>)> {
    knowledge.longest_match(tokens).filter(|(n, entries)| {
        *n > 1
            || trust_one_word_match(&tokens[0], entries, knowledge)
            || famous_place_opens_sentence(tokens, entries, knowledge)
    })
}

/// Whether a one-word gazetteer match counts: never for a compass point ("l’Est" is not the
/// French region Est); for a common word at the start of a sentence ("Nice", "Tours") only if
/// it names a country (or a famous place, see [`famous_place_opens_sentence`]).
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
    // An acronym in capitals is no word ("UN", "WHO"), even at the start of a sentence.
    let common = !t.is_all_caps()
        && (knowledge.is_common_folded(&t.folded) || knowledge.is_given_folded(&t.folded));
    let country = entries.iter().any(|(_, e)| e.kind == "country");
    let well_known = entries
        .iter()
        .any(|(_, e)| e.weight >= 6 || e.label == Label::Organisation);
    !common || country || (well_known && !t.sentence_start)
}

/// The frequency class up to which a given name gives way to a famous place at the start of a
/// sentence (of 1 to 13: "London" 1, "Paris" and "Geneva" 3; not "Sydney" and "Sofia" 4,
/// "Austin" 5, "Florence" 7, "Victoria" 9).
const GIVEN_BELOW_A_PLACE: u8 = 3;

/// Whether a one-word name that opens a sentence and is also a common word or a given name
/// names a famous place all the same: a capital or a city of millions (weight 7 or more:
/// "Paris a refusé", "Pékin a dénoncé", "London said"), or a city the French name otherwise
/// ("Geneva is to host the talks"); at most a rare given name; and a lowercase word after it,
/// perhaps after a possessive ("London's mayor said"), which no surname is ("Paris Hilton",
/// "Austin Powers"). Not at a sentence's start when a
/// compass point ("Ouest") or in capitals. A person the article names in full keeps the name
/// ("Whitney Houston … Houston said": the candidate's evidence is only fair, see
/// [`candidates::find_candidates`]).
fn famous_place_opens_sentence(
    tokens: &[Token<'_>],
    entries: &[(u32, &knowledge::Entry)],
    knowledge: &Knowledge,
) -> bool {
    let Some(t) = tokens.first() else {
        return false;
    };
    let rare_given = || {
        knowledge
            .given_class(&t.folded)
            .is_none_or(|class| class <= GIVEN_BELOW_A_PLACE)
    };
    let famous = || {
        entries.iter().any(|(_, e)| {
            e.label == Label::Place
                && (e.weight >= 7
                    || (e.weight >= 5
                        && fold(&e.fr) != fold(&e.en)
                        && !knowledge.is_common_folded(&t.folded)))
        })
    };
    // "London's mayor said": a possessive, then a lowercase word.
    let after = usize::from(tokens.get(1).is_some_and(|p| p.kind == Kind::Possessive)) + 1;
    let lowercase_follows = tokens.get(after).is_some_and(|next| {
        matches!(next.kind, Kind::Word | Kind::Elision)
            && !next.sentence_start
            && next.text.starts_with(char::is_lowercase)
    });
    t.sentence_start
        && t.is_capitalized()
        && !t.is_all_caps()
        && !contains(COMPASS_WORDS, folded(t))
        && lowercase_follows
        && rare_given()
        && famous()
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
