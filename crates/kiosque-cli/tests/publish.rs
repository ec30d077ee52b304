//! Publishing a site: the settings of `kiosque.toml`, canonical addresses under a sub-path, the
//! feed and sitemap, and which entities get a page of their own.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{build, command, kiosque, stderr};
use kiosque_cli::pages::settings::{BaseUrl, Settings};
use kiosque_model::index::UncheckedIndex;
use kiosque_model::parts;

/// The app's `index.html` as `trunk build --public-url /kiosque/` writes it.
const INDEX: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kiosque</title><base href=\"/kiosque/\" /></head><body><div id=\"prerender\"></div><script type=\"module\">import init from '/kiosque/app.js'; init();</script></body></html>";

const BASE: &str = "https://news.example.org/kiosque/";

/// A site of `count` articles in `dir/dist`: every article mentions Koursk, the first two Marie
/// Dupont, the third alone Jean Valjean (entities given with the records, so they are exactly
/// these). Returns the dist directory.
fn site(dir: &Path, count: usize) -> PathBuf {
    let records: String = (0..count)
        .map(|i| {
            let (text, ents) = match i {
                0 | 1 => (
                    "Koursk et Marie Dupont.",
                    r#"[{"start": 0, "end": 6, "label": "LOC"}, {"start": 10, "end": 22, "label": "PER"}]"#,
                ),
                2 => (
                    "Koursk et Jean Valjean.",
                    r#"[{"start": 0, "end": 6, "label": "LOC"}, {"start": 10, "end": 22, "label": "PER"}]"#,
                ),
                _ => ("Koursk.", r#"[{"start": 0, "end": 6, "label": "LOC"}]"#),
            };
            format!(
                "{{\"id\": \"a-{i}\", \"title\": \"Koursk & <Ukraine> {i}\", \"published\": \"2025-{:02}-{:02}\", \"lang\": \"fr\", \"text\": \"{text}\", \"ents\": {ents}}}\n",
                i / 28 + 1,
                i % 28 + 1
            )
        })
        .collect();
    let input = dir.join("in.jsonl");
    fs::write(&input, records).expect("write");
    let dist = dir.join("dist");
    let built = build(&[&input], &dist.join("data"));
    assert!(built.status.success(), "{}", stderr(&built));
    fs::write(dist.join("index.html"), INDEX).expect("write");
    dist
}

/// The site's index, as the app reads it.
fn index(dist: &Path) -> UncheckedIndex {
    let data = dist.join("data");
    parts::read_all(|file: &str| fs::read_to_string(data.join(file)))
        .expect("readable site data")
        .0
}

/// `kiosque pages` on `dist` with the settings `toml` (none when `None`), quietly.
fn pages(dist: &Path, toml: Option<&str>) -> std::process::Output {
    let mut args = vec!["pages".to_owned(), "--quiet".to_owned()];
    args.extend(["--dist".to_owned(), dist.display().to_string()]);
    if let Some(toml) = toml {
        let config = dist.with_file_name("kiosque.toml");
        fs::write(&config, toml).expect("write");
        args.extend(["--config".to_owned(), config.display().to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    kiosque(&args)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `content` of `<meta {attribute}="{name}" …>`, or the `href` of `<link rel="{name}" …>`.
fn head_value(html: &str, tag: &str, attribute: &str, name: &str, value: &str) -> Option<String> {
    let head = &html[..html.find("</head>").expect("a head")];
    head.split(&format!("<{tag} "))
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(t, _)| t))
        .find(|t| t.contains(&format!("{attribute}=\"{name}\"")))
        .and_then(|t| {
            let after = t.split_once(&format!("{value}=\""))?.1;
            Some(after.split_once('"')?.0.to_owned())
        })
}

fn canonical(html: &str) -> Option<String> {
    head_value(html, "link", "rel", "canonical", "href")
}

fn og_url(html: &str) -> Option<String> {
    head_value(html, "meta", "property", "og:url", "content")
}

// ---------------------------------------------------------------------------------------------
// A small XML reader: enough to check that the feed and sitemap are well-formed (every tag
// closed in order, attributes quoted, only XML's entities, no stray markup) and to read them.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn all(&self, name: &str) -> Vec<&Element> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    fn child(&self, name: &str) -> &Element {
        self.children
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("<{}> has no <{name}>", self.name))
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Text with its entity references resolved; an error for a bare `&` or `<`, or an unknown
/// entity.
fn unescape(text: &str) -> Result<String, String> {
    if text.contains('<') {
        return Err(format!("a bare < in {text:?}"));
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..]
            .find(';')
            .ok_or_else(|| format!("a bare & in {text:?}"))?;
        let name = &rest[at + 1..at + end];
        out.push(match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = name
                    .strip_prefix("#x")
                    .map(|h| u32::from_str_radix(h, 16))
                    .or_else(|| name.strip_prefix('#').map(str::parse))
                    .ok_or_else(|| format!("unknown entity &{name};"))?
                    .map_err(|_| format!("bad reference &{name};"))?;
                char::from_u32(code).ok_or_else(|| format!("bad reference &{name};"))?
            }
        });
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    if out
        .chars()
        .any(|c| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(format!("a control character in {text:?}"));
    }
    Ok(out)
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.'))
}

