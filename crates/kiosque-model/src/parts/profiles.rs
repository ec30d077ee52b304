//! What an entity's page shows besides its articles, in files of their own:
//! `profiles/<bucket>.json` (schema 2.6) and `singles/<bucket>.json` (schema 2.7).
//!
//! An entity's page shows its spellings, the entities it most often appears with and its
//! timeline, which only the whole site gives in the browser (5.8 MB brotli at 100,000 articles):
//! the build writes them for every entity some article lists, bucketed by id
//! ([`super::bucket_of`]). Those with a page of their own ([`crate::links::has_own_page`]) are in
//! `profiles/`, as many files as posting files ([`ProfileFile`]): the page needs `site.json`, the
//! entity's posting file and profile file, and the card pages of its first articles. Those of a
//! single article (most entities of an archive: their page is the shell page `entity/?id=`) are in
//! `singles/`, half as many files ([`single_files_for`]), and in a form of their own
//! ([`SingleFile`]): their company is among the entities of their one article, which its body file
//! names, so a file holds only where in that article's list they are, and the page fetches the
//! body file too (profiles of the first form for them took the 10,000-article site over
//! 250 MB).

use serde::{Deserialize, Serialize};

use super::{bucket_of, json_line, numbered_path, parse};
use crate::article::ArticleSummary;
use crate::cooccurrence::{Links, single_company};
use crate::cores::map_all;
use crate::entity::{Entity, EntityId, Label};
use crate::facets::{FacetCounts, facet_groups};
use crate::index::{Corpus, IndexError};
use crate::overview::Overview;
use crate::refine::ArticleFields;
use crate::selection::Selection;
use crate::sidebar::{SidebarGroup, SidebarRow};
use crate::timeline::{Timeline, TimelineCounts, counts_of_fields, timeline_at};
use crate::ui::Language;

/// The path of profile file `file` among `files`: `profiles/` and the file's number in hex (as
/// posting files are named; there are as many, [`super::posting_files_for`]).
pub fn profile_path(file: u32, files: u32) -> String {
    numbered_path("profiles", file, files)
}

/// The profile file of entity `id` among `files` and its path.
pub fn profile_file_of(id: &str, files: u32) -> (u32, String) {
    let file = bucket_of(id, files);
    (file, profile_path(file, files))
}

/// How many files hold the profiles of the entities of a single article, for a site of
/// `posting_files` posting files: half as many, at least one (about 1,300 entities a file at
/// 100,000 articles, 18.5 KB brotli; as many as posting files would take a 100,000-article site
/// over 5,000 files).
pub fn single_files_for(posting_files: u32) -> u32 {
    (posting_files / 2).max(1)
}

/// The path of file `file` among `files` of the profiles of single-article entities:
/// `singles/` and the file's number in hex.
pub fn single_path(file: u32, files: u32) -> String {
    numbered_path("singles", file, files)
}

/// The path of the file that holds the profile of entity `id` on a site of `posting_files`
/// posting files: among the profile files when `own_page` (its page is its own,
/// `entity/<id>/`), among the single-article entities' otherwise (its page is the shell page).
pub fn profile_path_of(id: &str, posting_files: u32, own_page: bool) -> String {
    if own_page {
        profile_file_of(id, posting_files).1
    } else {
        let files = single_files_for(posting_files);
        single_path(bucket_of(id, files), files)
    }
}

/// `profiles/<bucket>.json`: of the entities of one bucket that have a page of their own, what
/// the page shows besides its articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct ProfileFile<E = EntityId> {
    /// The entities, in the order of their ids, as the entity table has them (spellings
    /// included).
    pub entities: Vec<Entity<E>>,
    /// Of each entity (same order), its page's company and timeline.
    pub profiles: Vec<Profile>,
    /// The entities the profiles list as company or in their views ([`View`]), each once, in
    /// the order first listed: a profile refers to them by place.
    pub others: Vec<Companion<E>>,
    /// Of the dates among `others` (schema 2.8, which views list), their place and value: a
    /// date is named from its value, in the reader's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<(u32, String)>,
}

/// An entity as an entity's page lists it among those it appears with: `[id, label, name,
/// articles]`, what the link shows and where it leads (a page of its own or the shell page), as
/// an array (most of a profile file's bytes are these: entities' objects with their keys,
/// counts and confidence made the files 1.7 times larger).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(deserialize = "E: Deserialize<'de>"))]
pub struct Companion<E = EntityId>(pub E, pub Label, pub String, pub u32);

