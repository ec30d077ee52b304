//! What an entity is called: its canonical name, aliases, counts and id, from the occurrences
//! linked into it.

use kiosque_model::Label;
use kiosque_model::text::fold;
use kiosque_model::ui::Language;

use super::{Key, LinkedEntity, Occurrence, name_key};
use crate::ner::knowledge::{Entry, Knowledge};
use crate::slug::slugify;

/// The corpus as linking numbered it: what describing a group of occurrences reads.
pub(super) struct Context<'a, 'o> {
    /// Every occurrence.
    pub occurrences: &'a [Occurrence<'o>],
    /// `text_of[o]`: the distinct text of occurrence `o` (an index into `texts`).
    pub text_of: &'a [u32],
    /// The distinct texts.
    pub texts: &'a [&'o str],
    /// `key_of_occ[o]`: the key of occurrence `o` (an index into `key_list`).
    pub key_of_occ: &'a [u32],
    /// The distinct keys.
    pub key_list: &'a [(Label, Key)],
    /// The gazetteer.
    pub knowledge: &'a Knowledge,
    /// The corpus's main language.
    pub lang: &'a str,
}

/// How a spelling ranks when naming its entity, best last: written in mixed case, a full name
/// (two words or more) for a person, its given name written out, the gazetteer's name in the
/// corpus's language as it writes it (3), otherwise cased (2), or a part of it only (1), the
/// most weight, the most characters.
type Rank = (bool, bool, bool, usize, bool, u8, f32, usize);

/// Whether a name begins with an initial ("V. Sapounov", "J-M Ayrault", "B Obama"): one letter
/// (or letters joined by hyphens, each alone), a full stop after it or not.
fn begins_with_initial(name: &str) -> bool {
    name.split_whitespace().nth(1).is_some()
        && name.split_whitespace().next().is_some_and(|first| {
            first
                .trim_end_matches('.')
                .split('-')
                .all(|part| part.trim_end_matches('.').chars().count() == 1)
        })
}

