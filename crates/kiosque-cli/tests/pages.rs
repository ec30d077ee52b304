//! `kiosque pages` on a built site: one real HTML file per deep link.

mod common;

use std::fs;
use std::path::Path;

use common::{build, demo, kiosque, stderr};
use kiosque_model::index::UncheckedIndex;
use kiosque_model::parts::{self, BucketArticle, SiteFile};

const INDEX: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Kiosque</title><base href=\"/\"></head><body><div id=\"prerender\"></div><script type=\"module\">import init from '/app.js'; init();</script></body></html>";

/// The site data in `data`, read with the data contract's reader: `site.json`, the index, and
/// every body file's articles.
fn read_site(data: &Path) -> (SiteFile<String>, UncheckedIndex, Vec<BucketArticle<String>>) {
    let read = |file: &str| fs::read_to_string(data.join(file));
    let site = parts::parse_site(&read(parts::SITE_FILE).expect("site.json")).expect("site");
    let (index, bodies) = parts::read_all(read).expect("readable site data");
    (site, index, bodies)
}

/// The `href` of each `<link>` of `html` that has `attribute`.
fn links_with(html: &str, attribute: &str) -> Vec<String> {
    html.split("<link ")
        .skip(1)
        .filter_map(|tag| tag.split_once('>'))
        .filter(|(tag, _)| tag.contains(&format!(" {attribute}=")))
        .filter_map(|(tag, _)| {
            let after = tag.split_once("href=\"")?.1;
            Some(after.split_once('"')?.0.replace("&amp;", "&"))
        })
        .collect()
}

/// `count` small articles, each with its own id, in `dir`.
fn write_articles(dir: &Path, count: usize) {
    fs::create_dir_all(dir).expect("mkdir");
    for i in 0..count {
        fs::write(
            dir.join(format!("a{i:03}.txt")),
            format!(
                "---\ntitle: Article {i}\nid: article-{i}\ndate: 2025-01-{:02}\n---\nLa Russie et l’Ukraine, jour {i}.\n",
                i % 28 + 1
            ),
        )
        .expect("write");
    }
}