/// The root element of `xml`, which must be well-formed.
fn parse_xml(xml: &str) -> Result<Element, String> {
    let mut rest = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        .ok_or("no XML declaration")?;
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        let text_end = rest.find('<').unwrap_or(rest.len());
        let text = unescape(&rest[..text_end])?;
        if stack.len() == 1 && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        stack.last_mut().ok_or("no element")?.text.push_str(&text);
        rest = &rest[text_end..];
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").ok_or("an unclosed comment")?;
            rest = &after[end + 3..];
            continue;
        }
        let end = rest.find('>').ok_or("an unclosed tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let element = stack.pop().ok_or("a close tag without an element")?;
            if element.name != name || stack.is_empty() {
                return Err(format!("</{name}> closes <{}>", element.name));
            }
            stack.last_mut().ok_or("no parent")?.children.push(element);
            continue;
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(tag) => (tag, true),
            None => (tag, false),
        };
        let (name, mut attributes_text) = tag.split_once(' ').unwrap_or((tag, ""));
        if !is_name(name) {
            return Err(format!("a bad element name {name:?}"));
        }
        let mut element = Element {
            name: name.to_owned(),
            ..Element::default()
        };
        loop {
            attributes_text = attributes_text.trim_start();
            if attributes_text.is_empty() {
                break;
            }
            let (attribute, after) = attributes_text
                .split_once("=\"")
                .ok_or_else(|| format!("an unquoted attribute in <{tag}>"))?;
            let (value, after) = after
                .split_once('"')
                .ok_or_else(|| format!("an unclosed attribute in <{tag}>"))?;
            if !is_name(attribute) {
                return Err(format!("a bad attribute name {attribute:?}"));
            }
            element
                .attributes
                .push((attribute.to_owned(), unescape(value)?));
            attributes_text = after;
        }
        if empty {
            stack.last_mut().ok_or("no parent")?.children.push(element);
        } else {
            stack.push(element);
        }
    }
    let mut document = stack.pop().ok_or("no document")?;
    if !stack.is_empty() {
        return Err(format!("<{}> is not closed", document.name));
    }
    if document.children.len() != 1 {
        return Err(format!("{} root elements", document.children.len()));
    }
    document.children.pop().ok_or_else(|| "no root".to_owned())
}

