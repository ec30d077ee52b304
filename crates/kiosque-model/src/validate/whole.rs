//! The whole site checked and assembled part by part, as its parts arrive: the entity parts
//! first ([`EntityTable`]), then the summary pages ([`Assembly`]), then the corpus
//! ([`Assembly::finish`]). Each step works on one part, so a reader that yields between them
//! (the app) never blocks for longer than a part takes.
//!
//! The result is what [`super::corpus`] makes of [`crate::parts::assemble`]'s index (same
//! value, same problems, per article in another order), without what that path costs: the
//! summaries refer to entities by position in the table, so an article's entities are found
//! by position (no id is written out, hashed or looked up per mention), and the corpus's
//! lookups are built while the articles are checked, once.

use std::collections::HashMap;

use super::{Checked, Item, Problem, check_fields, checked_id, keep_id};
use crate::article::ArticleSummary;
use crate::article_ids::ArticleIds;
use crate::entity::{Entity, EntityId};
use crate::index::{Corpus, Lookups, SiteIndex, mention, rank_order, sort_ranked};
use crate::parts::{ENTITIES_PER_PART, EntityPart, SUMMARIES_PER_PAGE, SiteFile, SummaryPage};

/// What `site.json` says of the site as a whole.
#[derive(Debug, Clone)]
struct Header {
    schema_version: String,
    generator: String,
    search: Option<String>,
}

/// The entity table, checked part by part (in `site.json`'s order): ids valid and unique.
#[derive(Debug)]
pub struct EntityTable {
    header: Header,
    problems: Vec<Problem>,
    /// The entities kept, in table order.
    entities: Vec<Entity>,
    /// Each kept entity's position in `entities`, by id.
    entity_pos: HashMap<EntityId, usize>,
    /// For each entity of the table as read (by its position, as summaries refer to it): where
    /// it is in `entities` (a repeated id: where the first is), or `None` for an invalid id.
    kept: Vec<Option<u32>>,
    /// The invalid ids, by position in the table as read: what a problem names.
    invalid: HashMap<u32, String>,
    /// How many articles `site.json` says the summary pages hold (see [`expected`]).
    articles: usize,
    /// The entities kept of each part, in the order of [`crate::index::ranked`]: runs that
    /// [`EntityTable::into_assembly`] merges, so that no step sorts the whole table.
    runs: Vec<Vec<u32>>,
}

impl EntityTable {
    /// An empty table for the site `site.json` describes.
    pub fn new<E>(site: &SiteFile<E>) -> EntityTable {
        let entities = expected(site.entities, site.entity_parts.len(), ENTITIES_PER_PART);
        let mut entity_pos = HashMap::new();
        let _ = entity_pos.try_reserve(entities);
        EntityTable {
            header: Header {
                schema_version: site.schema_version.clone(),
                generator: site.generator.clone(),
                search: site.search.clone(),
            },
            problems: Vec::new(),
            entities: reserved(entities),
            entity_pos,
            kept: reserved(entities),
            invalid: HashMap::new(),
            articles: expected(site.articles, site.summaries.len(), SUMMARIES_PER_PAGE),
            runs: Vec::new(),
        }
    }

    /// Checks and adds the next part of the entity table.
    pub fn add(&mut self, part: EntityPart<String>) {
        let from = self.entities.len();
        for entity in part.entities {
            let at = u32::try_from(self.kept.len()).unwrap_or(u32::MAX);
            let Some(id) = checked_id(Item::Entity, &entity.id, &mut self.problems) else {
                self.invalid.insert(at, entity.id);
                self.kept.push(None);
                continue;
            };
            if let Some(&first) = self.entity_pos.get(&id) {
                self.problems.push(Problem::DuplicateId {
                    item: Item::Entity,
                    id: id.to_string(),
                });
                self.kept.push(Some(first as u32));
                continue;
            }
            let position = self.entities.len();
            self.entity_pos.insert(id.clone(), position);
            self.entities.push(entity.with_id(id));
            self.kept.push(Some(position as u32));
        }
        let mut run: Vec<u32> = (from as u32..self.entities.len() as u32).collect();
        sort_ranked(&self.entities, &mut run);
        self.runs.push(run);
    }

    /// The table is complete: the summary pages come next.
    pub fn into_assembly(mut self) -> Assembly {
        let ranked = merge_runs(&self.entities, std::mem::take(&mut self.runs));
        // Each entity's postings at the size the site gives them (none grows by doubling), as
        // long as they add up to what the articles can list.
        let n = self.articles;
        let mut budget = n.saturating_mul(MENTIONS_AN_ARTICLE);
        let postings = (self.entities.iter())
            .map(|e| {
                let wanted = (e.articles as usize).min(n).min(budget);
                budget -= wanted;
                Vec::with_capacity(wanted)
            })
            .collect();
        Assembly {
            table: self,
            ranked,
            articles: reserved(n),
            article_pos: ArticleIds::with_capacity(n),
            numbers: reserved(n),
            next_number: 0,
            postings,
            mentioned: reserved(n),
        }
    }
}