impl Context<'_, '_> {
    /// Names, aliases, counts and id of one group of occurrences (`occs`, in their order).
    pub fn describe(&self, occs: &[usize]) -> LinkedEntity {
        let occurrences = self.occurrences;
        // The label the name was unified to (every key of a group has it), not the first
        // mention's own.
        let label = self.key_list[self.key_of_occ[occs[0]] as usize].0;
        let mut docs: Vec<usize> = occs.iter().map(|&o| occurrences[o].doc).collect();
        docs.sort_unstable();
        docs.dedup();
        // Each spelling's weight, summed in the order of the occurrences.
        let mut spelled: Vec<(u32, f32)> = occs
            .iter()
            .map(|&o| (self.text_of[o], occurrences[o].weight))
            .collect();
        spelled.sort_by_key(|&(text, _)| text);
        let mut spellings: Vec<(&str, f32)> = spelled
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| {
                let weight = run.iter().fold(0f32, |sum, &(_, w)| sum + w);
                (self.texts[run[0].0 as usize], weight)
            })
            .collect();
        spellings.sort_unstable_by(|a, b| a.0.cmp(b.0));
        // The gazetteer entries of the group, most mentioned first.
        let mut entries: Vec<u32> = occs
            .iter()
            .filter_map(|&o| match self.key_list[self.key_of_occ[o] as usize].1 {
                Key::Entry(id) => Some(id),
                _ => None,
            })
            .collect();
        entries.sort_unstable();
        let main_entry = entries
            .chunk_by(|a, b| a == b)
            .map(|run| (run[0], run.len()))
            // The most mentioned; of equal ones, the first id (`max_by_key` keeps the last).
            .rev()
            .max_by_key(|&(_, n)| n)
            .and_then(|(id, _)| self.knowledge.entry(id));
        // The corpus's language's name of a known entity wins when the corpus uses it
        // ("États-Unis" in a mostly French corpus, even if English articles say "United States").
        let known_name: Option<&str> = main_entry.map(|e| e.name(self.lang));
        // Of the other spellings, one written as part of that name and of no part of the
        // other language's ("Pacifique" of "Océan Pacifique", not "Pacific" of "Pacific Ocean";
        // "Congrès", not "Congress") is the corpus's language's short name.
        let own_words = main_entry.and_then(|e| {
            let other = match self.lang {
                "fr" => &e.en,
                "en" => &e.fr,
                _ => return None,
            };
            Some((words(e.name(self.lang)), words(other)))
        });
        // Only where the spellings are in both languages.
        let part_of = |name: &str, (whole, not): (&Vec<String>, &Vec<String>)| {
            let written = words(name);
            within(&written, whole) && !within(&written, not)
        };
        let contested = own_words.as_ref().is_some_and(|(own, other)| {
            spellings
                .iter()
                .any(|&(name, _)| part_of(name, (other, own)))
        });
        let in_own_language = |name: &str| -> u8 {
            match &own_words {
                _ if known_name == Some(name) => 3,
                Some((own, _)) if words(name) == *own => 2,
                Some((own, other)) if contested => u8::from(part_of(name, (own, other))),
                _ => 0,
            }
        };
        let value = occs.iter().find_map(|&o| occurrences[o].date);
        // An organisation is named in full where its articles also call it by its own name
        // ("Salling Group", not "Salling").
        let short_keys: Vec<String> = if label == Label::Organisation {
            spellings.iter().map(|&(s, _)| name_key(s)).collect()
        } else {
            Vec::new()
        };
        let rank = |&(name, weight): &(&str, f32)| -> Rank {
            (
                // Mixed case reads better than capitals ("Silvano Trotta", not "SILVANO TROTTA").
                !is_shouting(name, label),
                !short_keys.is_empty() && super::organisations::is_full_form(name, &short_keys),
                // Spelled out rather than as its acronym ("Federation of Belgian Banks", not
                // "FBB"), however often the acronym is written; the gazetteer names those it
                // knows.
                short_keys.is_empty()
                    || main_entry.is_some()
                    || !super::acronyms::is_acronym_of(name, &spellings),
                // A person is named in full ("Donald Trump", not "Trump"); beyond two words,
                // as the corpus names them most ("Robert Mugabe" more than "Robert Gabriel
                // Mugabe").
                if label == Label::Person {
                    name.split_whitespace().count().min(2)
                } else {
                    0
                },
                // "Valentine Sapounov", not "V. Sapounov", however often the initial is written.
                label == Label::Person && !begins_with_initial(name),
                in_own_language(name),
                weight,
                name.chars().count(),
            )
        };
        let mut ranked: Vec<(Rank, &str)> = spellings
            .iter()
            .map(|spelling| (rank(spelling), spelling.0))
            .collect();
        ranked.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.1.cmp(b.1))
        });
        let best = ranked
            .first()
            .map(|&(_, n)| n.to_owned())
            .unwrap_or_default();
        let name = match (label, value) {
            (Label::Date, Some(v)) => {
                v.name(Language::from_code(self.lang).unwrap_or(Language::En))
            }
            _ if is_shouting(&best, label) => title_case(&best),
            _ => best,
        };
        // A known entity the corpus names in the other language takes the gazetteer's name in
        // the corpus's language ("Arabie saoudite" in a French site whose articles all say
        // "Saudi Arabia"); what the articles wrote stays among the aliases.
        let name = main_entry
            .and_then(|e| {
                in_corpus_language(e, &name, self.lang).or_else(|| with_its_article(e, &name))
            })
            .unwrap_or(name);
        // A date's spellings are those that name it whatever the day it is read ("29 octobre",
        // "2012"), not the words that pointed to it from the article's date ("hier", "lundi").
        let aliases: Vec<String> = ranked
            .iter()
            .filter(|&&(_, n)| n != name)
            .filter(|&&(_, n)| label != Label::Date || n.bytes().any(|b| b.is_ascii_digit()))
            .map(|&(_, n)| n.to_owned())
            .collect();
        // Ids stay put as the corpus grows: a known entity's id comes from its gazetteer name
        // (in English, whatever the corpus's languages), a date's from its value.
        let slug = match (label, value, main_entry) {
            (Label::Date, Some(v), _) => v.iso(),
            (_, _, Some(entry)) => id_slug(entry.name("en")),
            _ => id_slug(&name),
        };
        let slug = if slug.is_empty() {
            "unnamed".to_owned()
        } else {
            slug
        };
        LinkedEntity {
            id: format!("{}-{}", label.id_prefix(), slug),
            label,
            name,
            aliases,
            value: value.map(|v| v.iso()),
            mentions: occs.len() as u32,
            documents: docs.len() as u32,
            confidence: super::entity_confidence(
                occs.iter().map(|&o| occurrences[o].confidence),
                docs.len() as u32,
            ),
        }
    }
}