#[test]
fn every_article_gets_a_page_with_preview_metadata_and_entities_of_one_article_the_shell() {
    let dist = tempfile::tempdir().expect("temp dir");
    let data = dist.path().join("data");
    assert!(build(&[&demo()], &data).status.success());
    fs::write(dist.path().join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.path().display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("pages of 1 article and"),
        "{}",
        stderr(&run)
    );
    let quiet = kiosque(&[
        "pages",
        "--quiet",
        "--dist",
        &dist.path().display().to_string(),
    ]);
    assert!(quiet.status.success(), "{}", stderr(&quiet));
    assert_eq!(stderr(&quiet), "", "--quiet prints nothing on success");

    let (_, index, _) = read_site(&data);
    let id = index.articles[0].id.as_str();
    let page = fs::read_to_string(dist.path().join("article").join(id).join("index.html"))
        .expect("article page");
    assert!(page.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(page.contains("<meta property=\"article:published_time\" content=\"2025-01-06\">"));
    assert!(page.contains("Kourakhove"), "the body text is in the page");
    assert!(!page.contains("Xiaomi"), "teasers are not");
    assert!(
        page.contains("<script type=\"module\">"),
        "the app still starts"
    );
    // One article: no entity has a page of its own; each is shown by the shell page, and the
    // article links there.
    for entity in &index.entities {
        let id = entity.id.as_str();
        assert!(!dist.path().join("entity").join(id).exists(), "{id}");
    }
    let mention = &index.entities[0].id;
    assert!(
        page.contains(&format!("href=\"/entity/?id={mention}\"")),
        "the article links {mention} to the shell page (under the site's base path, as the app)"
    );
    let shell = fs::read_to_string(dist.path().join("entity/index.html")).expect("the shell page");
    assert!(shell.contains("<noscript>"), "{shell}");
    assert!(shell.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(dist.path().join("404.html").is_file());
    let home = fs::read_to_string(dist.path().join("index.html")).expect("home");
    assert!(
        home.contains("href=\"/article/"),
        "the home page lists the articles"
    );
}

/// Each facet of the home page, as `(entity, data-prefetch)`.
fn facets_of(home: &str) -> Vec<(String, String)> {
    let attr = |tag: &str, name: &str| {
        let after = tag.split_once(&format!(" {name}=\""))?.1;
        Some(after.split_once('"')?.0.replace("&amp;", "&"))
    };
    home.split("<button ")
        .skip(1)
        .filter_map(|tag| tag.split_once('>').map(|(tag, _)| tag))
        .filter(|tag| tag.contains("class=\"facet\""))
        .filter_map(|tag| Some((attr(tag, "data-entity")?, attr(tag, "data-prefetch")?)))
        .collect()
}

/// A facet pressed on the pre-rendered home page has the app's start script fetch, beside the
/// app, what the view filtered by its entity starts from: its posting file, then the card pages
/// of that view's first eight articles (its newest), each once, none that holds none of them.
#[test]
fn the_home_page_facets_name_their_posting_file_and_the_card_pages_of_their_first_articles() {
    let dist = tempfile::tempdir().expect("temp dir");
    let (inputs, data) = (dist.path().join("in"), dist.path().join("data"));
    fs::create_dir_all(&inputs).expect("mkdir");
    // 120 articles, one a day; Berlin in one of three, Paris in one of seven: their newest eight
    // are spread over several card pages (16 articles each).
    for i in 0..120 {
        let place = match (i % 3, i % 7) {
            // A place of a single article, listed in the sidebar (there are few places).
            _ if i == 5 => "à Lyon",
            (0, 0) => "à Berlin et à Paris",
            (0, _) => "à Berlin",
            (_, 0) => "à Paris",
            _ => "en Europe",
        };
        fs::write(
            inputs.join(format!("a{i:03}.txt")),
            format!(
                "---\ntitle: Réunion {i}\nid: article-{i}\ndate: {}\n---\nLes ministres de la Russie se sont réunis {place}, jour {i}.\n",
                day_of_2025(i)
            ),
        )
        .expect("write");
    }
    assert!(build(&[&inputs], &data).status.success());
    fs::write(dist.path().join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.path().display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));

    let (site, index, _) = read_site(&data);
    assert!(site.cards.len() > 4, "several card pages: {:?}", site.cards);
    // Each card page's articles, by page file.
    let pages: Vec<(String, Vec<String>)> = (site.cards.iter())
        .map(|file| {
            let text = fs::read_to_string(data.join(file)).expect("card page");
            let page = parts::parse_cards(file, &text).expect("card page read");
            (
                file.clone(),
                page.articles.into_iter().map(|a| a.id).collect(),
            )
        })
        .collect();
    let home = fs::read_to_string(dist.path().join("index.html")).expect("home");
    let facets = facets_of(&home);
    assert!(!facets.is_empty(), "the home page has facets");
    let (mut spread, mut singles) = (0, 0);
    for (entity, prefetch) in &facets {
        let urls: Vec<&str> = prefetch.split(' ').collect();
        // The entity's eight newest articles (the index lists the newest first).
        let newest: Vec<&str> = (index.articles.iter())
            .filter(|a| a.entities.contains(entity))
            .take(8)
            .map(|a| a.id.as_str())
            .collect();
        assert!(!newest.is_empty(), "{entity} lists articles");
        let mut wanted: Vec<String> = (pages.iter())
            .filter(|(_, ids)| ids.iter().any(|a| newest.contains(&a.as_str())))
            .map(|(file, _)| format!("/data/{file}"))
            .collect();
        wanted.sort();
        // The posting file first; for an entity of a single article, its file of
        // single-article entities instead (its posting file does not list it: schema 2.10, and
        // the app reads that file first), and no other names one.
        assert!(urls[0].contains(".json?v="), "{entity}: {prefetch}");
        if newest.len() == 1 {
            assert!(
                urls[0].starts_with("/data/singles/"),
                "{entity} is of a single article: {prefetch}"
            );
            singles += 1;
        } else {
            assert!(
                urls[0].starts_with("/data/postings/"),
                "{entity}: the posting file first: {prefetch}"
            );
        }
        assert!(
            !urls[1..]
                .iter()
                .any(|u| u.starts_with("/data/singles/") || u.starts_with("/data/postings/")),
            "{entity}: one file of its articles: {prefetch}"
        );
        let rest = &urls[1..];
        let mut named: Vec<String> = rest.iter().map(|u| u.to_string()).collect();
        named.sort();
        assert_eq!(named, wanted, "{entity}'s first card pages: {prefetch}");
        if named.len() > 1 {
            spread += 1;
        }
    }
    assert!(
        spread > 0,
        "no facet's first articles span two card pages: {facets:?}"
    );
    assert!(singles > 0, "no facet of a single article: {facets:?}");
}

/// The date of the `i`-th of a run of articles published a day apart from 1 January 2025.
fn day_of_2025(i: usize) -> String {
    const DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (mut month, mut day) = (0, i);
    while day >= DAYS[month] {
        day -= DAYS[month];
        month += 1;
    }
    format!("2025-{:02}-{:02}", month + 1, day + 1)
}

#[test]
fn a_site_without_data_is_a_clear_error() {
    let dist = tempfile::tempdir().expect("temp dir");
    fs::write(dist.path().join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.path().display().to_string()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("data/site.json"), "{}", stderr(&run));
}

#[test]
fn an_article_page_preloads_the_body_file_that_holds_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    // Enough articles for several body files.
    write_articles(&input, 80);
    let dist = dir.path().join("dist");
    let data = dist.join("data");
    assert!(build(&[&input], &data).status.success());
    fs::write(dist.join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));

    let (site, index, _) = read_site(&data);
    assert!(site.buckets > 1, "{} body files", site.buckets);
    let mut files_named = std::collections::HashSet::new();
    for summary in &index.articles {
        let page = fs::read_to_string(dist.join("article").join(&summary.id).join("index.html"))
            .expect("article page");
        let hrefs = links_with(&page, "data-kiosque-body");
        assert_eq!(hrefs.len(), 1, "{}: {hrefs:?}", summary.id);
        let href = &hrefs[0];
        let head = &page[..page.find("</head>").expect("a head")];
        let preload = head
            .find("data-kiosque-body")
            .expect("the preload is in the head");
        assert!(
            head.find("<base href=").is_some_and(|base| base < preload),
            "the preload follows <base href>, so its relative address is the app's"
        );
        for attribute in [
            "rel=\"preload\"",
            "as=\"fetch\"",
            "crossorigin=\"anonymous\"",
        ] {
            assert!(head.contains(attribute), "{attribute}");
        }
        // The address the app fetches: its fingerprint, and the file that holds the article.
        let hash = summary.body_hash.as_deref().expect("a body hash");
        let (file, query) = href
            .strip_prefix("data/")
            .and_then(|h| h.split_once('?'))
            .expect("data/<file>?v=<hash>");
        assert_eq!(query, format!("v={hash}"));
        let text = fs::read_to_string(data.join(file)).expect("the preloaded file exists");
        let bucket = parts::parse_bucket(file, &text).expect("a body file");
        let entry = bucket
            .articles
            .iter()
            .find(|a| a.summary.id == summary.id)
            .unwrap_or_else(|| panic!("{file} does not hold {}", summary.id));
        assert_eq!(entry.summary.body_hash.as_deref(), Some(hash));
        assert_eq!(entry.body.id, summary.id);
        files_named.insert(file.to_owned());
        // The page's policy lets the app's own origin be fetched.
        assert!(page.contains("connect-src 'self'"));
    }
    assert!(files_named.len() > 1, "{files_named:?}");
    for other in [dist.join("index.html"), dist.join("404.html")] {
        let html = fs::read_to_string(&other).expect("page");
        assert!(
            links_with(&html, "data-kiosque-body").is_empty(),
            "{}",
            other.display()
        );
        assert!(!html.contains("rel=\"preload\""), "{}", other.display());
    }
    // Run again on its own pages: still one preload per page.
    let again = kiosque(&["pages", "--quiet", "--dist", &dist.display().to_string()]);
    assert!(again.status.success(), "{}", stderr(&again));
    let id = &index.articles[0].id;
    let page = fs::read_to_string(dist.join("article").join(id).join("index.html")).expect("page");
    assert_eq!(links_with(&page, "data-kiosque-body").len(), 1);
}

