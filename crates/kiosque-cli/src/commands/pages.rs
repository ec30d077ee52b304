//! `kiosque pages`: writes one HTML file per article and per entity of two articles or more
//! into a built site, the shell page of every other entity, and (with a base URL) the feed and
//! sitemap; removes the pages it wrote for articles and entities that no longer have one.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use anyhow::Context;
use kiosque_app::render::Rendering;
use kiosque_model::display::isolate;
use kiosque_model::index::Corpus;
use kiosque_model::links::has_own_page;
use kiosque_model::parts::{self, ReadError, SITE_FILE};
use kiosque_model::ui::Language;
use kiosque_model::validate;
use rayon::prelude::*;

use crate::pages::feed;
use crate::pages::html::{self, BODY_START, FEED_FILE, PageMeta, SiteHead, Template};
use crate::pages::kept;
use crate::pages::settings::Settings;
use crate::{atomic, cache, message, output, progress};

/// What `pages` produced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PagesReport {
    /// Article pages written.
    pub articles: usize,
    /// Entity pages written (entities of two articles or more).
    pub entities: usize,
    /// Entities shown by the shell page `entity/?id=<id>` rather than a page of their own.
    pub shell_entities: usize,
    /// Whether `feed.xml` and `sitemap.xml` were written (the base URL is set).
    pub feed: bool,
    /// Pages of articles and entities no longer in the data, removed.
    pub removed: usize,
    /// Files (pages, feed, sitemaps) written: new, or holding something else before.
    pub written: usize,
    /// Files (pages, feed, sitemaps) that already held what this run made: left untouched.
    pub unchanged: usize,
    /// Of those, the article pages not even rendered (the entity pages: below): their body file and everything else they
    /// are made from had not changed since the last run (see `pages::kept`).
    pub not_rendered: usize,
    /// The entity pages not rendered: what they show had not changed since the last run.
    pub entities_not_rendered: usize,
}

impl PagesReport {
    /// What a run says it did in `dist`, in `elapsed`: the pages of the site, the files written
    /// and left untouched (and the pages not even rendered), those removed, and a rate of the
    /// pages rendered (not of the pages there: a run that renders 16 pages of 130,000 is not
    /// 36,000 pages a second).
    pub fn summary(&self, dist: &Path, elapsed: std::time::Duration) -> String {
        let feed = if self.feed {
            ", feed.xml and sitemap.xml"
        } else {
            ""
        };
        let rendered = (self.articles + self.entities)
            .saturating_sub(self.not_rendered + self.entities_not_rendered);
        let entities = |n: usize| match n {
            1 => "1 entity".to_owned(),
            n => format!("{n} entities"),
        };
        let mut said = format!(
            "pages of {} and {} ({} of one article on entity/?id=){feed} in {}: {} written, {} rendered {}",
            message::count(self.articles, "article"),
            entities(self.entities),
            entities(self.shell_entities),
            dist.display(),
            message::count(self.written, "file"),
            message::count(rendered, "page"),
            progress::timing(rendered, "pages", elapsed),
        );
        if self.unchanged > 0 {
            said.push_str(&format!(
                "; {} already up to date, left untouched",
                message::count(self.unchanged, "file")
            ));
            if self.not_rendered + self.entities_not_rendered > 0 {
                said.push_str(&format!(
                    " ({} and {} not rendered again: what they are made of did not change)",
                    message::count(self.not_rendered, "article page"),
                    message::count(self.entities_not_rendered, "entity page"),
                ));
            }
        }
        if self.removed > 0 {
            said.push_str(&format!(
                "; removed {} of articles and entities no longer in the data",
                message::count(self.removed, "page")
            ));
        }
        said
    }
}

/// Reads a file of the site data in `data`.
fn read_in(data: &Path) -> impl Fn(&str) -> std::io::Result<String> + Sync + '_ {
    move |file: &str| fs::read_to_string(data.join(file))
}

