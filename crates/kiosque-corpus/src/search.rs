//! The site's search index: each article's terms in parallel, then the sharded index
//! ([`kiosque_model::search`]).

use kiosque_model::search::{self, Built, DocTerms};
use kiosque_model::{ArticleBody, ArticleSummary, Block};
use rayon::prelude::*;

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

/// Whether a block is searched: the body's headings and paragraphs and embedded posts; never
/// boilerplate or related-article links.
fn searched(block: &Block) -> bool {
    matches!(
        block,
        Block::Heading(_) | Block::Paragraph(_) | Block::Embed(_)
    )
}

/// The search index of the articles (summaries and bodies in the index's order).
pub fn index(summaries: &[ArticleSummary], bodies: &[ArticleBody]) -> Built {
    let docs: Vec<DocTerms> = summaries
        .par_iter()
        .zip(bodies)
        .map(|(summary, body)| {
            let texts: Vec<&str> = body
                .blocks
                .iter()
                .filter(|b| searched(b))
                .map(Block::text)
                .collect();
            search::doc_terms(&summary.title, &texts)
        })
        .collect();
    search::build(docs, shard_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiosque_model::search::{Meta, Query, Shard};
    use kiosque_model::{BoilerplateBlock, EmbedBlock, RelatedBlock, TextBlock};

    #[test]
    fn boilerplate_and_related_links_are_not_searched() {
        let text = |t: &str| TextBlock {
            text: t.to_owned(),
            mentions: vec![],
        };
        let summary = ArticleSummary {
            id: "a".into(),
            title: "Koursk".into(),
            title_derived: false,
            published: None,
            published_inferred: false,
            source: None,
            url: None,
            license: None,
            lang: None,
            excerpt: String::new(),
            words: 1,
            entities: vec![],
            body_hash: None,
        };
        let body = ArticleBody {
            id: "a".into(),
            blocks: vec![
                Block::Heading(text("Kourakhove")),
                Block::Paragraph(text("Donbass")),
                Block::Embed(EmbedBlock {
                    platform: "tweet".into(),
                    text: "Pokrovsk".into(),
                    ..EmbedBlock::default()
                }),
                Block::Related(
                    serde_json::from_value::<RelatedBlock>(
                        serde_json::json!({"label": "A lire aussi", "text": "Horoscope"}),
                    )
                    .expect("a related block"),
                ),
                Block::Boilerplate(
                    serde_json::from_value::<BoilerplateBlock>(
                        serde_json::json!({"reason": "footer", "text": "Abonnez-vous"}),
                    )
                    .expect("a boilerplate block"),
                ),
            ],
        };
        let built = index(&[summary], &[body]);
        let meta = Meta::parse(std::str::from_utf8(&built.meta).expect("UTF-8")).expect("meta");
        assert_eq!(meta.articles(), 1);
        let shards: Vec<Shard> = built
            .shards
            .iter()
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
            let hits = Query::parse(word).run(&shards, None).hits;
            assert_eq!(!hits.is_empty(), found, "{word}");
        }
    }
}