impl<E: Clone> Companion<E> {
    /// The companion of `entity`.
    fn of(entity: &Entity<E>) -> Companion<E> {
        Companion(
            entity.id.clone(),
            entity.label,
            entity.name.clone(),
            entity.articles,
        )
    }
}

impl Companion<String> {
    /// The entity it stands for, its id checked (`None` when it is not valid): no spellings,
    /// mentions or confidence (a page's company shows none; it lists only sure entities), the
    /// value of a date if the file gives it.
    fn entity(&self, value: Option<&str>) -> Option<Entity> {
        Some(Entity {
            id: EntityId::new(&self.0).ok()?,
            label: self.1,
            name: self.2.clone(),
            aliases: Vec::new(),
            articles: self.3,
            mentions: 0,
            value: value.map(str::to_owned),
            confidence: None,
        })
    }
}

/// What an entity's page shows of the whole site besides its articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The entities it most often appears with ([`crate::cooccurrence::company`]), in order:
    /// each one's place in [`ProfileFile::others`] and the articles they share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub company: Vec<(u32, u32)>,
    /// Its articles over time.
    pub timeline: TimelineCounts,
    /// The home page's sidebar when the view is this entity's articles (schema 2.8), for
    /// entities of [`VIEW_FROM`] articles or more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<View>,
}

/// Entities of this many articles or more have their view's sidebar in their profile
/// ([`View`]): a link to the home page filtered by one of them (`/?entity=…`) shows its whole
/// sidebar from `site.json`, its posting file, its profile file and its cards' pages, where
/// it needed the whole site (5.5 MB brotli at 100,000 articles) for the counts. Fewer: the
/// views of the many entities of a few articles would take the 10,000-article site over its
/// 250 MB (docs/data-format.md has the sizes), and their whole site comes as before.
pub const VIEW_FROM: u32 = 100;

/// The home page's sidebar when its view is one entity's articles (`/?entity=<id>`, nothing
/// else chosen), as the whole site counts it ([`crate::facets::facet_groups`] with
/// [`TOP_ENTITIES`](super::TOP_ENTITIES) rows a group, [`Overview::of_articles`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// Of each label, in [`Label::ALL`] order: how many entities of the label its articles
    /// list (the group's length), and its first rows, each the entity's place in
    /// [`ProfileFile::others`] and how many of the view's articles list it (the entity itself
    /// first in its group, selected).
    pub groups: Vec<(u32, Vec<(u32, u32)>)>,
    /// How many entities its articles list.
    pub distinct: u32,
    /// Its languages, sources and years with their counts, as [`Overview`] lists them.
    #[serde(default)]
    pub langs: Vec<(String, u32)>,
    #[serde(default)]
    pub sources: Vec<(String, u32)>,
    #[serde(default)]
    pub years: Vec<(String, u32)>,
}

/// A [`View`] read back, its entities resolved: what the sidebar shows.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityView {
    /// The groups with entities, in [`Label::ALL`] order.
    pub groups: Vec<ViewGroup>,
    /// How many entities the view's articles list.
    pub distinct: usize,
    /// Its languages, sources, years and timeline.
    pub overview: Overview,
}

/// A group of a [`EntityView`]'s sidebar.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewGroup {
    /// People, places, organisations or dates.
    pub label: Label,
    /// How many entities of the label the view's articles list.
    pub matched: usize,
    /// Its first rows: the entity and how many of the view's articles list it.
    pub rows: Vec<(Entity, u32)>,
}

/// An entity's page as its profile file has it, its ids checked.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityProfile {
    /// The entity, spellings included.
    pub entity: Entity,
    /// The entities it most often appears with, and how many articles each shares with it
    /// (one whose id is not valid is left out).
    pub company: Vec<(Entity, u32)>,
    /// Its articles over time.
    pub timeline: Timeline,
}

/// Why a profile file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    /// Its profiles do not match its entities.
    #[error("{file}: {entities} entities but {profiles} profiles")]
    Lengths {
        file: String,
        entities: usize,
        profiles: usize,
    },
    /// A profile names an entity the file does not have, or has no timeline.
    #[error("{file}: the profile of {id} is not one (an unknown entity, or no timeline)")]
    Profile { file: String, id: String },
}