/// The error of reading the site data in `data`, naming the file.
fn read_error(data: &Path, error: ReadError<std::io::Error>) -> anyhow::Error {
    match error {
        ReadError::Read { file, source } => {
            let hint = if file == SITE_FILE && data.join("index.json").is_file() {
                " (this is site data of version 1: build it again with this `kiosque build`)"
            } else {
                ""
            };
            anyhow::Error::new(source)
                .context(format!("cannot read {}{hint}", data.join(&file).display()))
        }
        other => anyhow::Error::new(other).context(format!(
            "the site data in {} cannot be used",
            data.display()
        )),
    }
}

/// Writes `article/<id>/index.html`, `entity/<id>/index.html` (entities of two articles or
/// more), the shell `entity/index.html`, `404.html`, the pre-rendered home page, and with a base
/// URL `feed.xml` and `sitemap.xml`, into `dist`, reading the site data from `dist/data`; with a
/// progress bar unless `quiet`. The record of what the run wrote (see `pages::kept`) is kept in
/// the cache directory `cache`, if one is given.
pub fn run_with(
    dist: &Path,
    settings: &Settings,
    cache: Option<&Path>,
    quiet: bool,
) -> anyhow::Result<PagesReport> {
    let site_name = settings.name.as_str();
    let data = dist.join("data");
    let template_path = dist.join("index.html");
    let template_html = fs::read_to_string(&template_path).with_context(|| {
        format!(
            "cannot read {} (run `trunk build` first)",
            template_path.display()
        )
    })?;
    // No other run writes into dist (another `kiosque pages`) or beside the site data (a build
    // into dist/data, locking the directory that really holds it) until this one is done (never
    // twice on one directory reached by two paths: it would wait for itself); a build into
    // dist/data that was interrupted is repaired before the data is read.
    let lock = atomic::lock(dist);
    let _data_lock = atomic::Place::resolve(&data)
        .ok()
        .filter(|place| !atomic::same_dir(dist, &place.parent))
        .map(|place| atomic::lock(&place.parent));
    output::recover_locked(&data)?;
    let staging = atomic::Staging::new(dist, lock.is_held())
        .with_context(|| format!("cannot write into {}", dist.display()))?;
    // The canonical addresses are the base URL's: the pages' relative links must resolve there.
    if let Some(base) = &settings.base_url {
        let href = html::base_href(&template_html);
        // Trunk writes the public URL as given: a path, or the whole address.
        if href != Some(base.path()) && href != Some(base.as_str()) {
            anyhow::bail!(
                "{}'s base_url {base} is published under {}, but {} has {}: build with `trunk build --public-url {}`, or change base_url",
                settings
                    .file
                    .as_deref()
                    .map_or_else(|| "the settings".to_owned(), |f| f.display().to_string()),
                base.path(),
                template_path.display(),
                href.map_or_else(
                    || "no <base href>".to_owned(),
                    |h| format!("<base href=\"{h}\">")
                ),
                base.path()
            );
        }
    }
    let base_href = html::base_href(&template_html).unwrap_or("/").to_owned();
    // The reader app's wasm pieces, their loader, the glue and the main wasm named by content;
    // the page (the template) then loads the renamed files.
    let pieces =
        crate::pages::pieces::name_by_content(dist, &template_path, &template_html, &staging)
            .with_context(|| format!("cannot name the app's wasm pieces in {}", dist.display()))?;
    let template_html = pieces.template;
    // The Try it page's app and worker, named by content (Trunk writes fixed names); the page
    // loads its own app instead of the reader's, and names the worker's loader.
    let named = crate::pages::worker::name_by_content(dist, &staging)
        .with_context(|| format!("cannot name the Try it page's files in {}", dist.display()))?;
    let try_html = match &named.try_app {
        Some(app) => crate::pages::worker::try_page_html(&template_html, dist, app)
            .with_context(|| format!("cannot write the Try it page in {}", dist.display()))?,
        None => None,
    };
    // Each page starts its app on first use (`pages::start`): the reader's app (with its pieces'
    // loader), and the Try it page's (a shell, which starts it at once; no pieces).
    let on_first_use = |html: &str, loader| {
        crate::pages::start::on_first_use(html, dist, &staging, loader)
            .with_context(|| format!("cannot write the app's start script in {}", dist.display()))
    };
    let template_html = on_first_use(&template_html, pieces.loader.as_ref())?;
    let try_html = try_html.map(|html| on_first_use(&html, None)).transpose()?;
    let template =
        Template::new(template_html).with_context(|| template_path.display().to_string())?;
    let try_template = match try_html {
        Some(html) => Template::new(html).with_context(|| template_path.display().to_string())?,
        None => template.clone(),
    }
    .with_worker(named.worker_loader.as_deref());
    // The data contract's check, as the app makes it: what breaks the contract is left out of
    // the pages (ids become directory names: only `[a-z0-9-]` reaches the file system), with a
    // warning.
    // The index first; the body files one at a time on each thread, so that only the bodies
    // being rendered are in memory.
    let read = read_in(&data);
    let (site_file, index) = parts::read_index(&read).map_err(|e| read_error(&data, e))?;
    let checked = validate::corpus(index);
    warn_problems(&data.join(SITE_FILE), &checked.problems);
    let corpus = Arc::new(checked.value);
    let articles = corpus.articles();
    // The app's own components render the pages' content, over the data as the app reads it.
    // The interface's language: the settings', else that of most articles; the pages' `<html
    // lang>`, which the app reads.
    let language = settings
        .language
        .as_deref()
        .and_then(Language::from_code)
        .unwrap_or_else(|| Language::majority(articles.iter().map(|a| a.lang.as_deref())));
    let rendering = Rendering::new(
        &base_href,
        site_name,
        Arc::new(Corpus::first_screen(&site_file).value),
    )
    .in_language(language)
    .with_facet_files(&site_file, &corpus);
    let site = SiteHead {
        name: site_name.to_owned(),
        language: language.code().to_owned(),
        base_url: settings.base_url.as_ref().map(|b| b.as_str().to_owned()),
        feed: settings.base_url.is_some(),
    };
    // A page whose file already holds its bytes is left as it is (its modification time, its
    // inode): re-running after a rebuild that added a few articles writes only the pages they
    // changed, so that a deployment by size and time sends only those.
    let unchanged = AtomicUsize::new(0);
    let files_written = AtomicUsize::new(0);
    let not_rendered = AtomicUsize::new(0);
    let entities_not_rendered = AtomicUsize::new(0);
    // The record of the last run: the body files whose pages need no rendering.
    let record_path = cache.map(|dir| cache::pages_for(dir, dist));
    // What every article page shares (see `pages::kept`): the template as a page of this site
    // (its name, language, base URL), the data's version, and the body files' layout.
    let shared_key = {
        let page = template.shared(&site);
        let buckets = site_file.buckets.to_le_bytes();
        let search: &[u8] = if site_file.search.is_some() {
            b"search"
        } else {
            b""
        };
        kept::shared_key(&[
            page.as_bytes(),
            site.name.as_bytes(),
            site.language.as_bytes(),
            site.base_url.as_deref().unwrap_or("").as_bytes(),
            base_href.as_bytes(),
            site_file.schema_version.as_bytes(),
            site_file.generator.as_bytes(),
            search,
            &buckets[..],
        ])
    };
    let record = match (&record_path, &shared_key) {
        (Some(path), Some(key)) => kept::Record::read(path, key),
        _ => kept::Record::default(),
    };
    // A page that had not changed for a while before it was compared has settled (see
    // `pages::kept`).
    let started = SystemTime::now();
    // Each body file's articles in the index, whose summaries their pages show.
    let mut in_bucket: Vec<Vec<&kiosque_model::ArticleSummary>> =
        vec![Vec::new(); site_file.buckets.min(parts::MAX_BUCKETS) as usize];
    for article in articles {
        if let Some(list) =
            in_bucket.get_mut(parts::bucket_of(&article.id, site_file.buckets) as usize)
        {
            list.push(article);
        }
    }
    let write = |path: PathBuf, html: &str| -> anyhow::Result<()> {
        let put = staging
            .put(&path, html.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        if put == atomic::Put::Kept {
            unchanged.fetch_add(1, Ordering::Relaxed);
        } else {
            files_written.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    };

    // Pages are rendered and written in parallel; the bar counts them, and the warnings of the
    // contract check are printed after it, by file.
    let entities: Vec<&kiosque_model::Entity> = corpus
        .entities()
        .iter()
        .filter(|e| has_own_page(e))
        .collect();
    let progress = progress::bar(
        (articles.len() + entities.len()) as u64,
        "writing",
        "pages",
        quiet,
    );
    let article_pages = (0..site_file.buckets.min(parts::MAX_BUCKETS))
        .into_par_iter()
        .map(|bucket| -> anyhow::Result<BucketPages> {
            let file = parts::bucket_path(bucket, site_file.buckets);
            let text = read(&file).map_err(|source| {
                read_error(
                    &data,
                    ReadError::Read {
                        file: file.clone(),
                        source,
                    },
                )
            })?;
            let key = shared_key.as_deref().map(|shared| {
                kept::page_key(
                    shared,
                    text.as_bytes(),
                    &summaries_key(&in_bucket[bucket as usize]),
                )
            });
            let mut pages = BucketPages::default();
            if let Some(same) = key
                .as_deref()
                .and_then(|k| record.unchanged(bucket, k, dist))
            {
                // Its pages are what rendering them again would write.
                pages
                    .written
                    .extend(same.iter().map(|page| page.id.clone()));
                pages.recorded = same.to_vec();
                pages.key = key;
                unchanged.fetch_add(same.len(), Ordering::Relaxed);
                not_rendered.fetch_add(same.len(), Ordering::Relaxed);
                progress.inc(same.len() as u64);
                return Ok(pages);
            }
            let read = parts::parse_bucket(&file, &text)
                .map_err(|e| read_error(&data, ReadError::<std::io::Error>::Invalid(e)))?;
            drop(text);
            // The corpus the app shows an article page over: its body file's (the contract
            // check's warnings are those of the index, given above).
            let bucket_corpus = Arc::new(Corpus::of_bucket(&site_file, &read).value);
            for entry in read.articles {
                let id = entry.summary.id;
                // The app looks for an article in the file its id names, and only there.
                if parts::bucket_of(&id, site_file.buckets) != bucket || pages.written.contains(&id)
                {
                    continue;
                }
                let (Some(summary), Some(shown)) =
                    (corpus.article(&id), bucket_corpus.article(&id))
                else {
                    continue;
                };
                let checked = validate::body(entry.body, &id, &bucket_corpus);
                let meta = PageMeta {
                    title: format!("{} · {site_name}", isolate(&summary.title)),
                    description: summary.excerpt.clone(),
                    og_type: "article",
                    published: summary.published.clone(),
                    body_file: Some(html::body_file(&file, summary.body_hash.as_deref())),
                    path: Some(format!("article/{id}/")),
                    noindex: false,
                };
                let html = template.render(
                    &meta,
                    &site,
                    &rendering.article(
                        Arc::clone(&bucket_corpus),
                        shown.clone(),
                        Arc::new(checked.value),
                    ),
                );
                let path = kept::page_path(dist, kept::Section::Article, &id);
                let put = staging
                    .put(&path, html.as_bytes())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                progress.inc(1);
                pages.problems.extend(checked.problems);
                if put == atomic::Put::Kept {
                    unchanged.fetch_add(1, Ordering::Relaxed);
                } else {
                    files_written.fetch_add(1, Ordering::Relaxed);
                }
                if let Some(page) =
                    kept::Page::of(dist, kept::Section::Article, &id, html.as_bytes(), started)
                {
                    pages.recorded.push(page);
                }
                pages.written.insert(id);
            }
            if pages.problems.is_empty() {
                // Recorded only when complete, and with nothing to warn of: a run that skips
                // the body file would not repeat the warnings.
                if pages.recorded.len() == pages.written.len() {
                    pages.key = key;
                }
            } else {
                pages.file = Some(data.join(file));
            }
            Ok(pages)
        })
        .collect::<anyhow::Result<Vec<_>>>();
    // An entity page whose inputs and file are as recorded is not rendered again (see
    // `pages::kept`); each is recorded with its key.
    let entities_written = entities
        .par_iter()
        .map(|entity| -> anyhow::Result<Option<(String, kept::Page)>> {
            let id = entity.id.as_str();
            // What the page shows (its listed entities ranked once), for its key and its view.
            let shown = rendering.entity_shown(&corpus, entity);
            // Without a record to keep (`--no-cache`), no key.
            let key = shared_key
                .as_deref()
                .filter(|_| record_path.is_some())
                .map(|shared| {
                    kept::page_key(shared, &rendering.entity_made_of(&corpus, &shown), b"")
                });
            if let Some(page) = key
                .as_deref()
                .and_then(|k| record.entity_unchanged(id, k, dist))
            {
                unchanged.fetch_add(1, Ordering::Relaxed);
                entities_not_rendered.fetch_add(1, Ordering::Relaxed);
                progress.inc(1);
                return Ok(key.map(|k| (k, page.clone())));
            }
            let meta = PageMeta {
                title: format!("{} · {site_name}", isolate(&entity.name)),
                description: language.entity_description(
                    entity.label,
                    entity.articles as usize,
                    site_name,
                ),
                og_type: "website",
                path: Some(format!("entity/{}/", entity.id)),
                ..PageMeta::default()
            };
            let html = template.render(&meta, &site, &rendering.entity(Arc::clone(&corpus), shown));
            write(kept::page_path(dist, kept::Section::Entity, id), &html)?;
            let page = kept::Page::of(dist, kept::Section::Entity, id, html.as_bytes(), started);
            progress.inc(1);
            Ok(key.zip(page))
        })
        .collect::<anyhow::Result<Vec<_>>>();
    progress.finish_and_clear();
    let article_pages = article_pages?;
    for pages in &article_pages {
        if let Some(file) = &pages.file {
            warn_problems(file, &pages.problems);
        }
    }
    let entities_written = entities_written?;
    if let (Some(path), Some(shared)) = (&record_path, &shared_key) {
        let buckets: Vec<(u32, String, Vec<kept::Page>)> = article_pages
            .iter()
            .zip(0u32..)
            .filter_map(|(pages, bucket)| {
                Some((bucket, pages.key.clone()?, pages.recorded.clone()))
            })
            .collect();
        let entity_pages: Vec<(String, kept::Page)> =
            entities_written.into_iter().flatten().collect();
        kept::Record::save(path, shared, &buckets, &entity_pages, started);
        // The records of dists not published for a long time go.
        cache::remove_unused_records(path);
    }
    // An article without a body where the app looks for it is an error, as a page the app
    // cannot show.
    let written: HashSet<&str> = article_pages
        .iter()
        .flat_map(|p| p.written.iter().map(String::as_str))
        .collect();
    if let Some(missing) = articles.iter().find(|a| !written.contains(a.id.as_str())) {
        let file = parts::bucket_path(
            parts::bucket_of(&missing.id, site_file.buckets),
            site_file.buckets,
        );
        anyhow::bail!(
            "{} does not have the body of article {}",
            data.join(file).display(),
            missing.id
        );
    }
    let report = PagesReport {
        articles: articles.len(),
        entities: entities.len(),
        shell_entities: corpus.entities().len() - entities.len(),
        feed: settings.base_url.is_some(),
        removed: 0,
        written: 0,
        unchanged: 0,
        not_rendered: 0,
        entities_not_rendered: 0,
    };
    let home_meta = PageMeta {
        title: site_name.to_owned(),
        description: language.home_description(corpus.articles().len()),
        og_type: "website",
        path: Some(String::new()),
        ..PageMeta::default()
    };
    write(
        dist.join("404.html"),
        &template.render(
            &PageMeta {
                title: format!("{} · {site_name}", language.messages().not_found),
                path: None,
                ..home_meta.clone()
            },
            &site,
            &rendering.not_found(),
        ),
    )?;
    // Every entity without a page of its own is shown by this one page, as `entity/?id=<id>`.
    write(
        dist.join("entity").join("index.html"),
        &template.render(
            &PageMeta {
                title: site_name.to_owned(),
                description: language.entities_description(site_name),
                og_type: "website",
                noindex: true,
                ..PageMeta::default()
            },
            &site,
            &entity_shell(site_name, language),
        ),
    )?;
    // The Try it page (extraction in the reader's browser): a real file, for any static host.
    write(
        dist.join("try").join("index.html"),
        &try_template.render(
            &PageMeta {
                title: format!("{} · {site_name}", language.messages().try_it),
                description: language.messages().try_description.to_owned(),
                og_type: "website",
                path: Some("try/".to_owned()),
                ..PageMeta::default()
            },
            &site,
            &try_shell(language),
        ),
    )?;
    write(
        template_path,
        &template.render(&home_meta, &site, &rendering.home()),
    )?;
    let written_feed = match &settings.base_url {
        Some(base) => {
            let mut urls = vec![base.join("")];
            urls.extend(articles.iter().map(|a| feed::article_url(base, &a.id)));
            urls.extend(
                entities
                    .iter()
                    .map(|e| base.join(&format!("entity/{}/", e.id))),
            );
            let mut files = feed::sitemaps(base, &urls);
            files.push((FEED_FILE.to_owned(), feed::atom(base, site_name, articles)));
            for (name, text) in &files {
                write(dist.join(name), text)?;
            }
            files.into_iter().map(|(name, _)| name).collect()
        }
        None => HashSet::new(),
    };
    remove_stale_feeds(dist, &written_feed)?;
    // Every page loads this version's start script now.
    crate::pages::start::remove_others(dist)
        .with_context(|| format!("cannot remove old start scripts in {}", dist.display()))?;
    let articles: HashSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    // The shell page stays; so do the pages of entities that still have one.
    let mut entities: HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    entities.insert("index.html");
    let removed = remove_stale(&dist.join("article"), &articles)?
        + remove_stale(&dist.join("entity"), &entities)?;
    Ok(PagesReport {
        removed,
        written: files_written.into_inner(),
        unchanged: unchanged.into_inner(),
        not_rendered: not_rendered.into_inner(),
        entities_not_rendered: entities_not_rendered.into_inner(),
        ..report
    })
}

/// The shell page's content, for readers without JavaScript (which entity it shows is in the
/// address's query, read by the app).
pub fn entity_shell(site_name: &str, language: Language) -> String {
    format!(
        "<h1>{}</h1><noscript><p>{}</p></noscript>",
        html::escape(site_name),
        language.messages().entity_needs_script
    )
}

/// The Try it page's content for readers without JavaScript: the extraction runs in the
/// browser.
pub fn try_shell(language: Language) -> String {
    let words = language.messages();
    format!(
        "<h1>{}</h1><noscript><p>{}</p></noscript>",
        words.try_it, words.try_needs_script
    )
}

/// Removes the feed and sitemap files in `dist` that this run did not write (`written`): those
/// of a base URL since unset, or sitemap files of a larger site. Only files that `kiosque pages`
/// wrote (they carry its mark) are removed; others are left, with a warning.
fn remove_stale_feeds(dist: &Path, written: &HashSet<String>) -> anyhow::Result<()> {
    let Ok(entries) = fs::read_dir(dist) else {
        return Ok(());
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dist.display()))?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        if !feed::is_feed_or_sitemap(&name) || written.contains(&name) {
            continue;
        }
        let path = entry.path();
        let ours = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
            && fs::read_to_string(&path).is_ok_and(|text| feed::is_written(&text));
        if ours {
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        } else {
            message::warning(format_args!(
                "{} was not written by kiosque pages: left in place",
                path.display()
            ));
        }
    }
    Ok(())
}