/// The longest slug in an entity's id.
const ID_SLUG_MAX: usize = 60;

/// The slug of an entity's id for `name`: its slug when that fits in [`ID_SLUG_MAX`]
/// characters; else cut at a word and followed by 8 hex digits of a fingerprint of the whole
/// slug, so that long names that start alike ("United States District Court for the Southern
/// District of New York", "… of Florida") each have an id of their own that does not depend on
/// which other entities the corpus has (a number given in the order of those that share a cut
/// slug changed whenever one was added before it).
fn id_slug(name: &str) -> String {
    let whole = slugify(name, usize::MAX);
    if whole.len() <= ID_SLUG_MAX {
        return whole;
    }
    let fingerprint = kiosque_model::stamp::for_ids(&whole);
    let cut = slugify(&whole, ID_SLUG_MAX - 9);
    format!("{cut}-{}", &fingerprint[..8])
}

/// The gazetteer's name of `entry` in `lang` (French or English) when `name` is its name in the
/// other language and the two differ.
fn in_corpus_language(entry: &Entry, name: &str, lang: &str) -> Option<String> {
    let (own, other) = match lang {
        "fr" => (&entry.fr, &entry.en),
        "en" => (&entry.en, &entry.fr),
        _ => return None,
    };
    let same = |a: &str, b: &str| fold(a) == fold(b);
    // "House of Representatives" is part of "United States House of Representatives" and of
    // nothing in "Chambre des représentants des États-Unis": the articles used a short form of
    // the other language's name (of two words or more: one word is too little to tell).
    let written = words(name);
    let short_form =
        written.len() >= 2 && within(&written, &words(other)) && !within(&written, &words(own));
    (!own.is_empty() && !same(own, other) && (same(name, other) || short_form)).then(|| own.clone())
}

/// The known name whose article the articles always dropped after "du", "au" ("Monde" for
/// "Le Monde", "Échos" for "Les Échos"): a name is written whole.
fn with_its_article(entry: &Entry, name: &str) -> Option<String> {
    let folded = fold(name);
    [&entry.fr, &entry.en]
        .into_iter()
        .find(|full| {
            let full = fold(full);
            ["le ", "la ", "les ", "l'", "the "]
                .iter()
                .any(|article| full.strip_prefix(article) == Some(folded.as_str()))
        })
        .cloned()
}

/// A name's words, folded.
fn words(name: &str) -> Vec<String> {
    fold(name).split_whitespace().map(str::to_owned).collect()
}

/// Whether the words `part` stand together in `whole`.
fn within(part: &[String], whole: &[String]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

/// A name in capitals that is not an acronym.
fn is_shouting(name: &str, label: Label) -> bool {
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let words: Vec<&str> = name.split_whitespace().collect();
    // "GNU GPL", "BFM TV", "CEDEAO" are acronyms, not names written in capitals.
    let acronym = label == Label::Date
        || words.iter().all(|w| letters(w) <= 4)
        || (words.len() == 1 && letters(name) <= if label == Label::Organisation { 7 } else { 5 });
    !acronym && letters(name) >= 2 && !name.chars().any(char::is_lowercase)
}

fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod id_tests {
    /// Ids are permalinks: the fingerprint that ends a long name's id never changes (the
    /// example docs/data-format.md gives).
    #[test]
    fn a_long_name_keeps_the_id_the_data_format_gives() {
        assert_eq!(
            super::id_slug("United States District Court for the Southern District of New York"),
            "united-states-district-court-for-the-southern-d6d7e1b5"
        );
    }
}
