//! Article ids: stable, unique, URL-safe, independent of the input order.

use std::collections::HashSet;

use kiosque_extract::slug::slugify;
use rayon::prelude::*;

use crate::{Analyzed, Origin};

/// Two articles that would have had one id: the later gets the id with a suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdClash {
    /// The id both would have had.
    pub id: String,
    /// The article that keeps it.
    pub kept: Origin,
    /// The other article.
    pub other: Origin,
    /// The id the other article gets.
    pub given: String,
}

impl std::fmt::Display for IdClash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "id {:?} is used by both {} and {}: {} gets {:?} (of articles with one id, the oldest keeps it; the others get a suffix from their text, whatever the input order)",
            self.id, self.kept, self.other, self.other, self.given
        )
    }
}

/// Stable, unique, URL-safe article ids that do not depend on the input order: the given id,
/// else the title's slug (or the file's name when the title was derived). Of articles with the
/// same id, the oldest keeps it (undated ones come last, then by text); each other one gets a
/// suffix made from its text, so its permalink stays the same when inputs are added, removed
/// or reordered.
pub fn article_ids(articles: &[Analyzed]) -> (Vec<String>, Vec<IdClash>) {
    let mut ids: Vec<String> = articles.par_iter().map(base_id).collect();
    // The articles by id (a stable sort: of one id, in their order), on every core; only the
    // ids asked for by several articles are looked at further.
    let mut by_id: Vec<usize> = (0..ids.len()).collect();
    by_id.par_sort_by(|&x, &y| ids[x].cmp(&ids[y]));
    let groups: Vec<&[usize]> = by_id
        .chunk_by(|&x, &y| ids[x] == ids[y])
        .filter(|members| members.len() > 1)
        .collect();
    if groups.is_empty() {
        return (ids, Vec::new());
    }
    let asked: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut given_ids: HashSet<String> = HashSet::new();
    let mut clashes = Vec::new();
    // The article each clash renames.
    let mut renamed: Vec<usize> = Vec::new();
    for members in groups {
        let id = &ids[members[0]];
        let mut members = members.to_vec();
        members.sort_by(|&x, &y| {
            let (a, b) = (&articles[x], &articles[y]);
            let (da, db) = (a.analysis.published, b.analysis.published);
            db.is_some()
                .cmp(&da.is_some())
                .then(da.cmp(&db))
                .then_with(|| a.digest.cmp(&b.digest))
                .then_with(|| whole_digest(a).cmp(&whole_digest(b)))
                // What analysis read decides, not where it was read from (a shard read from
                // standard input has other origins than the files `build` reads).
                .then_with(|| a.key.cmp(&b.key))
                .then_with(|| a.origin.cmp(&b.origin))
        });
        let kept = &articles[members[0]];
        for &other in &members[1..] {
            let article = &articles[other];
            let whole = whole_digest(article);
            let given = [&article.digest, &whole]
                .into_iter()
                .map(|digest| format!("{id}-{}", &digest[..8.min(digest.len())]))
                .chain((2..).map(|n| format!("{id}-{}-{n}", &whole[..8.min(whole.len())])))
                .find(|candidate| {
                    !asked.contains(candidate.as_str()) && !given_ids.contains(candidate)
                })
                .unwrap_or_default();
            given_ids.insert(given.clone());
            clashes.push(IdClash {
                id: id.clone(),
                kept: kept.origin.clone(),
                other: article.origin.clone(),
                given,
            });
            renamed.push(other);
        }
    }
    // `asked` borrows the ids: renamed once it is done with.
    drop(asked);
    for (clash, other) in clashes.iter().zip(renamed) {
        ids[other] = clash.given.clone();
    }
    (ids, clashes)
}

/// The id an article asks for: its given id, else the title's slug; but a title derived from
/// the text changes when derivation improves, so then the file's name, which does not.
fn base_id(a: &Analyzed) -> String {
    let from_file = a.file_stem.as_deref().filter(|_| a.analysis.title_derived);
    let base = a
        .meta
        .id
        .as_deref()
        .or(from_file)
        .map(|id| slugify(id, 100))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| slugify(&a.analysis.title, 60));
    if base.is_empty() {
        "article".to_owned()
    } else {
        base
    }
}

/// A fingerprint of the text and what the article says about itself: tells apart two
/// articles with the same text (a story republished under another title or date).
fn whole_digest(a: &Analyzed) -> String {
    let m = &a.meta;
    let published = a
        .analysis
        .published
        .map(|d| d.to_string())
        .unwrap_or_default();
    let fields = [
        a.digest.as_str(),
        a.analysis.title.as_str(),
        published.as_str(),
        m.source.as_deref().unwrap_or_default(),
        m.url.as_deref().unwrap_or_default(),
        m.lang.as_deref().unwrap_or_default(),
        m.license.as_deref().unwrap_or_default(),
    ];
    kiosque_model::stamp::for_ids(&fields.join("\u{1f}"))
}