/// The summaries the index gives the articles of one body file, as bytes for its key: what
/// their pages show of them beside the body file.
fn summaries_key(articles: &[&kiosque_model::ArticleSummary]) -> Vec<u8> {
    let mut bytes = Vec::new();
    for a in articles {
        for field in [
            Some(a.id.as_str()),
            Some(a.title.as_str()),
            Some(a.excerpt.as_str()),
            a.published.as_deref(),
            a.body_hash.as_deref(),
        ] {
            match field {
                Some(text) => {
                    bytes.push(1);
                    bytes.extend((text.len() as u64).to_le_bytes());
                    bytes.extend(text.as_bytes());
                }
                None => bytes.push(0),
            }
        }
    }
    bytes
}

/// The article pages written from one body file.
#[derive(Default)]
struct BucketPages {
    /// Their ids.
    written: HashSet<String>,
    /// The body file's key, when its pages can be recorded (see `pages::kept`).
    key: Option<String>,
    /// Each page's id and stamp.
    recorded: Vec<kept::Page>,
    /// What the contract check changed in their bodies, and the file (when it changed something).
    problems: Vec<validate::Problem>,
    file: Option<PathBuf>,
}

/// Warns of what the contract check changed in a data file.
fn warn_problems(path: &Path, problems: &[validate::Problem]) {
    for problem in problems {
        message::warning(format_args!("{}: {problem}", path.display()));
    }
}