impl ProfileFile<String> {
    /// The profile of `id`: `Ok(None)` when the file does not have it (the entity has no page
    /// of its own), an error when it does not read. `file` names the file in the error.
    pub fn profile_of(
        &self,
        file: &str,
        id: &EntityId,
    ) -> Result<Option<EntityProfile>, ProfileError> {
        if self.entities.len() != self.profiles.len() {
            return Err(ProfileError::Lengths {
                file: file.to_owned(),
                entities: self.entities.len(),
                profiles: self.profiles.len(),
            });
        }
        let Ok(at) = self
            .entities
            .binary_search_by(|e| e.id.as_str().cmp(id.as_str()))
        else {
            return Ok(None);
        };
        let profile = &self.profiles[at];
        let bad = || ProfileError::Profile {
            file: file.to_owned(),
            id: id.as_str().to_owned(),
        };
        let mut company = Vec::with_capacity(profile.company.len());
        for &(place, shared) in &profile.company {
            let other = self.others.get(place as usize).ok_or_else(bad)?;
            if let Some(other) = other.entity(None) {
                company.push((other, shared));
            }
        }
        let timeline = Timeline::from_counts(&profile.timeline).ok_or_else(bad)?;
        Ok(Some(EntityProfile {
            entity: self.entities[at].clone().with_id(id.clone()),
            company,
            timeline,
        }))
    }
}

impl ProfileFile<String> {
    /// The view of `id`'s articles ([`View`]): `Ok(None)` when the file has no view of it (no
    /// profile, or fewer than [`VIEW_FROM`] articles, or data before schema 2.8), an error
    /// when it does not read (a place past `others`, a label group missing, a timeline that
    /// does not read). `file` names the file in the error.
    pub fn view_of(&self, file: &str, id: &EntityId) -> Result<Option<EntityView>, ProfileError> {
        let Some(EntityProfile { timeline, .. }) = self.profile_of(file, id)? else {
            return Ok(None);
        };
        let Ok(at) = (self.entities).binary_search_by(|e| e.id.as_str().cmp(id.as_str())) else {
            return Ok(None);
        };
        let Some(view) = &self.profiles[at].view else {
            return Ok(None);
        };
        let bad = || ProfileError::Profile {
            file: file.to_owned(),
            id: id.as_str().to_owned(),
        };
        if view.groups.len() != Label::ALL.len() {
            return Err(bad());
        }
        let value = |place: u32| {
            (self.dates.binary_search_by_key(&place, |(p, _)| *p).ok())
                .map(|i| self.dates[i].1.as_str())
        };
        let mut groups = Vec::new();
        for (&label, (matched, rows)) in Label::ALL.iter().zip(&view.groups) {
            let mut listed = Vec::with_capacity(rows.len());
            for &(place, count) in rows {
                let other = self.others.get(place as usize).ok_or_else(bad)?;
                if other.1 != label {
                    return Err(bad());
                }
                if let Some(entity) = other.entity(value(place)) {
                    listed.push((entity, count));
                }
            }
            if *matched > 0 {
                groups.push(ViewGroup {
                    label,
                    matched: *matched as usize,
                    rows: listed,
                });
            }
        }
        Ok(Some(EntityView {
            groups,
            distinct: view.distinct as usize,
            overview: Overview {
                langs: view.langs.clone(),
                sources: view.sources.clone(),
                years: view.years.clone(),
                timeline: timeline.counts(),
            },
        }))
    }
}

impl EntityView {
    /// The sidebar's groups of the view of `own`'s articles, named as `language` names them:
    /// what [`crate::sidebar::sidebar_groups`] gives over the whole site (with no finder's
    /// text, [`TOP_ENTITIES`](super::TOP_ENTITIES) rows a group).
    pub fn sidebar(&self, own: &EntityId, language: Language) -> Vec<SidebarGroup> {
        (self.groups.iter())
            .map(|group| SidebarGroup {
                label: group.label,
                rows: (group.rows.iter())
                    .map(|(entity, count)| SidebarRow {
                        id: entity.id.clone(),
                        name: language.entity_name(entity).into_owned(),
                        count: *count,
                        selected: entity.id == *own,
                    })
                    .collect(),
                matched: group.matched,
            })
            .collect()
    }
}

