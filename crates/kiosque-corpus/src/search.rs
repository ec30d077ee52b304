//! The site's search index: each article's terms (with its analysis), then the sharded index
//! ([`kiosque_model::search`]), built on every core: the base segment (the oldest articles)
//! taken from the last build where its articles are the same, the newest built.

use kiosque_extract::analysis::Analysis;
use kiosque_extract::clean::Role;
use kiosque_model::search::{self, Built, DocTerms, Segment};
use sha2::{Digest, Sha256};

/// The environment variable that sets the shards' target size in bytes (for tests: tiny
/// shards on small data, so the paths that fetch several shards run). Unset, empty or not a
/// number: the default, which grows with the index.
pub const SHARD_BYTES_VAR: &str = "KIOSQUE_SEARCH_SHARD_BYTES";

/// The shards' target size: [`SHARD_BYTES_VAR`] when set to a number, else 0 (the default).
pub fn shard_bytes() -> usize {
    std::env::var(SHARD_BYTES_VAR)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Whether a part is searched: the body's headings and paragraphs and embedded posts; never
/// boilerplate or related-article links.
fn searched(role: &Role) -> bool {
    matches!(role, Role::Heading | Role::Paragraph | Role::Embed(_))
}

/// An article's search terms: those of its title and of the texts of its searched parts. Made
/// with the analysis (and kept with it in analyses files), since they depend on nothing else.
pub fn terms_of(analysis: &Analysis) -> DocTerms {
    let texts: Vec<&str> = analysis
        .cleaned
        .parts
        .iter()
        .filter(|p| searched(&p.role))
        .map(|p| p.text.as_str())
        .collect();
    search::doc_terms(&analysis.title, &texts)
}

/// The search index of the articles' terms, the oldest first, its base segment made of the
/// articles `key` names ([`base_key`]), taking `previous` as that segment where it was made of
/// them too.
pub fn index(docs: Vec<DocTerms>, key: String, previous: Option<Segment>) -> Built {
    search::build_reusing(docs, shard_bytes(), key, previous)
}

/// What the base segment of an index of articles whose analysis keys are `keys` (the oldest
/// first) is made of: the search files' format, the shards' target size and the analysis keys
/// of the base's articles in order (an article's terms are made of its analysis, which its key
/// names for one extractor: whoever keeps a segment between builds keeps it for one kiosque).
/// A SHA-256, in hex.
pub fn base_key<'k>(keys: impl ExactSizeIterator<Item = &'k str>) -> String {
    let base = search::base_size(u32::try_from(keys.len()).unwrap_or(u32::MAX)) as usize;
    let mut hash = Sha256::new();
    hash.update(search::FORMAT_VERSION.to_le_bytes());
    hash.update((shard_bytes() as u64).to_le_bytes());
    hash.update((base as u64).to_le_bytes());
    for key in keys.take(base) {
        hash.update((key.len() as u64).to_le_bytes());
        hash.update(key.as_bytes());
    }
    crate::analyses::hex(&hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiosque_extract::clean::{EmbedInfo, Part, Span};
    use kiosque_extract::ner::knowledge::Knowledge;
    use kiosque_extract::source::Document;
    use kiosque_model::article::Noise;
    use kiosque_model::search::{Meta, Query, Shard};

    #[test]
    fn boilerplate_and_related_links_are_not_searched() {
        let document = Document {
            text: "Koursk".to_owned(),
            ..Document::default()
        };
        let mut analysis = kiosque_extract::analysis::analyze(&document, Knowledge::builtin());
        analysis.title = "Koursk".to_owned();
        let part = |role: Role, text: &str| Part {
            role,
            span: Span::default(),
            text: text.to_owned(),
        };
        analysis.cleaned.parts = vec![
            part(Role::Heading, "Kourakhove"),
            part(Role::Paragraph, "Donbass"),
            part(
                Role::Embed(EmbedInfo {
                    platform: "tweet".to_owned(),
                    ..EmbedInfo::default()
                }),
                "Pokrovsk",
            ),
            part(
                Role::Related {
                    label: "A lire aussi".to_owned(),
                    url: None,
                },
                "Horoscope",
            ),
            part(Role::Boilerplate(Noise::Footer), "Abonnez-vous"),
        ];
        let built = index(
            vec![terms_of(&analysis)],
            base_key(["key"].into_iter()),
            None,
        );
        let meta = Meta::parse(std::str::from_utf8(&built.meta).expect("UTF-8")).expect("meta");
        assert_eq!(meta.articles(), 1);
        let shards: Vec<Shard> = built
            .shards()
            .map(|(_, b)| Shard::parse(std::str::from_utf8(b).expect("UTF-8")).expect("shard"))
            .collect();
        let shards: Vec<&Shard> = shards.iter().collect();
        for (word, found) in [
            ("koursk ", true),
            ("kourakhove ", true),
            ("donbass ", true),
            ("pokrovsk ", true),
            ("horoscope ", false),
            ("abonnez ", false),
        ] {
            let hits = Query::parse(word).run(1, &shards, None).hits;
            assert_eq!(!hits.is_empty(), found, "{word}");
        }
    }
}