/// Removes the pages under `section` (`dist/article` or `dist/entity`) whose id is not in
/// `current`: a retracted article must not stay readable. Only directories that hold nothing
/// but an `index.html` that `kiosque pages` wrote are removed; anything else is left, with a
/// warning. Returns how many pages were removed.
fn remove_stale(section: &Path, current: &HashSet<&str>) -> anyhow::Result<usize> {
    let Ok(entries) = fs::read_dir(section) else {
        return Ok(0);
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", section.display()))?;
        let name = entry.file_name();
        if name.to_str().is_some_and(|id| current.contains(id)) {
            continue;
        }
        let dir = entry.path();
        if !is_written_page(&dir) {
            message::warning(format_args!(
                "{} is not a page of the site data, but kiosque pages did not write it: left in place",
                dir.display()
            ));
            continue;
        }
        let page = dir.join("index.html");
        fs::remove_file(&page).with_context(|| format!("cannot remove {}", page.display()))?;
        fs::remove_dir(&dir).with_context(|| format!("cannot remove {}", dir.display()))?;
        removed += 1;
    }
    Ok(removed)
}

/// Whether `dir` is a page directory `kiosque pages` wrote: a real directory holding only a
/// plain `index.html` that carries the pre-rendered body's marker.
fn is_written_page(dir: &Path) -> bool {
    let is_dir = fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    let only_page = fs::read_dir(dir).is_ok_and(|entries| {
        let names: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        names == ["index.html"]
    });
    let page = dir.join("index.html");
    let is_page = fs::symlink_metadata(&page).is_ok_and(|m| m.is_file())
        && fs::read_to_string(&page).is_ok_and(|html| html.contains(BODY_START));
    is_dir && only_page && is_page
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_summary_counts_what_was_written_rendered_and_removed() {
        let report = PagesReport {
            articles: 10_000,
            entities: 4_681,
            shell_entities: 1,
            feed: true,
            removed: 2,
            written: 16,
            unchanged: 14_667,
            not_rendered: 9_990,
            entities_not_rendered: 4_675,
        };
        assert_eq!(
            report.summary(Path::new("dist"), Duration::from_secs(2)),
            "pages of 10000 articles and 4681 entities (1 entity of one article on entity/?id=), \
             feed.xml and sitemap.xml in dist: 16 files written, 16 pages rendered in 2.00s, 8 \
             pages/s; 14667 files already up to date, left untouched (9990 article pages and 4675 \
             entity pages not rendered again: what they are made of did not change); removed 2 \
             pages of articles and entities no longer in the data"
        );
        let first = PagesReport {
            articles: 1,
            entities: 0,
            written: 2,
            ..report
        };
        let first = PagesReport {
            unchanged: 0,
            removed: 0,
            not_rendered: 0,
            entities_not_rendered: 0,
            feed: false,
            ..first
        };
        assert_eq!(
            first.summary(Path::new("dist"), Duration::from_secs(1)),
            "pages of 1 article and 0 entities (1 entity of one article on entity/?id=) in dist: \
             2 files written, 1 page rendered in 1.00s, 1 pages/s"
        );
    }
}