/// The view of the entity at `own` ([`View`]) over the whole site's `corpus`, its rows' entities
/// given places by `place` ([`ProfileFile::others`]); `buffer`, counts' memory kept from one
/// view to the next ([`FacetCounts::counted_in`]).
fn view_of(
    corpus: &Corpus,
    fields: &ArticleFields,
    own: u32,
    buffer: &mut Vec<u32>,
    mut place: impl FnMut(&Entity) -> u32,
) -> View {
    let articles = corpus.postings(own);
    let counts = FacetCounts::counted_in(corpus, articles, std::mem::take(buffer));
    let selection = Selection::from_params(corpus.entities()[own as usize].id.as_str(), "");
    // Every entity kept, in one tier: the rows are those of no finder's text (the whole
    // site's walk in its order gives the same, but walks most of a group for a view of few
    // articles: the build makes thousands of views).
    let all = |_: u32| Some(0);
    let listed = facet_groups(corpus, &counts, &selection, Some(&all), |_| {
        super::TOP_ENTITIES
    });
    let groups = Label::ALL
        .iter()
        .map(|&label| match listed.iter().find(|g| g.label == label) {
            Some(group) => (
                group.matched as u32,
                (group.facets.iter())
                    .map(|f| (place(f.entity), f.count))
                    .collect(),
            ),
            None => (0, Vec::new()),
        })
        .collect();
    let distinct = counts.distinct() as u32;
    *buffer = counts.into_buffer();
    let overview = Overview::of_articles(fields, articles);
    View {
        groups,
        distinct,
        langs: overview.langs,
        sources: overview.sources,
        years: overview.years,
    }
}

/// `singles/<bucket>.json`: of the entities of one bucket that a single article lists (and
/// that have no page of their own: [`single_article`]), what their page (the shell page) shows
/// besides the article and what its body file gives, and (schema 2.10) what their posting files
/// gave before: posting files leave them out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SingleFile {
    /// Each entity, in the order of their ids, as `[id, company, spellings]`: its company (the
    /// entities it most often appears with, as [`crate::cooccurrence::company`] lists them) as
    /// places in its article's entity list (the summary's `entities`, as its body file has it),
    /// and its spellings (the entity table's `aliases`).
    pub entities: Vec<(String, Vec<u32>, Vec<String>)>,
    /// Of each entity (same order), the number of its one article (its position across the
    /// summary pages) and the entity as a posting file lists one (no spellings): schema 2.10,
    /// whose posting files do not list these entities. Empty in older data, whose posting
    /// files do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub postings: Vec<(u32, Entity<String>)>,
}

/// Whether `entity`, listed by `articles` articles, is one of the files of single-article
/// entities ([`SingleFile`]): one article and no page of its own. Posting files leave these
/// out (schema 2.10).
pub fn in_singles<Id>(entity: &Entity<Id>, articles: usize) -> bool {
    articles == 1 && !crate::links::has_own_page(entity)
}

/// Those of `ids` that the records at hand say are [`in_singles`] (so their posting files leave
/// them out, schema 2.10): each looked up in the first of `known` that has it (a reader's card
/// pages, whose records count articles up to [`super::BODY_FILE_COUNT_CAP`], so 1 is one, then
/// the site's first screen). Ids no record names are not among them.
pub fn known_singles(ids: &[EntityId], known: &[&Corpus]) -> Vec<EntityId> {
    (ids.iter())
        .filter(|id| {
            let entity = known.iter().find_map(|corpus| corpus.entity(id));
            entity.is_some_and(|e| in_singles(e, e.articles as usize))
        })
        .cloned()
        .collect()
}

/// The one article of the entity at `p` (by position in `entities`, whose articles `postings`
/// lists), when it is [`in_singles`].
pub(super) fn single_article(entities: &[Entity], postings: &[Vec<u32>], p: u32) -> Option<u32> {
    match postings.get(p as usize).map(Vec::as_slice) {
        Some(&[article]) if in_singles(&entities[p as usize], 1) => Some(article),
        _ => None,
    }
}

/// What [`SingleFile`] holds of one entity: see [`Single::profile`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Single {
    /// Its company, as places in its article's entity list.
    pub places: Vec<u32>,
    /// Its spellings.
    pub aliases: Vec<String>,
}