/// The whole site being assembled: the entity table complete, the summary pages added one by
/// one (in `site.json`'s order).
#[derive(Debug)]
pub struct Assembly {
    table: EntityTable,
    /// The entities by mentions, then name ([`crate::index::ranked`]).
    ranked: Vec<u32>,
    articles: Vec<ArticleSummary>,
    article_pos: ArticleIds,
    /// Each kept article's number: its position among all articles read.
    numbers: Vec<u32>,
    /// The number of the next article read.
    next_number: u32,
    postings: Vec<Vec<u32>>,
    mentioned: Vec<Vec<u32>>,
}

impl Assembly {
    /// Checks and adds the next summary page: ids valid and unique, excerpts and fields of
    /// their form, every listed entity in the table (a position outside it, or of an entity
    /// whose id is invalid, is left out with a problem).
    pub fn add(&mut self, page: SummaryPage) {
        let table = &mut self.table;
        let problems = &mut table.problems;
        for mut article in page.articles {
            let number = self.next_number;
            self.next_number = self.next_number.saturating_add(1);
            if !keep_id(Item::Article, &article.id, problems) {
                continue;
            }
            if (self.article_pos)
                .get(&self.articles, &article.id)
                .is_some()
            {
                problems.push(Problem::DuplicateId {
                    item: Item::Article,
                    id: article.id,
                });
                continue;
            }
            check_fields(&mut article, problems);
            let a = self.articles.len() as u32;
            let mut listed = Vec::with_capacity(article.entities.len());
            let mut mentioned = Vec::with_capacity(article.entities.len());
            for &p in &article.entities {
                match table.kept.get(p as usize).copied().flatten() {
                    Some(e) => {
                        listed.push(table.entities[e as usize].id.clone());
                        mention(&mut self.postings, &mut mentioned, a, e);
                    }
                    None => problems.push(Problem::UnknownEntity {
                        article: article.id.clone(),
                        entity: table
                            .invalid
                            .get(&p)
                            .cloned()
                            .unwrap_or_else(|| format!("#{p}")),
                    }),
                }
            }
            self.numbers.push(number);
            self.mentioned.push(mentioned);
            self.articles.push(article.with_entities(listed));
            self.article_pos.insert(&self.articles, a);
        }
    }

    /// The corpus of every page added, and what the checks changed.
    pub fn finish(self) -> Checked<Corpus> {
        let Assembly {
            table,
            ranked,
            articles,
            article_pos,
            numbers,
            postings,
            mentioned,
            ..
        } = self;
        let EntityTable {
            header,
            problems,
            entities,
            entity_pos,
            ..
        } = table;
        let index = SiteIndex {
            schema_version: header.schema_version,
            generator: header.generator,
            articles,
            entities,
            search: header.search,
        };
        let lookups = Lookups {
            entity_pos,
            article_pos,
            postings,
            mentioned,
        };
        Checked {
            value: Corpus::with_lookups(index, numbers, None, lookups, ranked),
            problems,
        }
    }
}

/// How many items `site.json` says its `files` hold, `count`, at most `per_file` a file: the
/// lists of the whole site are made that large at once (in the app's memory, which never
/// shrinks, a list that grows by doubling holds its old and new copies at once, and up to twice
/// what it needs after), and a count the files cannot hold is not believed.
fn expected(count: u32, files: usize, per_file: usize) -> usize {
    (count as usize).min(files.saturating_mul(per_file))
}

/// Entities an article lists, on average, that the postings are made room for at most (the
/// generated archives list 14): past it, a count is not believed.
const MENTIONS_AN_ARTICLE: usize = 64;

/// An empty list with room for `count` items if the memory is there (a `site.json` that lists
/// its files many times over may still claim more than a device has: the list then grows as
/// items come).
fn reserved<T>(count: usize) -> Vec<T> {
    let mut list = Vec::new();
    let _ = list.try_reserve_exact(count);
    list
}

/// The runs (each in the order of [`crate::index::ranked`]) merged into one, two by two.
fn merge_runs(entities: &[Entity], mut runs: Vec<Vec<u32>>) -> Vec<u32> {
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        let mut pairs = runs.into_iter();
        while let Some(a) = pairs.next() {
            merged.push(match pairs.next() {
                Some(b) => merge(entities, &a, &b),
                None => a,
            });
        }
        runs = merged;
    }
    runs.pop().unwrap_or_default()
}

/// Two runs merged (the order is total: no two entities are equal in it).
fn merge(entities: &[Entity], a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        if rank_order(entities, x, y).is_le() {
            out.push(x);
            i += 1;
        } else {
            out.push(y);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
