//! What the last `kiosque pages` run into a dist made of each body file and each entity, so that
//! the next run renders again only the pages whose inputs changed.
//!
//! An article page is made from its body file (the articles' summaries and bodies, and the
//! entities they list), the article's summary in the index, and what every page shares: the
//! app's `index.html`, the publishing settings, the data's version and generator, and this very
//! executable (the components that render). It does not read the site's totals (articles,
//! entities: they change with every article added) nor the name of the search index; a test
//! renders a page under other totals and another search name to hold that true
//! (`tests/pages.rs`). So each body file gets a key, a SHA-256 of all of that; the record keeps
//! it with the stamp of each page written from it. A body file whose key and pages' stamps are
//! unchanged is not read again: its pages are already what the run would write.
//!
//! An entity page is made from what every page shares and what the app's entity view reads of
//! the whole site ([`kiosque_app::render::EntityShown::made_of`]: the entity, its first
//! cards, its articles' dates, the entities listed with it). Those are cheap to gather next to
//! rendering the page and comparing it with its file; each entity page gets a key, a SHA-256 of
//! them, recorded with the page's stamp.
//!
//! The record lives in the cache directory (`<cache>/pages/<dist>-<hash>.pages`), never in
//! `dist/`, and ends with a SHA-256 of its lines: one that is missing, damaged or made by
//! another executable is ignored, and every page is rendered (and compared with its file) as
//! without it. A page's stamp alone is trusted only once it had settled when recorded
//! ([`unread::SETTLE`]) when the run started: a file changed in the same tick of a coarse clock
//! as its stamp could change unseen. A page changed more recently (most often: written by the
//! run) is recorded with a SHA-256 of its bytes as well, and the next run reads it back to check
//! them.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use kiosque_corpus::analyses::hex;
use sha2::{Digest, Sha256};

use crate::unread::{self, Stamp};

/// The first line of a record, before the key of what every page shares.
const HEADER: &str = "kiosque-pages 2";

/// The pages of one kind: articles' or entities'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `article/<id>/index.html`.
    Article,
    /// `entity/<id>/index.html`.
    Entity,
}

impl Section {
    fn dir(self) -> &'static str {
        match self {
            Section::Article => "article",
            Section::Entity => "entity",
        }
    }
}

/// A page written from a body file, or an entity's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Its article's or entity's id.
    pub id: String,
    /// Its file's stamp.
    pub stamp: Stamp,
    /// A SHA-256 of its bytes, for a page whose stamp had not settled when the run started.
    pub bytes: Option<String>,
}

impl Page {
    /// The page of article or entity `id` under `dist`, as its file is now, holding `bytes`
    /// (this run wrote them, or found them there); with their SHA-256 if the file changed less
    /// than [`unread::SETTLE`] before `started`, the time before this run compared any page.
    pub fn of(
        dist: &Path,
        section: Section,
        id: &str,
        bytes: &[u8],
        started: SystemTime,
    ) -> Option<Page> {
        let stamp = Stamp::of(&page_path(dist, section, id))?;
        Some(Page {
            id: id.to_owned(),
            stamp,
            bytes: (!stamp.settled(started)).then(|| hex(&Sha256::digest(bytes))),
        })
    }

    /// Whether the page's file under `dist` is still the one recorded.
    fn is_there(&self, dist: &Path, section: Section) -> bool {
        let path = page_path(dist, section, &self.id);
        Stamp::of(&path) == Some(self.stamp)
            && self.bytes.as_ref().is_none_or(|sum| {
                fs::read(&path).is_ok_and(|bytes| hex(&Sha256::digest(bytes)) == *sum)
            })
    }
}

