//! Consistency across an article: a name typed with confidence once types it everywhere.

use super::classify::guess;
use super::*;

/// Head nouns and legal forms after a company's own name ("Salling Group", "Acme Corp"), which
/// an article then leaves out; not "Party", "Union" ("the Republican Party", "Republican
/// voters").
const COMPANY_HEADS: &[&str] = &[
    "group",
    "groupe",
    "company",
    "compagnie",
    "corporation",
    "corp",
    "corp.",
    "inc",
    "inc.",
    "ltd",
    "ltd.",
    "llc",
    "gmbh",
    "ag",
    "plc",
    "airlines",
    "airways",
    "motors",
    "technologies",
];

/// What an article's confident candidates say about its other names.
#[derive(Default)]
pub(super) struct NameEvidence {
    /// The best label seen for each name.
    by_name: HashMap<String, (Label, Evidence)>,
    /// Words of multi-word person names ("donald", "trump").
    person_parts: HashMap<String, Label>,
    /// The name of organisations named as a name then head nouns ("salling" of "Salling
    /// Group", "acme" of "Acme Corporation"): a company's short name.
    org_short_names: Vec<String>,
    /// Names the article gives as works' titles ("le système Galileo").
    works: Vec<String>,
}

impl NameEvidence {
    /// Records the labelled candidates of one text.
    pub(super) fn learn(&mut self, tokens: &[Token<'_>], candidates: &[Candidate]) {
        for c in candidates {
            let Some(label) = c.label else { continue };
            let k = key_of(&tokens[c.first..=c.last]);
            if self.by_name.get(&k).is_none_or(|old| old.1 < label.1) {
                self.by_name.insert(k, label);
            }
            let words = &tokens[c.first..=c.last];
            if label == (Label::Organisation, Evidence::Strong)
                && words.len() == 2
                && COMPANY_HEADS.contains(&folded(&words[1]))
                && !contains(ORG_WORDS, folded(&words[0]))
            {
                self.org_short_names.push(key_of(&words[..1]));
            }
            if label.0 == Label::Person && c.last > c.first {
                for t in &tokens[c.first..=c.last] {
                    self.person_parts
                        .insert(folded(t).to_owned(), Label::Person);
                }
            }
        }
    }

    /// Records the names of works one text gives.
    pub(super) fn learn_works(&mut self, works: &[String]) {
        self.works.extend_from_slice(works);
    }

    /// Whether a candidate is a work the article named as such elsewhere ("un grand pas pour
    /// Galileo" after "le système Galileo"): not a known name, and nothing types it for sure.
    pub(super) fn is_work(&self, tokens: &[Token<'_>], c: &Candidate) -> bool {
        !self.works.is_empty()
            && c.entry.is_none()
            && !matches!(c.label, Some((_, Evidence::Strong)))
            && self.works.contains(&key_of(&tokens[c.first..=c.last]))
    }

    /// Gives unlabelled or weakly labelled candidates the label of the same name elsewhere in
    /// the article, of a longer person's name they are part of, of the organisation they are
    /// the short name of, or a last-resort guess.
    pub(super) fn apply(
        &self,
        tokens: &[Token<'_>],
        candidates: &mut [Candidate],
        knowledge: &Knowledge,
    ) {
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
                c.label = self.by_name.get(&k).copied().or_else(|| {
                    // "Salling said" after "Salling Group": the company, not a person.
                    if c.first == c.last && self.org_short_names.contains(&k) {
                        Some((Label::Organisation, Evidence::Fair))
                    } else {
                        guess(tokens, c, knowledge)
                    }
                });
            }
        }
    }
}