impl SingleFile {
    /// The one article of `id` (its number, as a posting file would list it) and the entity, as
    /// [`super::PostingFile::articles_of`] gives them: `Ok(None)` when the file does not have
    /// it or has no postings (data older than schema 2.10, whose posting files list it); an
    /// error naming `file` when its postings do not match its entities or the number is not one
    /// of the site's `articles` articles.
    pub fn articles_of(
        &self,
        file: &str,
        id: &str,
        articles: u32,
    ) -> Result<Option<super::EntityArticles<'_>>, super::PostingError> {
        if self.postings.is_empty() {
            return Ok(None);
        }
        if self.postings.len() != self.entities.len() {
            return Err(super::PostingError::Lengths {
                file: file.to_owned(),
                entities: self.entities.len(),
                lists: self.postings.len(),
            });
        }
        let Ok(at) = (self.entities).binary_search_by(|(e, _, _)| e.as_str().cmp(id)) else {
            return Ok(None);
        };
        let (number, entity) = &self.postings[at];
        if *number >= articles || entity.id != id {
            return Err(super::PostingError::Numbers {
                file: file.to_owned(),
                id: id.to_owned(),
                articles,
            });
        }
        Ok(Some(super::EntityArticles {
            entity,
            numbers: vec![*number],
        }))
    }

    /// What the file holds of `id`: `None` when it does not have it (the entity is listed by
    /// more than one article, or by none).
    pub fn single_of(&self, id: &EntityId) -> Option<Single> {
        let at = (self.entities)
            .binary_search_by(|(e, _, _)| e.as_str().cmp(id.as_str()))
            .ok()?;
        let (_, places, aliases) = &self.entities[at];
        Some(Single {
            places: places.clone(),
            aliases: aliases.clone(),
        })
    }
}