#[test]
fn the_xml_reader_refuses_what_is_not_well_formed() {
    let ok = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!--c-->\n<a x=\"1 &amp; 2\"><b>t &lt; u</b><c/></a>\n";
    let root = parse_xml(ok).expect("well-formed");
    assert_eq!(root.attribute("x"), Some("1 & 2"));
    assert_eq!(root.child("b").text, "t < u");
    for bad in [
        "<a><b></a></b>",
        "<a>x & y</a>",
        "<a x=1></a>",
        "<a>&nbsp;</a>",
        "<a></a><b></b>",
        "<a>\u{1}</a>",
        "<a>",
    ] {
        let xml = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>{bad}");
        assert!(parse_xml(&xml).is_err(), "{bad}");
    }
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

#[test]
fn settings_are_read_and_each_error_names_the_file_line_and_key() {
    let path = Path::new("site/kiosque.toml");
    let settings = Settings::parse(
        "# Our site\n[site]\nname = \"Les Nouvelles\"\nbase_url = \"https://news.example.org/kiosque/\"\nlanguage = \"fr\"\n",
        path,
    )
    .expect("valid settings");
    assert_eq!(settings.name, "Les Nouvelles");
    assert_eq!(
        settings.base_url,
        Some(BaseUrl::new(BASE).expect("a base URL"))
    );
    assert_eq!(settings.language.as_deref(), Some("fr"));
    let empty = Settings::parse("", path).expect("an empty file");
    assert_eq!(
        (empty.name.as_str(), empty.base_url, empty.language),
        ("Kiosque", None, None)
    );

    for (text, expected) in [
        (
            "[site]\nname = \"K\"\ntitle = \"K\"\n",
            "site/kiosque.toml, line 3, key `site.title`: not a setting",
        ),
        (
            "[site]\nbase_url = \"https://news.example.org/kiosque\"\n",
            "site/kiosque.toml, line 2, key `site.base_url`: \"https://news.example.org/kiosque\" does not end in /",
        ),
        (
            "[site]\n\nbase_url = \"/kiosque/\"\n",
            "site/kiosque.toml, line 3, key `site.base_url`: \"/kiosque/\" is not an absolute http(s) address",
        ),
        (
            "[site]\nlanguage = \"french\"\n",
            "site/kiosque.toml, line 2, key `site.language`: \"french\" is not a two-letter language code",
        ),
        (
            "[site]\nname = 3\n",
            "site/kiosque.toml, line 2, key `site.name`: must be a string in quotes, not a integer",
        ),
        (
            "name = \"K\"\n",
            "site/kiosque.toml, line 1, key `name`: not a setting: the settings are in [site]",
        ),
        ("[site]\nname = \"K\n", "site/kiosque.toml, line 2: "),
    ] {
        let error = Settings::parse(text, path).expect_err(text).to_string();
        assert!(error.starts_with(expected), "{text:?}: {error}");
    }
}

#[test]
fn the_command_reads_kiosque_toml_in_the_current_directory_and_names_its_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = site(dir.path(), 3);
    fs::write(
        dir.path().join("kiosque.toml"),
        "[site]\nname = \"Les Nouvelles\"\n",
    )
    .expect("write");
    let run = command()
        .current_dir(dir.path())
        .args(["pages", "--quiet", "--dist", "dist"])
        .output()
        .expect("kiosque runs");
    assert!(run.status.success(), "{}", stderr(&run));
    let home = read(&dist.join("index.html"));
    assert!(home.contains("<meta name=\"application-name\" content=\"Les Nouvelles\">"));
    assert!(home.contains("<meta property=\"og:site_name\" content=\"Les Nouvelles\">"));
    // The corpus is in French: so is the site, unless the settings say otherwise.
    assert!(home.contains("<html lang=\"fr\">"), "{home}");

    fs::write(
        dir.path().join("kiosque.toml"),
        "[site]\nname = \"K\"\nlanguage = \"en\"\nbase_url = \"news.example.org\"\n",
    )
    .expect("write");
    let run = command()
        .current_dir(dir.path())
        .args(["pages", "--dist", "dist"])
        .output()
        .expect("kiosque runs");
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("kiosque.toml, line 4, key `site.base_url`: \"news.example.org\""),
        "{}",
        stderr(&run)
    );
    // A --config that does not exist is an error, not the defaults.
    let run = kiosque(&[
        "pages",
        "--dist",
        &dist.display().to_string(),
        "--config",
        &dir.path().join("nowhere.toml").display().to_string(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("nowhere.toml"), "{}", stderr(&run));
}

#[test]
fn a_base_url_whose_path_is_not_the_sites_base_href_is_refused_naming_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = site(dir.path(), 3);
    let run = pages(
        &dist,
        Some("[site]\nbase_url = \"https://news.example.org/\"\n"),
    );
    assert_eq!(run.status.code(), Some(2));
    let error = stderr(&run);
    assert!(
        error.contains("base_url https://news.example.org/ is published under /")
            && error.contains("has <base href=\"/kiosque/\">")
            && error.contains("trunk build --public-url /"),
        "{error}"
    );
    assert!(!dist.join("feed.xml").exists());
}

// ---------------------------------------------------------------------------------------------
// Canonical addresses, feed, sitemap
// ---------------------------------------------------------------------------------------------