#[test]
fn damaged_or_missing_body_files_are_errors_that_name_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    write_articles(&input, 80);
    let dist = dir.path().join("dist");
    let data = dist.join("data");
    assert!(build(&[&input], &data).status.success());
    fs::write(dist.join("index.html"), INDEX).expect("write");
    let (site, index, _) = read_site(&data);
    let id = &index.articles[0].id;
    let file = parts::bucket_path(parts::bucket_of(id, site.buckets), site.buckets);
    let pages = || kiosque(&["pages", "--dist", &dist.display().to_string()]);

    // The article's entry moved to another body file, where the app does not look for it.
    let text = fs::read_to_string(data.join(&file)).expect("body file");
    let mut bucket: serde_json::Value = serde_json::from_str(&text).expect("json");
    let articles = bucket["articles"].as_array_mut().expect("articles");
    let at = articles
        .iter()
        .position(|a| a["summary"]["id"] == id.as_str())
        .expect("the article is in its file");
    let entry = articles.remove(at);
    fs::write(data.join(&file), bucket.to_string()).expect("write");
    let other = parts::bucket_path(
        (parts::bucket_of(id, site.buckets) + 1) % site.buckets,
        site.buckets,
    );
    let mut elsewhere: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(data.join(&other)).expect("another body file"))
            .expect("json");
    elsewhere["articles"]
        .as_array_mut()
        .expect("articles")
        .push(entry);
    fs::write(data.join(&other), elsewhere.to_string()).expect("write");
    let run = pages();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!("{file} does not have the body of article {id}")),
        "{}",
        stderr(&run)
    );
    assert!(!dist.join("article").join(id).exists());

    // The file cut short.
    fs::write(data.join(&file), &text[..text.len() / 2]).expect("write");
    let run = pages();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains(&file), "{}", stderr(&run));

    // The file gone.
    fs::remove_file(data.join(&file)).expect("remove");
    let run = pages();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!("cannot read {}", data.join(&file).display())),
        "{}",
        stderr(&run)
    );
}

