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
use crate::cooccurrence::Links;
use crate::cores::map_all;
use crate::entity::{Entity, EntityId, Label};
use crate::index::{Corpus, IndexError};
use crate::refine::ArticleFields;
use crate::timeline::{Timeline, TimelineCounts, timeline_at, timeline_of_fields};

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
    /// The entities the profiles list as company, each once, in the order first listed: a
    /// profile refers to them by place.
    pub others: Vec<Companion<E>>,
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
    /// mentions or confidence (a page's company shows none; it lists only sure entities).
    fn entity(&self) -> Option<Entity> {
        Some(Entity {
            id: EntityId::new(&self.0).ok()?,
            label: self.1,
            name: self.2.clone(),
            aliases: Vec::new(),
            articles: self.3,
            mentions: 0,
            value: None,
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
            if let Some(other) = other.entity() {
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

/// `singles/<bucket>.json`: of the entities of one bucket that a single article lists, what
/// their page (the shell page) shows besides the article and what its body file gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SingleFile {
    /// Each entity, in the order of their ids, as `[id, company, spellings]`: its company (the
    /// entities it most often appears with, as [`crate::cooccurrence::company`] lists them) as
    /// places in its article's entity list (the summary's `entities`, as its body file has it),
    /// and its spellings (the entity table's `aliases`).
    pub entities: Vec<(String, Vec<u32>, Vec<String>)>,
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
    let one_article = |p: u32| match links.postings.get(p as usize).map(Vec::as_slice) {
        Some(&[article]) => Some(article),
        _ => None,
    };
    let grouped = super::by_bucket(links.entities, by_id, files, |p| {
        one_article(p).is_some() && !crate::links::has_own_page(&links.entities[p as usize])
    });
    let written: Vec<(String, Vec<u8>)> = map_all(
        grouped.into_iter().enumerate().collect(),
        |(file, members): (usize, Vec<u32>)| {
            let entities = members
                .iter()
                .filter_map(|&p| {
                    let entity = &links.entities[p as usize];
                    let listed = &summaries.get(one_article(p)? as usize)?.entities;
                    let places = (links.company(p).iter())
                        .filter_map(|c| listed.iter().position(|id| *id == c.entity.id))
                        .map(|place| place as u32)
                        .collect();
                    Some((entity.id.to_string(), places, entity.aliases.clone()))
                })
                .collect();
            let path = single_path(file as u32, files);
            (path, json_line(&SingleFile { entities }))
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
/// positions in the order of their ids. Each file's path and bytes, and a fingerprint of them
/// all, which the app puts in their URLs (`?v=`).
pub(super) fn profile_files(
    links: Links<'_>,
    fields: &ArticleFields,
    by_id: &[u32],
    files: u32,
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
            // The company's entities, each once, by position: their place in `others`.
            let mut places = std::collections::HashMap::new();
            let mut others = Vec::new();
            let profiles = members
                .iter()
                .map(|&p| Profile {
                    company: links
                        .company(p)
                        .into_iter()
                        .map(|c| {
                            let place = *places.entry(&c.entity.id).or_insert_with(|| {
                                others.push(Companion::of(c.entity));
                                others.len() as u32 - 1
                            });
                            (place, c.shared)
                        })
                        .collect(),
                    timeline: timeline_of_fields(fields, &links.postings[p as usize]).counts(),
                })
                .collect();
            let profile = ProfileFile {
                entities: members
                    .iter()
                    .map(|&p| links.entities[p as usize].clone())
                    .collect(),
                profiles,
                others,
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
                },
                Profile {
                    company: Vec::new(),
                    timeline: counts(Unit::Year, "2020-01-01", vec![2]),
                },
            ],
            others: vec![
                Companion::of(&named("loc-kyiv")),
                Companion::of(&named("org-otan")),
            ],
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
}