#[test]
fn canonical_addresses_feed_and_sitemap_only_with_a_base_url_and_right_under_a_sub_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = site(dir.path(), 60);
    let index = index(&dist);
    let own: Vec<&str> = index
        .entities
        .iter()
        .filter(|e| e.articles >= 2)
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(own.len(), 2, "Koursk and Marie Dupont: {own:?}");

    // Without a base URL: no canonical address anywhere (never a wrong one), no feed.
    let run = pages(&dist, None);
    assert!(run.status.success(), "{}", stderr(&run));
    let mut every_page = vec![dist.join("index.html"), dist.join("404.html")];
    every_page.push(dist.join("entity/index.html"));
    every_page.extend(
        index
            .articles
            .iter()
            .map(|a| dist.join("article").join(&a.id).join("index.html")),
    );
    every_page.extend(
        own.iter()
            .map(|id| dist.join("entity").join(id).join("index.html")),
    );
    for page in &every_page {
        let html = read(page);
        assert_eq!(canonical(&html), None, "{}", page.display());
        assert_eq!(og_url(&html), None, "{}", page.display());
        assert!(!html.contains("application/atom+xml"), "{}", page.display());
    }
    assert!(!dist.join("feed.xml").exists() && !dist.join("sitemap.xml").exists());

    // With one: each page's own absolute address, under the sub-path.
    let run = pages(
        &dist,
        Some(&format!(
            "[site]\nname = \"Les <Nouvelles>\"\nbase_url = \"{BASE}\"\n"
        )),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let expected = |page: &Path| -> Option<String> {
        let relative = page.strip_prefix(&dist).expect("in dist");
        let relative = relative.to_str().expect("utf-8");
        match relative {
            "404.html" | "entity/index.html" => None,
            _ => Some(format!(
                "{BASE}{}",
                relative.strip_suffix("index.html").expect("a page")
            )),
        }
    };
    for page in &every_page {
        let html = read(page);
        assert_eq!(canonical(&html), expected(page), "{}", page.display());
        assert_eq!(og_url(&html), expected(page), "{}", page.display());
        assert_eq!(
            head_value(&html, "link", "type", "application/atom+xml", "href").as_deref(),
            Some("https://news.example.org/kiosque/feed.xml"),
            "{}",
            page.display()
        );
    }
    assert_eq!(
        canonical(&read(&dist.join("index.html"))).as_deref(),
        Some(BASE)
    );

    // The feed: the 50 newest articles, in the site's order, with their pages' addresses.
    let feed = parse_xml(&read(&dist.join("feed.xml"))).expect("feed.xml is well-formed XML");
    assert_eq!(feed.name, "feed");
    assert_eq!(feed.attribute("xmlns"), Some("http://www.w3.org/2005/Atom"));
    assert_eq!(feed.child("title").text, "Les <Nouvelles>");
    assert_eq!(feed.child("id").text, BASE);
    assert_eq!(feed.child("author").child("name").text, "Les <Nouvelles>");
    let self_link = feed
        .all("link")
        .into_iter()
        .find(|l| l.attribute("rel") == Some("self"))
        .expect("a self link");
    assert_eq!(
        self_link.attribute("href"),
        Some("https://news.example.org/kiosque/feed.xml")
    );
    let entries = feed.all("entry");
    assert_eq!(entries.len(), 50);
    assert_eq!(feed.child("updated").text, entries[0].child("updated").text);
    for (entry, article) in entries.iter().zip(&index.articles) {
        let url = format!("{BASE}article/{}/", article.id);
        assert_eq!(entry.child("id").text, url);
        assert_eq!(entry.child("link").attribute("href"), Some(url.as_str()));
        assert_eq!(entry.child("title").text, article.title);
        assert_eq!(entry.child("summary").text, article.excerpt);
        let date = article.published.as_deref().expect("a date");
        assert_eq!(entry.child("updated").text, format!("{date}T00:00:00Z"));
    }

    // The sitemap: the home page, every article page, every entity page written; not the
    // shell page.
    let sitemap =
        parse_xml(&read(&dist.join("sitemap.xml"))).expect("sitemap.xml is well-formed XML");
    assert_eq!(sitemap.name, "urlset");
    let listed: Vec<String> = sitemap
        .all("url")
        .iter()
        .map(|u| u.child("loc").text.clone())
        .collect();
    let mut expected_urls = vec![BASE.to_owned()];
    expected_urls.extend(
        index
            .articles
            .iter()
            .map(|a| format!("{BASE}article/{}/", a.id)),
    );
    expected_urls.extend(own.iter().map(|id| format!("{BASE}entity/{id}/")));
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(listed), sorted(expected_urls));

    // The base URL unset again: the feed and sitemap go, and so do the canonical addresses.
    let run = pages(&dist, None);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!dist.join("feed.xml").exists() && !dist.join("sitemap.xml").exists());
    assert_eq!(canonical(&read(&dist.join("index.html"))), None);
    // A feed.xml kiosque did not write is left alone.
    fs::write(dist.join("feed.xml"), "<rss/>").expect("write");
    let run = pages(&dist, None);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(read(&dist.join("feed.xml")), "<rss/>");
}

// ---------------------------------------------------------------------------------------------
// Which entities have a page
// ---------------------------------------------------------------------------------------------