#[test]
fn site_data_of_version_1_is_named_as_such() {
    let dist = tempfile::tempdir().expect("temp dir");
    let data = dist.path().join("data");
    fs::create_dir_all(data.join("articles")).expect("mkdir");
    fs::write(
        data.join("index.json"),
        r#"{"schema_version": "1.2", "articles": [], "entities": []}"#,
    )
    .expect("write");
    fs::write(dist.path().join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.path().display().to_string()]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("site data of version 1"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn addresses_from_the_data_never_become_script_links() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    fs::create_dir(&input).expect("mkdir");
    fs::write(
        input.join("a.txt"),
        "---\ntitle: Piège\nurl: javascript:alert(1)\n---\nLa Russie et l’Ukraine.\n",
    )
    .expect("write");
    let dist = dir.path().join("dist");
    assert!(build(&[&input], &dist.join("data")).status.success());
    fs::write(dist.join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = fs::read_to_string(dist.join("article/piege/index.html")).expect("page");
    assert!(
        !page.contains("javascript:"),
        "a javascript: URL reached the page"
    );
}

#[test]
fn a_title_with_a_bidi_override_cannot_reverse_the_site_name_in_the_tab() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("in");
    fs::create_dir(&input).expect("mkdir");
    fs::write(
        input.join("a.txt"),
        "---\ntitle: \"Piège \u{202E}inversé\"\n---\nLa Russie et l’Ukraine.\n",
    )
    .expect("write");
    let dist = dir.path().join("dist");
    assert!(build(&[&input], &dist.join("data")).status.success());
    fs::write(dist.join("index.html"), INDEX).expect("write");
    let run = kiosque(&["pages", "--dist", &dist.display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = fs::read_to_string(dist.join("article/piege-inverse/index.html")).expect("page");
    assert!(
        page.contains("<title>\u{2068}Piège \u{202E}inversé\u{2069} · Kiosque</title>"),
        "the title is not isolated from the site name: {}",
        page.lines()
            .find(|l| l.contains("<title>"))
            .unwrap_or_default()
    );
}

/// Each file under `dir` with its inode and modification time.
#[cfg(unix)]
fn stamps(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, (u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    common::tree(dir)
        .into_keys()
        .map(|path| {
            let meta = fs::metadata(dir.join(&path)).expect("stat");
            (path, (meta.ino(), meta.mtime(), meta.mtime_nsec()))
        })
        .collect()
}

/// A built site at `dist`: the site data of `inputs` and the app's `index.html`, `app`.
#[cfg(unix)]
fn built_site(dist: &Path, inputs: &Path, app: &str) {
    fs::create_dir_all(dist).expect("mkdir");
    fs::write(dist.join("index.html"), app).expect("write");
    assert!(build(&[inputs], &dist.join("data")).status.success());
}

/// Six articles in `dir/in`, built into `dir/dist` with the app [`INDEX`]: (inputs, dist).
#[cfg(unix)]
fn six_articles(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (inputs, dist) = (dir.join("in"), dir.join("dist"));
    write_articles(&inputs, 6);
    built_site(&dist, &inputs, INDEX);
    (inputs, dist)
}

/// The files `kiosque pages` writes into `dist` (all but the site data), with their bytes.
#[cfg(unix)]
fn pages_of(dist: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    common::tree(dist)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("data"))
        .collect()
}

/// Checks that `dist` holds the pages `kiosque pages` writes into a clean site built at
/// `clean` from the same `inputs` and `app`.
#[cfg(unix)]
fn equals_a_clean_run(dist: &Path, clean: &Path, inputs: &Path, app: &str) {
    built_site(clean, inputs, app);
    let run = kiosque(&["pages", "--dist", &clean.display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(pages_of(dist), pages_of(clean));
}

#[cfg(unix)]
#[test]
fn running_again_touches_only_the_pages_that_changed_and_equals_a_clean_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (inputs, dist) = six_articles(dir.path());
    let dist_arg = dist.display().to_string();
    let first = kiosque(&["pages", "--dist", &dist_arg]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        !stderr(&first).contains("up to date"),
        "the first run writes every page: {}",
        stderr(&first)
    );
    let pages = |stamps: &std::collections::BTreeMap<std::path::PathBuf, _>| {
        stamps
            .keys()
            .filter(|p| !p.starts_with("data"))
            .cloned()
            .collect::<Vec<_>>()
    };
    let before = stamps(&dist);
    assert!(pages(&before).len() > 6, "{:?}", pages(&before));

    // Nothing changed: every page is left as it was, its inode and time with it, and the
    // article pages are not even rendered (the pages just written are checked by their bytes,
    // then, once settled, by their stamps).
    for _ in 0..2 {
        let again = kiosque(&["pages", "--dist", &dist_arg]);
        assert!(again.status.success(), "{}", stderr(&again));
        assert!(
            stderr(&again).contains(": 0 files written, 0 pages rendered in ")
                && stderr(&again).contains(&format!(
                    " pages/s; {} files already up to date, left untouched (6 article pages and 2 entity pages not rendered again",
                    pages(&before).len()
                )),
            "{}",
            stderr(&again)
        );
        assert_eq!(stamps(&dist), before, "no page was written again");
        common::settle();
    }

    // One more article, and another one's text changed: their pages are new or replaced, so
    // are the pages they change (new inodes), the others keep theirs; the site is the one a
    // clean run writes from the same data.
    let files_before = common::tree(&dist);
    fs::write(
        inputs.join("new.txt"),
        "---\ntitle: Un nouvel article\nid: article-new\ndate: 2025-02-01\n---\nLa Russie, encore.\n",
    )
    .expect("write");
    fs::write(
        inputs.join("a002.txt"),
        "---\ntitle: Article 2\nid: article-2\ndate: 2025-01-03\n---\nLa France et l’Ukraine, jour 2, revu.\n",
    )
    .expect("write");
    assert!(build(&[&inputs], &dist.join("data")).status.success());
    let third = kiosque(&["pages", "--dist", &dist_arg]);
    assert!(third.status.success(), "{}", stderr(&third));
    let after = stamps(&dist);
    let files_after = common::tree(&dist);
    assert!(files_after.contains_key(Path::new("article/article-new/index.html")));
    let changed = &files_after[Path::new("article/article-2/index.html")];
    assert!(
        String::from_utf8_lossy(changed).contains("revu"),
        "the changed article's page shows its new text"
    );
    let (mut kept, mut replaced) = (0, 0);
    for page in pages(&before) {
        let Some(stamp) = after.get(&page) else {
            continue;
        };
        if files_before[&page] == files_after[&page] {
            assert_eq!(
                &before[&page],
                stamp,
                "{} is unchanged but was written",
                page.display()
            );
            kept += 1;
        } else {
            assert_ne!(
                before[&page].0,
                stamp.0,
                "{} was not replaced",
                page.display()
            );
            replaced += 1;
        }
    }
    assert!(kept > 0 && replaced > 0, "kept {kept}, replaced {replaced}");
    assert!(
        stderr(&third).contains(&format!("{kept} files already up to date")),
        "{}",
        stderr(&third)
    );
    equals_a_clean_run(&dist, &dir.path().join("clean"), &inputs, INDEX);

    // A page removed from the dist is written again, whatever the record says; a new app
    // (`index.html`) renders every page again.
    common::settle();
    assert!(kiosque(&["pages", "--dist", &dist_arg]).status.success());
    let page = dist.join("article/article-3/index.html");
    fs::remove_file(&page).expect("remove");
    let run = kiosque(&["pages", "--dist", &dist_arg]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(page.is_file(), "{}", stderr(&run));
    let home = fs::read_to_string(dist.join("index.html")).expect("home");
    fs::write(
        dist.join("index.html"),
        home.replace("/app.js", "/app-2.js"),
    )
    .expect("write");
    let run = kiosque(&["pages", "--dist", &dist_arg]);
    assert!(run.status.success(), "{}", stderr(&run));
    for (path, bytes) in common::tree(&dist.join("article")) {
        assert!(
            String::from_utf8_lossy(&bytes).contains("/app-2.js"),
            "{} has the new app",
            path.display()
        );
    }
}

/// What lets `kiosque pages` skip an unchanged body file (`pages::kept`): an article page does
/// not depend on the site's totals nor on the search index's name, which change with every
/// article added. Rendered twice under other ones, it is the same page.
#[test]
fn an_article_page_is_the_same_under_other_totals_and_another_search_index() {
    use kiosque_app::render::Rendering;
    use kiosque_model::index::Corpus;
    use std::sync::Arc;

    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    assert!(build(&[&demo()], &data).status.success());
    let read = |file: &str| fs::read_to_string(data.join(file));
    let (site, _) = parts::read_index(read).expect("site data");
    let render = |site: &SiteFile<String>| {
        let rendering = Rendering::new("/", "Kiosque", Arc::new(Corpus::first_screen(site).value));
        (0..site.buckets)
            .flat_map(|bucket| {
                let bucket = parts::read_bucket(read, site, bucket).expect("body file");
                let corpus = Arc::new(Corpus::of_bucket(site, &bucket).value);
                bucket
                    .articles
                    .into_iter()
                    .map(|entry| {
                        let shown = corpus.article(&entry.summary.id).expect("shown").clone();
                        let body = kiosque_model::validate::body(entry.body, &shown.id, &corpus);
                        rendering.article(Arc::clone(&corpus), shown, Arc::new(body.value))
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let pages = render(&site);
    assert!(!pages.is_empty() && pages[0].contains("Kourakhove"));
    let mut other = site.clone();
    other.articles += 1_000;
    other.labels = other.labels.map(|n| n * 3 + 7);
    other.search = Some("search/0123456789abcdef.json".to_owned());
    assert_eq!(render(&other), pages);
    other.search = None;
    assert_eq!(render(&other), pages, "nor on whether there is one");
}

/// A run killed while it replaces a page leaves the new page in a hidden staging directory of
/// `dist` and every page under its name whole (old or new); the next run removes that directory
/// and writes the site a clean run writes.
#[cfg(unix)]
#[test]
fn a_run_killed_while_replacing_a_page_leaves_nothing_once_run_again() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    let dir = tempfile::tempdir().expect("temp dir");
    let (inputs, dist) = six_articles(dir.path());
    let dist_arg = dist.display().to_string();
    assert!(kiosque(&["pages", "--dist", &dist_arg]).status.success());

    // An article changed: its page is replaced, and the run is killed while it replaces it.
    fs::write(
        inputs.join("a002.txt"),
        "---\ntitle: Article 2\nid: article-2\ndate: 2025-01-03\n---\nLa France, revu.\n",
    )
    .expect("write");
    assert!(build(&[&inputs], &dist.join("data")).status.success());
    let mut child = common::command()
        .args(["pages", "--dist", &dist_arg])
        .env("KIOSQUE_TEST_PAUSE_AT", "replace")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kiosque starts");
    let stderr_lines = BufReader::new(child.stderr.take().expect("piped"));
    let mut said = Vec::new();
    for line in stderr_lines.lines().map_while(Result::ok) {
        if line == "kiosque: paused at replace" {
            break;
        }
        said.push(line);
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let staged: Vec<_> = common::tree(&dist)
        .into_iter()
        .filter(|(p, _)| {
            p.components().next().is_some_and(|c| {
                kiosque_cli::atomic::is_staging(c.as_os_str())
                    && c.as_os_str()
                        .to_string_lossy()
                        .starts_with(&format!(".kiosque-staging.{}-", child.id()))
            })
        })
        .collect();
    assert!(
        staged
            .iter()
            .any(|(_, bytes)| String::from_utf8_lossy(bytes).contains("revu")),
        "the page being replaced is staged: {said:?}"
    );
    for (path, bytes) in pages_of(&dist) {
        if !path
            .components()
            .next()
            .is_some_and(|c| kiosque_cli::atomic::is_staging(c.as_os_str()))
        {
            assert!(bytes.ends_with(b"</html>"), "{} is whole", path.display());
        }
    }

    let run = kiosque(&["pages", "--dist", &dist_arg]);
    assert!(run.status.success(), "{}", stderr(&run));
    let staging_dirs = fs::read_dir(&dist)
        .expect("list")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| kiosque_cli::atomic::is_staging(&e.file_name()))
        })
        .count();
    assert_eq!(
        staging_dirs, 0,
        "no staging directory is left, the run's own nor the killed one's"
    );
    equals_a_clean_run(&dist, &dir.path().join("clean"), &inputs, INDEX);
}

/// An entity page is rendered again only when what it shows changes: not for an article that
/// does not mention it, but for a new title among its first cards, or a date of its timeline
/// beyond them; each time the pages are those of a clean run.
#[cfg(unix)]
#[test]
fn an_entity_page_is_rendered_again_only_when_what_it_shows_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (inputs, dist) = (dir.path().join("in"), dir.path().join("dist"));
    // Twelve articles of Russia and Ukraine: the first ten cards of their pages are the
    // newest ten, from 12 down to 3 January.
    write_articles(&inputs, 12);
    built_site(&dist, &inputs, INDEX);
    let dist_arg = dist.display().to_string();
    let pages = || {
        let run = kiosque(&["pages", "--dist", &dist_arg]);
        assert!(run.status.success(), "{}", stderr(&run));
        stderr(&run)
    };
    pages();
    common::settle();
    let russia = dist.join("entity/loc-russia/index.html");
    assert!(russia.is_file(), "{:?}", common::tree(&dist).keys());
    // Each step: what changes, the input file and its new text, and how many entity pages are
    // not rendered again.
    let steps: [(&str, &str, &str, usize); 3] = [
        (
            "an article on other places",
            "other.txt",
            "---\ntitle: Ailleurs\nid: article-other\ndate: 2024-03-01\n---\nL’Allemagne et l’Espagne.\n",
            2,
        ),
        (
            "a new title among the first cards",
            "a005.txt",
            "---\ntitle: Article 5, nouveau titre\nid: article-5\ndate: 2025-01-06\n---\nLa Russie et l’Ukraine, jour 5.\n",
            0,
        ),
        (
            "another date beyond the first cards",
            "a000.txt",
            "---\ntitle: Article 0\nid: article-0\ndate: 2024-06-01\n---\nLa Russie et l’Ukraine, jour 0.\n",
            0,
        ),
    ];
    for (step, (what, file, text, kept)) in steps.into_iter().enumerate() {
        fs::write(inputs.join(file), text).expect("write");
        assert!(build(&[&inputs], &dist.join("data")).status.success());
        let run = pages();
        let said = match kept {
            1 => "and 1 entity page not rendered again".to_owned(),
            n => format!("and {n} entity pages not rendered again"),
        };
        assert!(
            run.contains(&said) || (kept == 0 && !run.contains("not rendered again")),
            "{what}: {run}"
        );
        equals_a_clean_run(
            &dist,
            &dir.path().join(format!("clean{step}")),
            &inputs,
            INDEX,
        );
        common::settle();
    }
    let page = fs::read_to_string(&russia).expect("page");
    assert!(
        page.contains("nouveau titre"),
        "the new title is on the entity page"
    );
}

/// The settings every page shows (the site's name, language and base URL) are part of what
/// the record keys: changing any of them renders every page again, as a clean run would, and
/// `--no-cache` renders them all whatever the record.
#[cfg(unix)]
#[test]
fn other_settings_render_every_page_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let inputs = dir.path().join("in");
    write_articles(&inputs, 4);
    let site = |name: &str, config: &str| {
        let dist = dir.path().join(name);
        built_site(&dist, &inputs, INDEX);
        let file = dir.path().join(format!("{name}.toml"));
        fs::write(&file, config).expect("write");
        (dist, file)
    };
    let pages = |dist: &Path, config: &Path| {
        let run = kiosque(&[
            "pages",
            "--dist",
            &dist.display().to_string(),
            "--config",
            &config.display().to_string(),
        ]);
        assert!(run.status.success(), "{}", stderr(&run));
        stderr(&run)
    };
    let (dist, config) = site("dist", "[site]\nname = \"Kiosque\"\n");
    pages(&dist, &config);
    common::settle();
    assert!(
        pages(&dist, &config).contains("4 article pages and 2 entity pages not rendered again")
    );
    for (step, settings) in [
        "[site]\nname = \"Le Fil du jour\"\n",
        "[site]\nname = \"Le Fil du jour\"\nlanguage = \"en\"\n",
        "[site]\nname = \"Le Fil du jour\"\nlanguage = \"en\"\nbase_url = \"https://news.example.org/\"\n",
    ]
    .into_iter()
    .enumerate()
    {
        fs::write(&config, settings).expect("write");
        let said = pages(&dist, &config);
        assert!(!said.contains("not rendered again"), "{step}: {said}");
        let (clean, clean_config) = site(&format!("clean{step}"), settings);
        pages(&clean, &clean_config);
        assert_eq!(pages_of(&dist), pages_of(&clean), "{step}");
        common::settle();
    }
    let run = kiosque(&[
        "pages",
        "--dist",
        &dist.display().to_string(),
        "--config",
        &config.display().to_string(),
        "--no-cache",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("already up to date, left untouched")
            && !stderr(&run).contains("not rendered again"),
        "{}",
        stderr(&run)
    );
}

/// Trunk's post-build hook (`scripts/pages-hook`) renders a release build of a site of 1,000
/// articles or more (or `KIOSQUE_PAGES_RELEASE_FROM`) with the optimised CLI, and the demo or a
/// debug build with the debug CLI (the hook's `cargo` is replaced here by one that says what it
/// was asked).
#[cfg(unix)]
#[test]
fn the_trunk_hook_renders_a_release_build_of_an_archive_with_the_optimised_cli() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("bin");
    fs::create_dir_all(&bin).expect("mkdir");
    fs::write(bin.join("cargo"), "#!/bin/sh\necho \"$@\"\n").expect("write");
    fs::set_permissions(bin.join("cargo"), fs::Permissions::from_mode(0o755)).expect("chmod");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (_, built) = six_articles(dir.path());
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).expect("mkdir");
    let hook = |profile: &str, staging: &Path, from: Option<&str>| {
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut command = std::process::Command::new("sh");
        command
            .arg("scripts/pages-hook")
            .current_dir(&root)
            .env("PATH", path)
            .env("TRUNK_PROFILE", profile)
            .env("TRUNK_STAGING_DIR", staging)
            .env_remove("KIOSQUE_PAGES_RELEASE_FROM");
        if let Some(from) = from {
            command.env("KIOSQUE_PAGES_RELEASE_FROM", from);
        }
        let out = command.output().expect("the hook runs");
        assert!(out.status.success(), "{}", stderr(&out));
        (
            String::from_utf8_lossy(&out.stdout).trim().to_owned(),
            stderr(&out),
        )
    };
    let release = "run --quiet --release -p kiosque-cli -- pages";
    let debug = "run --quiet -p kiosque-cli -- pages";
    assert_eq!(hook("release", &built, None).0, debug, "6 articles");
    assert_eq!(hook("release", &built, Some("6")).0, release);
    assert_eq!(hook("release", &built, Some("7")).0, debug);
    assert_eq!(hook("debug", &built, Some("6")).0, debug, "trunk serve");
    assert_eq!(hook("release", &empty, Some("0")).0, release, "no data");
    let (said, warned) = hook("release", &built, Some("lots"));
    assert_eq!(said, debug);
    assert!(
        warned.contains("KIOSQUE_PAGES_RELEASE_FROM=lots"),
        "{warned}"
    );
}
