//! `kiosque pages`: writes one HTML file per article and entity page into a built site, and
//! removes the pages it wrote for articles and entities no longer in the data.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use kiosque_model::display::{count_noun, isolate};
use kiosque_model::parts::{self, ReadError, SITE_FILE};
use kiosque_model::validate;
use rayon::prelude::*;

use crate::pages::html::{BODY_START, PageMeta, Template};
use crate::pages::render;
use crate::{message, output, progress};

/// What `pages` produced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PagesReport {
    /// Article pages written.
    pub articles: usize,
    /// Entity pages written.
    pub entities: usize,
    /// Pages of articles and entities no longer in the data, removed.
    pub removed: usize,
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

/// Writes `article/<id>/index.html`, `entity/<id>/index.html`, `404.html` and the pre-rendered
/// home page into `dist`, reading the site data from `dist/data`; with a progress bar unless
/// `quiet`.
pub fn run(dist: &Path, site_name: &str, quiet: bool) -> anyhow::Result<PagesReport> {
    let template_path = dist.join("index.html");
    let template_html = fs::read_to_string(&template_path).with_context(|| {
        format!(
            "cannot read {} (run `trunk build` first)",
            template_path.display()
        )
    })?;
    let template =
        Template::new(template_html).with_context(|| template_path.display().to_string())?;
    let data = dist.join("data");
    // A build into dist/data that was interrupted is repaired before the data is read.
    output::recover_beside(&data)?;
    // The data contract's check, as the app makes it: what breaks the contract is left out of
    // the pages (ids become directory names: only `[a-z0-9-]` reaches the file system), with a
    // warning.
    // The index first; the body files one at a time on each thread, so that only the bodies
    // being rendered are in memory.
    let read = read_in(&data);
    let (site, index) = parts::read_index(&read).map_err(|e| read_error(&data, e))?;
    let checked = validate::corpus(index);
    warn_problems(&data.join(SITE_FILE), &checked.problems);
    let corpus = checked.value;
    let articles = corpus.articles();
    let write = |path: PathBuf, html: String| -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        fs::write(&path, html).with_context(|| format!("cannot write {}", path.display()))
    };

    // Pages are rendered and written in parallel; the bar counts them, and the warnings of the
    // contract check are printed after it, by file.
    let entities = corpus.entities();
    let progress = progress::bar(
        (articles.len() + entities.len()) as u64,
        "writing",
        "pages",
        quiet,
    );
    let article_pages = (0..site.buckets.min(parts::MAX_BUCKETS))
        .into_par_iter()
        .map(|bucket| -> anyhow::Result<BucketPages> {
            let file = parts::bucket_path(bucket, site.buckets);
            let read =
                parts::read_bucket(&read, &site, bucket).map_err(|e| read_error(&data, e))?;
            let mut pages = BucketPages::default();
            for entry in read.articles {
                let id = entry.summary.id;
                // The app looks for an article in the file its id names, and only there.
                if parts::bucket_of(&id, site.buckets) != bucket || pages.written.contains(&id) {
                    continue;
                }
                let Some(summary) = corpus.article(&id) else {
                    continue;
                };
                let checked = validate::body(entry.body, &id, &corpus);
                let meta = PageMeta {
                    title: format!("{} · {site_name}", isolate(&summary.title)),
                    description: summary.excerpt.clone(),
                    og_type: "article",
                    published: summary.published.clone(),
                    lang: summary.lang.clone(),
                    body_file: Some(render::body_file(&file, summary.body_hash.as_deref())),
                };
                let html = template.render(
                    &meta,
                    site_name,
                    &render::article(summary, &checked.value, &corpus),
                );
                write(dist.join("article").join(&id).join("index.html"), html)?;
                progress.inc(1);
                pages.problems.extend(checked.problems);
                pages.written.insert(id);
            }
            if !pages.problems.is_empty() {
                pages.file = Some(data.join(file));
            }
            Ok(pages)
        })
        .collect::<anyhow::Result<Vec<_>>>();
    let entities_written = entities
        .par_iter()
        .map(|entity| {
            let meta = PageMeta {
                title: format!("{} · {site_name}", isolate(&entity.name)),
                description: format!(
                    "{} mentioned in {} of {site_name}",
                    entity.label.singular(),
                    count_noun(entity.articles as usize, "article", "articles")
                ),
                og_type: "website",
                ..PageMeta::default()
            };
            let html = template.render(&meta, site_name, &render::entity(entity, &corpus));
            write(
                dist.join("entity")
                    .join(entity.id.as_str())
                    .join("index.html"),
                html,
            )?;
            progress.inc(1);
            Ok(())
        })
        .collect::<anyhow::Result<Vec<()>>>();
    progress.finish_and_clear();
    let article_pages = article_pages?;
    for pages in &article_pages {
        if let Some(file) = &pages.file {
            warn_problems(file, &pages.problems);
        }
    }
    entities_written?;
    // An article without a body where the app looks for it is an error, as a page the app
    // cannot show.
    let written: HashSet<&str> = article_pages
        .iter()
        .flat_map(|p| p.written.iter().map(String::as_str))
        .collect();
    if let Some(missing) = articles.iter().find(|a| !written.contains(a.id.as_str())) {
        let file = parts::bucket_path(parts::bucket_of(&missing.id, site.buckets), site.buckets);
        anyhow::bail!(
            "{} does not have the body of article {}",
            data.join(file).display(),
            missing.id
        );
    }
    let report = PagesReport {
        articles: articles.len(),
        entities: entities.len(),
        removed: 0,
    };
    let home_meta = PageMeta {
        title: site_name.to_owned(),
        description: format!(
            "{}, explored through the people, places and organisations in them",
            count_noun(corpus.articles().len(), "article", "articles")
        ),
        og_type: "website",
        ..PageMeta::default()
    };
    write(
        dist.join("404.html"),
        template.render(
            &PageMeta {
                title: format!("Page not found · {site_name}"),
                ..home_meta.clone()
            },
            site_name,
            &render::not_found(),
        ),
    )?;
    write(
        template_path,
        template.render(&home_meta, site_name, &render::home(&corpus, site_name)),
    )?;
    let articles: HashSet<&str> = corpus.articles().iter().map(|a| a.id.as_str()).collect();
    let entities: HashSet<&str> = corpus.entities().iter().map(|e| e.id.as_str()).collect();
    let removed = remove_stale(&dist.join("article"), &articles)?
        + remove_stale(&dist.join("entity"), &entities)?;
    Ok(PagesReport { removed, ..report })
}

/// The article pages written from one body file.
#[derive(Default)]
struct BucketPages {
    /// Their ids.
    written: HashSet<String>,
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
