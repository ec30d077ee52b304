//! Consistency across an article: a name typed with confidence once types it everywhere.

use super::classify::{guess, is_given, names_a_country_branch};
use super::*;

/// What an article's confident candidates say about its other names.
#[derive(Default)]
pub(super) struct NameEvidence {
    /// The best label seen for each name.
    by_name: HashMap<String, (Label, Evidence)>,
    /// Words of multi-word person names ("donald", "trump").
    person_parts: HashMap<String, Label>,
    /// The own names of organisations named with a head noun or a country ("salling" of
    /// "Salling Group", "wikimedia" of "Wikimédia France"): what the article may call them by
    /// alone.
    org_short_names: Vec<String>,
    /// Names the article gives as works' titles ("le système Galileo").
    works: Vec<String>,
    /// Every name of two words or more that the article writes, typed or not.
    long_names: std::collections::HashSet<String>,
}

impl NameEvidence {
    /// Records the labelled candidates of one text.
    pub(super) fn learn(
        &mut self,
        tokens: &[Token<'_>],
        candidates: &[Candidate],
        knowledge: &Knowledge,
    ) {
        for c in candidates {
            if c.last > c.first {
                self.long_names.insert(key_of(&tokens[c.first..=c.last]));
            }
            let Some(label) = c.label else { continue };
            let k = key_of(&tokens[c.first..=c.last]);
            if self.by_name.get(&k).is_none_or(|old| old.1 < label.1) {
                self.by_name.insert(k, label);
            }
            // The company's own name, before its head noun or after it ("Groupe Casino"), or a
            // country's branch's ("Wikimédia France").
            let words = &tokens[c.first..=c.last];
            let own = match words {
                [a, b] => company_own_name([folded(a), folded(b)])
                    .map(|k| &words[k])
                    .or_else(|| names_a_country_branch(words, knowledge).then_some(a)),
                _ => None,
            };
            // Not a given name, most often a person's ("the Jackson Group … Jackson said he").
            if label.0 == Label::Organisation
                && let Some(name) = own
                && !contains(ORG_WORDS, folded(name))
                && !is_given(name, knowledge)
            {
                self.org_short_names
                    .push(key_of(std::slice::from_ref(name)));
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
        let mut end = None;
        for c in candidates.iter_mut() {
            // A name cut at the start of a sentence, where its first word read as a common word
            // ("Météo France place la Corse…" left "France"), is the longer name the article
            // writes elsewhere ("selon Météo France"), typed as it is there.
            if let Some(p) = c.first.checked_sub(1)
                && end.is_none_or(|end| end < p)
                && tokens[p].sentence_start
                && tokens[p].is_capitalized()
                && self.long_names.contains(&key_of(&tokens[p..=c.last]))
            {
                c.first = p;
                c.label = None;
                c.entry = None;
            }
            end = Some(c.last);
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
            // A known place retyped as a person ("Houston said" after "Whitney Houston") names
            // no known entry.
            if let (Some((label, _)), Some(id)) = (c.label, c.entry)
                && knowledge.entry(id).is_some_and(|e| e.label != label)
            {
                c.entry = None;
            }
        }
    }
}