#[test]
fn entities_of_two_articles_get_a_page_the_others_the_shell_and_stale_pages_go() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = site(dir.path(), 40);
    let run = pages(&dist, None);
    assert!(run.status.success(), "{}", stderr(&run));
    let index = index(&dist);
    let entity = |name: &str| {
        index
            .entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} is an entity"))
    };
    let (koursk, marie, jean) = (
        entity("Koursk"),
        entity("Marie Dupont"),
        entity("Jean Valjean"),
    );
    let page_of = |id: &str| dist.join("entity").join(id).join("index.html");
    assert!(page_of(&koursk.id).is_file() && page_of(&marie.id).is_file());
    assert!(!dist.join("entity").join(&jean.id).exists());
    assert!(dist.join("entity/index.html").is_file(), "the shell page");

    // Jean Valjean's one article links to the shell page; Marie Dupont's to her page (links
    // under the site's sub-path, as the app writes them).
    let article = read(&dist.join("article/a-2/index.html"));
    assert!(
        article.contains(&format!("href=\"/kiosque/entity/?id={}\"", jean.id)),
        "{article}"
    );
    assert!(!article.contains(&format!("href=\"/kiosque/entity/{}/\"", jean.id)));
    let article = read(&dist.join("article/a-1/index.html"));
    assert!(article.contains(&format!("href=\"/kiosque/entity/{}/\"", marie.id)));
    // Followed without JavaScript, the skip link stays on the page (a bare `#…` would resolve
    // against the `<base href>`: the home page) and leads to its content.
    assert!(
        article.contains("href=\"/kiosque/article/a-1/#content\" class=\"skip-link\""),
        "{article}"
    );
    assert!(article.contains("<main id=\"content\">"), "{article}");

    // Koursk is in 40 articles: its page lists the 10 newest, as the app first shows them,
    // and says how many more, in the site's language (its articles are French).
    let page = read(&page_of(&koursk.id));
    assert_eq!(page.matches("class=\"card\"").count(), 10);
    assert!(
        page.contains(">Afficher 10 de plus (30 pas encore affichés)</button>"),
        "{page}"
    );
    let first = page
        .find("href=\"/kiosque/article/a-39/\"")
        .expect("the newest article");
    assert!(
        page.find("href=\"/kiosque/article/a-30/\"")
            .expect("the 10th newest")
            > first
    );
    assert!(!page.contains("href=\"/kiosque/article/a-29/\""));

    // Article a-1 retracted: Marie Dupont is now in one article; her page goes, the shell
    // stays, a directory kiosque did not write stays.
    fs::create_dir_all(dist.join("entity/notes")).expect("mkdir");
    fs::write(dist.join("entity/notes/todo.txt"), "mine").expect("write");
    let input = dir.path().join("in.jsonl");
    let records: String = read(&input)
        .lines()
        .filter(|l| !l.contains("\"a-1\""))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&input, records).expect("write");
    assert!(build(&[&input], &dist.join("data")).status.success());
    let run = kiosque(&["pages", "--dist", &dist.display().to_string()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        !dist.join("entity").join(&marie.id).exists(),
        "a stale entity page"
    );
    assert!(!dist.join("article/a-1").exists(), "a stale article page");
    assert!(page_of(&koursk.id).is_file());
    assert!(
        dist.join("entity/index.html").is_file(),
        "the shell page stays"
    );
    assert!(dist.join("entity/notes/todo.txt").is_file());
    assert!(
        !stderr(&run).contains("entity/index.html"),
        "the shell page is not taken for a stray file: {}",
        stderr(&run)
    );
}

/// A build into a built app's `data/` says that its pages come from `kiosque pages`, which the
/// build does not run (a new article's page is a 404 until then); a build elsewhere does not.
#[test]
fn a_build_into_a_built_app_says_to_make_its_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dist = site(dir.path(), 3);
    // The day's article added.
    let input = dir.path().join("in.jsonl");
    let mut records = fs::read_to_string(&input).expect("read");
    records.push_str("{\"id\": \"a-new\", \"title\": \"Koursk\", \"published\": \"2025-03-01\", \"text\": \"Koursk.\"}\n");
    fs::write(&input, records).expect("write");
    let again = build(&[&input], &dist.join("data"));
    assert!(again.status.success(), "{}", stderr(&again));
    let said = format!("`kiosque pages --dist {}`", dist.display());
    assert!(stderr(&again).contains(&said), "{}", stderr(&again));
    // No app beside the data (`public/data`, which Trunk copies): nothing to say.
    let public = dir.path().join("public");
    let elsewhere = build(&[&input], &public.join("data"));
    assert!(elsewhere.status.success(), "{}", stderr(&elsewhere));
    assert!(
        !stderr(&elsewhere).contains("kiosque pages"),
        "{}",
        stderr(&elsewhere)
    );
}