/// The key of what every article page shares, from the executable and `parts` (the template,
/// the settings, the data's version…, each given whole); `None` where the executable has no
/// stamp (nothing is then recorded).
pub fn shared_key(parts: &[&[u8]]) -> Option<String> {
    let exe = Stamp::of(&std::env::current_exe().ok()?)?;
    let mut hash = Sha256::new();
    hash.update(HEADER.as_bytes());
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    let mut stamp = String::new();
    exe.write_to(&mut stamp);
    hash.update(stamp.as_bytes());
    for part in parts {
        // Each part's length first: no two lists of parts hash alike.
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    Some(hex(&hash.finalize()))
}

/// The key of one body file's pages, or of one entity's page: what they share, then `file` (the
/// body file's bytes; what the entity's page shows of the site), and `more` (the summaries the
/// index gives the body file's articles).
pub fn page_key(shared: &str, file: &[u8], more: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(shared.as_bytes());
    hash.update((file.len() as u64).to_le_bytes());
    hash.update(file);
    hash.update(more);
    hex(&hash.finalize())
}

/// The record of the last run: by body file, its key and the pages written from it; by entity,
/// its page's key and the page.
#[derive(Debug, Default)]
pub struct Record {
    buckets: HashMap<u32, (String, Vec<Page>)>,
    entities: HashMap<String, (String, Page)>,
}

/// What a record's `P` line belongs to.
enum Owner<'a> {
    Bucket(&'a mut Vec<Page>),
    Entity(String),
}

impl Record {
    /// The record at `path` if it was made with the same `shared` key; empty otherwise.
    pub fn read(path: &Path, shared: &str) -> Record {
        fs::read_to_string(path)
            .ok()
            .and_then(|text| Record::parse(&text, shared))
            .unwrap_or_default()
    }

    fn parse(text: &str, shared: &str) -> Option<Record> {
        let body = unread::checked(text)?;
        let mut lines = body.lines();
        if lines.next()? != format!("{HEADER}\t{shared}") {
            return None;
        }
        let mut buckets: HashMap<u32, (String, Vec<Page>)> = HashMap::new();
        let mut entities: HashMap<String, (String, Page)> = HashMap::new();
        let mut current: Option<Owner> = None;
        for line in lines {
            let mut fields = line.split('\t');
            match fields.next()? {
                "B" => {
                    let bucket = fields.next()?.parse().ok()?;
                    let key = fields.next()?.to_owned();
                    let entry = buckets.entry(bucket).or_insert((key, Vec::new()));
                    current = Some(Owner::Bucket(&mut entry.1));
                }
                "E" => current = Some(Owner::Entity(fields.next()?.to_owned())),
                "P" => {
                    let stamp = Stamp::parse(&mut fields)?;
                    let bytes = match fields.next()? {
                        "-" => None,
                        sum => Some(sum.to_owned()),
                    };
                    let id = fields.next()?.to_owned();
                    let page = Page { id, stamp, bytes };
                    match current.take()? {
                        Owner::Bucket(pages) => {
                            pages.push(page);
                            current = Some(Owner::Bucket(pages));
                        }
                        // One page per entity.
                        Owner::Entity(key) => {
                            entities.insert(page.id.clone(), (key, page));
                        }
                    }
                }
                _ => return None,
            }
        }
        Some(Record { buckets, entities })
    }

    /// The pages of body file `bucket`, if it was recorded with `key` and each page's file under
    /// `dist` still has its stamp: they are what rendering them again would write.
    pub fn unchanged(&self, bucket: u32, key: &str, dist: &Path) -> Option<&[Page]> {
        let (recorded, pages) = self.buckets.get(&bucket)?;
        let same = recorded == key
            && pages
                .iter()
                .all(|page| page.is_there(dist, Section::Article));
        same.then_some(pages.as_slice())
    }

    /// The page of entity `id`, if it was recorded with `key` and its file under `dist` still
    /// has its stamp: it is what rendering it again would write.
    pub fn entity_unchanged(&self, id: &str, key: &str, dist: &Path) -> Option<&Page> {
        let (recorded, page) = self.entities.get(id)?;
        (recorded == key && page.is_there(dist, Section::Entity)).then_some(page)
    }

    /// Keeps at `path` the `buckets` of this run (each: its number, key and pages) and its
    /// `entities`' pages (each: its key and page), under the `shared` key, replacing the record
    /// in one step. A page whose file changed within [`unread::SETTLE`] of `now` (the run's
    /// start) keeps the SHA-256 of its bytes, to be checked; one without it is left out, and
    /// with it its body file. Best effort: a record that cannot be written is removed (the
    /// next run renders every page).
    pub fn save(
        path: &Path,
        shared: &str,
        buckets: &[(u32, String, Vec<Page>)],
        entities: &[(String, Page)],
        now: SystemTime,
    ) {
        let recordable = |page: &Page| {
            (page.bytes.is_some() || page.stamp.settled(now))
                && !page.id.contains(['\t', '\n', '\r', '/', '\\'])
        };
        let write_page = |text: &mut String, page: &Page| {
            text.push('P');
            page.stamp.write_to(text);
            // A settled stamp is enough: the bytes are not read back.
            let bytes = match &page.bytes {
                Some(sum) if !page.stamp.settled(now) => sum.as_str(),
                _ => "-",
            };
            let _ = writeln!(text, "\t{bytes}\t{}", page.id);
        };
        let mut text = format!("{HEADER}\t{shared}\n");
        for (bucket, key, pages) in buckets {
            if !pages.iter().all(recordable) {
                continue;
            }
            let _ = writeln!(text, "B\t{bucket}\t{key}");
            for page in pages {
                write_page(&mut text, page);
            }
        }
        for (key, page) in entities.iter().filter(|(_, page)| recordable(page)) {
            let _ = writeln!(text, "E\t{key}");
            write_page(&mut text, page);
        }
        unread::seal(&mut text);
        crate::cache::save_record(path, &text);
    }
}

/// Where the page of article or entity `id` is under `dist`.
pub fn page_path(dist: &Path, section: Section, id: &str) -> std::path::PathBuf {
    dist.join(section.dir()).join(id).join("index.html")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A page of article `id` in `dist` holding `html`, as this run wrote it.
    fn written(dist: &Path, id: &str, html: &str) -> Page {
        let path = page_path(dist, Section::Article, id);
        fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        fs::write(&path, html).expect("write");
        Page::of(
            dist,
            Section::Article,
            id,
            html.as_bytes(),
            SystemTime::now(),
        )
        .expect("stamp")
    }

    #[test]
    fn a_record_reads_back_only_with_its_key_and_unchanged_pages_and_refuses_damage() {
        let dist = tempfile::tempdir().expect("temp dir");
        let page = written(dist.path(), "a-1", "<html>");
        let later = SystemTime::now() + unread::SETTLE + Duration::from_secs(1);
        let path = dist.path().join("record");
        let buckets = vec![(3, "k3".to_owned(), vec![page])];
        Record::save(&path, "shared", &buckets, &[], later);
        assert!(
            !fs::read_to_string(&path)
                .expect("read")
                .contains(&hex(&Sha256::digest("<html>"))),
            "a settled page is recorded by its stamp alone"
        );

        let record = Record::read(&path, "shared");
        assert!(record.unchanged(3, "k3", dist.path()).is_some());
        assert!(
            record.unchanged(3, "other", dist.path()).is_none(),
            "another key"
        );
        assert!(
            record.unchanged(4, "k3", dist.path()).is_none(),
            "another file"
        );
        assert!(
            Record::read(&path, "other")
                .unchanged(3, "k3", dist.path())
                .is_none(),
            "made with another shared key"
        );
        // A damaged record is not used.
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, text.replace("k3", "k4")).expect("write");
        assert!(
            Record::read(&path, "shared")
                .unchanged(3, "k4", dist.path())
                .is_none()
        );

        // A page changed or removed since: its body file is rendered again.
        Record::save(&path, "shared", &buckets, &[], later);
        fs::write(
            page_path(dist.path(), Section::Article, "a-1"),
            "<html>changed",
        )
        .expect("write");
        assert!(
            Record::read(&path, "shared")
                .unchanged(3, "k3", dist.path())
                .is_none()
        );
        fs::remove_file(page_path(dist.path(), Section::Article, "a-1")).expect("remove");
        assert!(
            Record::read(&path, "shared")
                .unchanged(3, "k3", dist.path())
                .is_none()
        );
    }

    #[test]
    fn an_entity_page_reads_back_with_its_key_beside_the_body_files_and_not_once_changed() {
        let dist = tempfile::tempdir().expect("temp dir");
        let article = written(dist.path(), "a-1", "<html>");
        let path = page_path(dist.path(), Section::Entity, "loc-russia");
        fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
        fs::write(&path, "<html>russia").expect("write");
        let entity = Page::of(
            dist.path(),
            Section::Entity,
            "loc-russia",
            b"<html>russia",
            SystemTime::now(),
        )
        .expect("stamp");
        let record = dist.path().join("record");
        let later = SystemTime::now() + unread::SETTLE + Duration::from_secs(1);
        let buckets = vec![(0, "k0".to_owned(), vec![article])];
        let entities = vec![("e1".to_owned(), entity)];
        Record::save(&record, "shared", &buckets, &entities, later);
        let read = Record::read(&record, "shared");
        assert!(read.unchanged(0, "k0", dist.path()).is_some());
        assert!(
            read.entity_unchanged("loc-russia", "e1", dist.path())
                .is_some()
        );
        assert!(
            read.entity_unchanged("loc-russia", "e2", dist.path())
                .is_none(),
            "another key"
        );
        assert!(
            read.entity_unchanged("loc-ukraine", "e1", dist.path())
                .is_none(),
            "another entity"
        );
        fs::write(&path, "<html>changed").expect("write");
        assert!(
            Record::read(&record, "shared")
                .entity_unchanged("loc-russia", "e1", dist.path())
                .is_none(),
            "its page changed since"
        );
    }

    #[test]
    fn a_page_that_has_not_settled_is_checked_by_its_bytes_and_is_not_recorded_without_them() {
        let dist = tempfile::tempdir().expect("temp dir");
        let page = written(dist.path(), "a-1", "<html>");
        let path = dist.path().join("record");
        let now = SystemTime::now();
        Record::save(
            &path,
            "shared",
            &[(0, "k".to_owned(), vec![page.clone()])],
            &[],
            now,
        );
        assert!(
            Record::read(&path, "shared")
                .unchanged(0, "k", dist.path())
                .is_some()
        );
        // Other bytes under the same stamp (a change in the same tick of a coarse clock, made
        // here by recording another sum): not trusted.
        let other = Page {
            bytes: Some(hex(&Sha256::digest("<html>other"))),
            ..page.clone()
        };
        Record::save(
            &path,
            "shared",
            &[(0, "k".to_owned(), vec![other])],
            &[],
            now,
        );
        assert!(
            Record::read(&path, "shared")
                .unchanged(0, "k", dist.path())
                .is_none()
        );
        // A page whose stamp has not settled, without its bytes: not recorded.
        let kept = Page {
            bytes: None,
            ..page
        };
        Record::save(
            &path,
            "shared",
            &[(0, "k".to_owned(), vec![kept])],
            &[],
            now,
        );
        assert!(
            Record::read(&path, "shared")
                .unchanged(0, "k", dist.path())
                .is_none()
        );
    }
}
