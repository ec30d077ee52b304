//! `kiosque pages`: writes one HTML file per article and entity page into a built site.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use kiosque_model::display::count_noun;
use kiosque_model::index::{Corpus, parse_index};
use kiosque_model::{ArticleBody, SiteIndex};

use crate::pages::html::{PageMeta, Template};
use crate::pages::render;

/// What `pages` produced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PagesReport {
    /// Article pages written.
    pub articles: usize,
    /// Entity pages written.
    pub entities: usize,
}

fn read_index(data: &Path) -> anyhow::Result<SiteIndex> {
    let path = data.join("index.json");
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_index(&text).with_context(|| path.display().to_string())
}

/// Writes `article/<id>/index.html`, `entity/<id>/index.html`, `404.html` and the pre-rendered
/// home page into `dist`, reading the site data from `dist/data`.
pub fn run(dist: &Path, site_name: &str) -> anyhow::Result<PagesReport> {
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
    let corpus = Corpus::new(read_index(&data)?);
    // Ids become directory names: only the documented `[a-z0-9-]` may reach the file system.
    let ids = corpus
        .articles()
        .iter()
        .map(|a| a.id.as_str())
        .chain(corpus.entities().iter().map(|e| e.id.as_str()));
    for id in ids {
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            bail!(
                "{}: id {id:?} is not of [a-z0-9-]; rebuild the data with `kiosque build`",
                data.join("index.json").display()
            );
        }
    }
    let write = |path: PathBuf, html: String| -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        fs::write(&path, html).with_context(|| format!("cannot write {}", path.display()))
    };

    let mut report = PagesReport::default();
    for summary in corpus.articles() {
        let body_path = data.join("articles").join(format!("{}.json", summary.id));
        let text = fs::read_to_string(&body_path)
            .with_context(|| format!("cannot read {}", body_path.display()))?;
        let body: ArticleBody = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a valid article body", body_path.display()))?;
        let meta = PageMeta {
            title: format!("{} · {site_name}", summary.title),
            description: summary.excerpt.clone(),
            og_type: "article",
            published: summary.published.clone(),
            lang: summary.lang.clone(),
        };
        let html = template.render(&meta, site_name, &render::article(summary, &body, &corpus));
        write(
            dist.join("article").join(&summary.id).join("index.html"),
            html,
        )?;
        report.articles += 1;
    }
    for entity in corpus.entities() {
        let meta = PageMeta {
            title: format!("{} · {site_name}", entity.name),
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
        report.entities += 1;
    }
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
    Ok(report)
}