impl Single {
    /// The page of `entity` (as its posting file has it: its counts, no spellings), whose one
    /// article is at `article` in `corpus` (the corpus of that article's body file, whose
    /// entity table has every entity the article lists): what the whole site would give it.
    /// `None` when a place is past the article's entities or names one `corpus` does not have.
    pub fn profile(&self, entity: Entity, corpus: &Corpus, article: u32) -> Option<EntityProfile> {
        let listed = &corpus.article_at(article)?.entities;
        let company = (self.places.iter())
            .map(|&place| {
                let other = corpus.entity(listed.get(place as usize)?)?;
                // One article: everything it shares is that one.
                Some((other.clone(), 1))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(EntityProfile {
            entity: Entity {
                aliases: self.aliases.clone(),
                ..entity
            },
            company,
            timeline: timeline_at(corpus, &[article]),
        })
    }
}

/// Parses a file of single-article entities' profiles (`file` names it in errors).
pub fn parse_singles(file: &str, text: &str) -> Result<SingleFile, IndexError> {
    parse(file, text)
}

/// The head of the company of an article's single-article entities
/// ([`crate::cooccurrence::Links::article_company`]): each other entity's position, and its place in
/// the article's list.
type Head = Vec<(u32, Option<u32>)>;

/// The files of single-article entities' profiles ([`SingleFile`]) of a site whose entities
/// and articles `links` relates, `summaries` its articles (whose `entities` the company's
/// places are in), for a site of `posting_files` posting files; `by_id`, the entities'
/// positions in the order of their ids. Each file's path and bytes, and a fingerprint of them
/// all, which the app puts in their URLs (`?v=`).
pub(super) fn single_files(
    links: Links<'_>,
    summaries: &[ArticleSummary],
    by_id: &[u32],
    posting_files: u32,
) -> (Vec<(String, Vec<u8>)>, String) {
    let files = single_files_for(posting_files);
    let single = |p: u32| single_article(links.entities, links.postings, p);
    // Of each article with such entities, the head of their company, as places in its list
    // (none for an entity the list does not have), made once for all of them.
    let mut wanted = vec![false; links.mentioned.len()];
    for article in (0..links.entities.len() as u32).filter_map(single) {
        if let Some(wanted) = wanted.get_mut(article as usize) {
            *wanted = true;
        }
    }
    let heads: Vec<Option<Head>> = map_all(
        wanted.into_iter().enumerate().collect(),
        |(article, wanted)| {
            let listed = &summaries.get(article).filter(|_| wanted)?.entities;
            let mentioned = links.mentioned.get(article)?;
            // The entities of the article's list, each once, by position in the table (as
            // `Parts` gives `links`): when none is left out, an entity's place there is its
            // place in the list, found without comparing ids.
            let numbered = mentioned.len() == listed.len();
            let head = links.article_company(article as u32).into_iter();
            Some(
                head.map(|(other, c)| {
                    let place = match numbered {
                        true => mentioned.iter().position(|&e| e == other),
                        false => listed.iter().position(|id| *id == c.entity.id),
                    };
                    (other, place.map(|place| place as u32))
                })
                .collect(),
            )
        },
    );
    let grouped = super::by_bucket(links.entities, by_id, files, |p| single(p).is_some());
    let written: Vec<(String, Vec<u8>)> = map_all(
        grouped.into_iter().enumerate().collect(),
        |(file, members): (usize, Vec<u32>)| {
            // Every member, with its company when its article's is known: the posting files
            // leave these entities to this file.
            let (entities, postings) = members
                .iter()
                .filter_map(|&p| {
                    let entity = &links.entities[p as usize];
                    let article = single(p)?;
                    let head = heads.get(article as usize).and_then(Option::as_deref);
                    let places = (head.into_iter())
                        .flat_map(|head| single_company(head, p).filter_map(|&place| place))
                        .collect();
                    let id = entity.id.as_str().to_owned();
                    let posted = super::without_spellings(entity).with_id(id.clone());
                    Some(((id, places, entity.aliases.clone()), (article, posted)))
                })
                .unzip();
            let path = single_path(file as u32, files);
            (path, json_line(&SingleFile { entities, postings }))
        },
    );
    let version = super::fingerprint(&written);
    (written, version)
}

/// Parses a profile file (`file` names it in errors).
pub fn parse_profiles(file: &str, text: &str) -> Result<ProfileFile<String>, IndexError> {
    parse(file, text)
}

/// The profile files of a site whose entities and articles `links` relates, with `fields`
/// its articles' fields, among `files` (as many as posting files); `by_id`, the entities'
/// positions in the order of their ids; `whole`, the site's corpus, which the views need
/// (`None` when no entity has [`VIEW_FROM`] articles). Each file's path and bytes, and a
/// fingerprint of them all, which the app puts in their URLs (`?v=`).
pub(super) fn profile_files(
    links: Links<'_>,
    fields: &ArticleFields,
    by_id: &[u32],
    files: u32,
    whole: Option<&Corpus>,
) -> (Vec<(String, Vec<u8>)>, String) {
    // Each file's entities, in the order of their ids: those some article lists that have a
    // page of their own.
    let grouped = super::by_bucket(links.entities, by_id, files, |p| {
        let listed = (links.postings.get(p as usize)).is_some_and(|a| !a.is_empty());
        listed && crate::links::has_own_page(&links.entities[p as usize])
    });
    let written: Vec<(String, Vec<u8>)> = map_all(
        grouped.into_iter().enumerate().collect(),
        |(file, members): (usize, Vec<u32>)| {
            // The entities listed, each once, by id: their place in `others`.
            let mut places = std::collections::HashMap::new();
            let mut others = Vec::new();
            let mut dates = Vec::new();
            let mut place = |entity: &Entity| {
                *places.entry(entity.id.clone()).or_insert_with(|| {
                    others.push(Companion::of(entity));
                    let at = others.len() as u32 - 1;
                    if let (Label::Date, Some(value)) = (entity.label, &entity.value) {
                        dates.push((at, value.clone()));
                    }
                    at
                })
            };
            let mut buffer = Vec::new();
            let profiles = members
                .iter()
                .map(|&p| {
                    let company = (links.company(p).into_iter())
                        .map(|c| (place(c.entity), c.shared))
                        .collect();
                    let articles = &links.postings[p as usize];
                    let view = whole
                        .filter(|_| articles.len() >= VIEW_FROM as usize)
                        .map(|corpus| view_of(corpus, fields, p, &mut buffer, &mut place));
                    Profile {
                        company,
                        timeline: counts_of_fields(fields, articles),
                        view,
                    }
                })
                .collect();
            let profile = ProfileFile {
                entities: members
                    .iter()
                    .map(|&p| links.entities[p as usize].clone())
                    .collect(),
                profiles,
                others,
                dates,
            };
            (profile_path(file as u32, files), json_line(&profile))
        },
    );
    let version = super::fingerprint(&written);
    (written, version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::entity;
    use crate::timeline::Unit;

    #[test]
    fn the_entities_known_to_be_of_a_single_article_are_those_a_record_at_hand_says_so() {
        use crate::testing::{article, corpus};
        let with = |id: &str, articles: u32| Entity {
            articles,
            ..entity(id, Label::Person, articles)
        };
        // A card page's records count articles up to 2; the first screen's count them all.
        let cards = corpus(
            vec![article("a", &["per-lone", "per-two"])],
            vec![with("per-lone", 1), with("per-two", 2)],
        );
        let first = corpus(
            vec![article("b", &["per-also-lone", "per-many", "per-lone"])],
            vec![
                with("per-also-lone", 1),
                with("per-many", 40),
                with("per-lone", 3),
            ],
        );
        let ids: Vec<EntityId> = [
            "per-lone",
            "per-two",
            "per-also-lone",
            "per-many",
            "per-unknown",
        ]
        .map(|id| EntityId::new(id).expect("an id"))
        .into();
        let names = |found: Vec<EntityId>| {
            found
                .iter()
                .map(|id| id.as_str().to_owned())
                .collect::<Vec<_>>()
        };
        // The first corpus that names an entity says: the cards' record of `per-lone` first.
        assert_eq!(
            names(known_singles(&ids, &[&cards, &first])),
            ["per-lone", "per-also-lone"]
        );
        assert_eq!(
            names(known_singles(&ids, &[&first, &cards])),
            ["per-also-lone"]
        );
        assert!(known_singles(&ids, &[]).is_empty(), "no record, no guess");
    }

    #[test]
    fn a_single_article_entity_s_article_is_read_from_its_file_and_bad_postings_are_named() {
        let posted = |id: &str| entity(id, Label::Place, 1).with_id(id.to_owned());
        let file = SingleFile {
            entities: vec![
                ("loc-a".to_owned(), vec![], vec![]),
                ("loc-b".to_owned(), vec![2], vec!["B".to_owned()]),
            ],
            postings: vec![(7, posted("loc-a")), (3, posted("loc-b"))],
        };
        let found = (file.articles_of("singles/1.json", "loc-b", 10))
            .expect("well formed")
            .expect("there");
        assert_eq!(
            (found.entity.id.as_str(), found.numbers),
            ("loc-b", vec![3])
        );
        assert_eq!(file.articles_of("singles/1.json", "loc-c", 10), Ok(None));
        // Older data (no postings: its posting files list these entities).
        let older = SingleFile {
            postings: Vec::new(),
            ..file.clone()
        };
        assert_eq!(older.articles_of("f", "loc-a", 10), Ok(None));
        // A number past the site, another entity's posting, or fewer postings than entities:
        // errors naming the file.
        for (bad, articles) in [
            (file.clone(), 5),
            (
                SingleFile {
                    postings: vec![(7, posted("loc-x")), (3, posted("loc-b"))],
                    ..file.clone()
                },
                10,
            ),
            (
                SingleFile {
                    postings: vec![(7, posted("loc-a"))],
                    ..file.clone()
                },
                10,
            ),
        ] {
            let error = bad.articles_of("singles/1.json", "loc-a", articles);
            assert!(
                error
                    .as_ref()
                    .is_err_and(|e| e.to_string().contains("singles/1.json")),
                "{error:?}"
            );
        }
    }

    fn counts(unit: Unit, start: &str, counts: Vec<u32>) -> TimelineCounts {
        TimelineCounts {
            unit,
            start: Some(start.to_owned()),
            counts,
            undated: 0,
        }
    }

    fn named(id: &str) -> Entity<String> {
        let e = entity(id, Label::Place, 3);
        serde_json::from_value(serde_json::to_value(e).expect("json")).expect("entity")
    }

    #[test]
    fn a_profile_is_read_back_with_its_company_by_place_and_refused_when_it_does_not_read() {
        let file = ProfileFile {
            entities: vec![named("loc-koursk"), named("per-a")],
            profiles: vec![
                Profile {
                    company: vec![(1, 4), (0, 2)],
                    timeline: counts(Unit::Month, "2024-01-01", vec![1, 0, 3]),
                    view: None,
                },
                Profile {
                    company: Vec::new(),
                    timeline: counts(Unit::Year, "2020-01-01", vec![2]),
                    view: None,
                },
            ],
            others: vec![
                Companion::of(&named("loc-kyiv")),
                Companion::of(&named("org-otan")),
            ],
            dates: Vec::new(),
        };
        let id = |id: &str| EntityId::new(id).expect("valid");
        let found = file
            .profile_of("f", &id("loc-koursk"))
            .expect("reads")
            .expect("there");
        assert_eq!(found.entity.id.as_str(), "loc-koursk");
        let company: Vec<(&str, u32)> = found
            .company
            .iter()
            .map(|(e, n)| (e.id.as_str(), *n))
            .collect();
        assert_eq!(company, [("org-otan", 4), ("loc-kyiv", 2)]);
        assert_eq!(found.timeline.counts().counts, [1, 0, 3]);
        assert_eq!(file.profile_of("f", &id("per-b")), Ok(None));
        // A place past `others`, a timeline that does not read, lists of other lengths.
        let mut bad = file.clone();
        bad.profiles[0].company.push((2, 1));
        let error = bad.profile_of("profiles/3.json", &id("loc-koursk"));
        assert!(
            error
                .as_ref()
                .is_err_and(|e| e.to_string().contains("profiles/3.json")
                    && e.to_string().contains("loc-koursk")),
            "{error:?}"
        );
        let mut bad = file.clone();
        bad.profiles[1].timeline.start = Some("2020-02-01".to_owned());
        assert!(bad.profile_of("f", &id("per-a")).is_err());
        let mut bad = file;
        bad.profiles.pop();
        assert!(matches!(
            bad.profile_of("f", &id("per-a")),
            Err(ProfileError::Lengths { .. })
        ));
    }

    #[test]
    fn a_view_is_read_back_with_its_rows_by_place_and_refused_when_it_does_not_read() {
        let date = Entity {
            value: Some("2024-03-05".to_owned()),
            ..named("date-2024-03-05")
        };
        let date = Entity {
            label: Label::Date,
            ..date
        };
        let otan = Entity {
            label: Label::Organisation,
            ..named("org-otan")
        };
        let view = View {
            // People, places (Koursk itself first, then Kyiv), organisations, dates.
            groups: vec![
                (0, Vec::new()),
                (7, vec![(0, 30), (1, 12)]),
                (1, vec![(2, 4)]),
                (1, vec![(3, 2)]),
            ],
            distinct: 9,
            langs: vec![("fr".to_owned(), 30)],
            sources: Vec::new(),
            years: vec![("2024".to_owned(), 30)],
        };
        let file = ProfileFile {
            entities: vec![named("loc-koursk")],
            profiles: vec![Profile {
                company: vec![(1, 12)],
                timeline: counts(Unit::Month, "2024-01-01", vec![10, 0, 20]),
                view: Some(view),
            }],
            others: [named("loc-koursk"), named("loc-kyiv"), otan, date]
                .iter()
                .map(Companion::of)
                .collect(),
            dates: vec![(3, "2024-03-05".to_owned())],
        };
        let koursk = EntityId::new("loc-koursk").expect("valid");
        let read = file.view_of("f", &koursk).expect("reads").expect("there");
        // Each group's label, length and rows (name, count, selected).
        type Rows = Vec<(String, u32, bool)>;
        let shown = |language| -> Vec<(Label, usize, Rows)> {
            (read.sidebar(&koursk, language).into_iter())
                .map(|g| {
                    let rows = (g.rows.into_iter()).map(|r| (r.name, r.count, r.selected));
                    (g.label, g.matched, rows.collect())
                })
                .collect()
        };
        let row = |name: &str, count, selected| (name.to_owned(), count, selected);
        assert_eq!(
            shown(Language::En),
            [
                (
                    Label::Place,
                    7,
                    vec![row("loc-koursk", 30, true), row("loc-kyiv", 12, false)]
                ),
                (Label::Organisation, 1, vec![row("org-otan", 4, false)]),
                // A date named from its value, in the reader's language.
                (Label::Date, 1, vec![row("5 March 2024", 2, false)]),
            ]
        );
        assert_eq!(shown(Language::Fr)[2].2, [row("5 mars 2024", 2, false)]);
        assert_eq!(read.distinct, 9);
        assert_eq!(read.overview.langs, [("fr".to_owned(), 30)]);
        assert_eq!(read.overview.timeline.counts, [10, 0, 20]);
        // A place past `others`, a row of another label, groups missing: refused.
        for spoil in [
            |v: &mut View| v.groups[1].1.push((9, 1)),
            |v: &mut View| v.groups[0].1.push((2, 1)),
            |v: &mut View| drop(v.groups.pop()),
        ] {
            let mut bad = file.clone();
            spoil(bad.profiles[0].view.as_mut().expect("a view"));
            assert!(bad.view_of("f", &koursk).is_err());
        }
        // No view: none.
        let mut none = file;
        none.profiles[0].view = None;
        assert_eq!(none.view_of("f", &koursk), Ok(None));
    }
}
