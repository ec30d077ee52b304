//! Minimal HTML writing: escaping, and filling the app's `index.html` template.

/// Escapes text for an HTML text node or a double-quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The element the pre-rendered page goes into; the app removes it when it starts.
pub const PRERENDER_SLOT: &str = "<div id=\"prerender\"></div>";

/// Why the template cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A part the pages need is missing from `index.html`.
    #[error("index.html has no {0}; is it the Kiosque app's index.html?")]
    Missing(&'static str),
}

/// The app's built `index.html`, checked to have the parts pages fill in.
#[derive(Debug, Clone)]
pub struct Template {
    html: String,
}

const CSP_START: &str = "<!--kiosque:csp-->";
const CSP_END: &str = "<!--/kiosque:csp-->";
const WORKER_START: &str = "<!--kiosque:worker-->";
const WORKER_END: &str = "<!--/kiosque:worker-->";
/// The `<meta>` naming the Try it worker's loader (see [`Template::with_worker`]); the app reads
/// it (`src/routes/try_it.rs`).
pub const WORKER_META: &str = "kiosque-worker";

/// The Content-Security-Policy for a page whose inline scripts are `scripts`: only the page's
/// own origin, WebAssembly compilation, and those exact inline scripts (Trunk's loader), by hash;
/// workers (the Try it page's extraction) only from the site's own files, never from a `blob:`
/// or `data:` address.
pub fn content_security_policy(scripts: &[&str]) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let hashes: String = scripts
        .iter()
        .map(|s| {
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// The bodies of the inline `<script>` elements (those without `src`).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let Some(tag_end) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open..open + tag_end];
        let body_start = open + tag_end + 1;
        let Some(close) = rest[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(&rest[body_start..body_start + close]);
        }
        rest = &rest[body_start + close..];
    }
    out
}

/// What one page says about itself.
#[derive(Debug, Clone, Default)]
pub struct PageMeta {
    /// The document title.
    pub title: String,
    /// A one-sentence description for link previews and search engines.
    pub description: String,
    /// `website` or `article`.
    pub og_type: &'static str,
    /// The publication date, for articles.
    pub published: Option<String>,
    /// An article's body file, relative to the page's `<base href>`: preloaded, so that the
    /// browser fetches it beside the app, and marked `data-kiosque-body` for the app to fetch
    /// the same address.
    pub body_file: Option<String>,
    /// The page's address relative to the site's home (`article/<id>/`, `` for the home page):
    /// with the site's base URL, its canonical address. `None` for pages that stand for many
    /// addresses (the entity shell, 404), which have no canonical address.
    pub path: Option<String>,
    /// Asks search engines not to index the page (the entity shell: its content comes from the
    /// query).
    pub noindex: bool,
}

/// What every page says about the site: from the publishing settings.
#[derive(Debug, Clone)]
pub struct SiteHead {
    /// The site's name (`og:site_name`, `application-name`, which the app reads).
    pub name: String,
    /// The language of the site (`<html lang>`): a checked two-letter code.
    pub language: String,
    /// The absolute address of the site's home page (ends in `/`), when set.
    pub base_url: Option<String>,
    /// Whether `feed.xml` is written (and so listed in each page's head).
    pub feed: bool,
}

impl SiteHead {
    /// A site named `name` in English, without a base URL.
    pub fn named(name: &str) -> SiteHead {
        SiteHead {
            name: name.to_owned(),
            language: "en".to_owned(),
            base_url: None,
            feed: false,
        }
    }
}

/// Sets the `lang` attribute of the `<html>` element of `html` to `lang` (escaped).
fn set_html_lang(html: &mut String, lang: &str) {
    let Some(open) = html.find("<html") else {
        return;
    };
    let Some(close) = html[open..].find('>').map(|i| open + i) else {
        return;
    };
    let tag = &html[open..close];
    let value = escape(lang);
    match tag.find(" lang=\"") {
        Some(attr) => {
            let start = open + attr + " lang=\"".len();
            let end = html[start..close].find('"').map_or(close, |i| start + i);
            html.replace_range(start..end, &value);
        }
        None => html.insert_str(open + "<html".len(), &format!(" lang=\"{value}\"")),
    }
}

/// The value of the template's `<base href="…">`, if it has one.
pub fn base_href(html: &str) -> Option<&str> {
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    let tag_start = head.find("<base ")?;
    let tag = &head[tag_start..tag_start + head[tag_start..].find('>')?];
    let value = &tag[tag.find("href=\"")? + "href=\"".len()..];
    Some(&value[..value.find('"')?])
}

/// The Atom feed's file name, in the site's root.
pub const FEED_FILE: &str = "feed.xml";

/// The address of an article's body file `file` (`bodies/<bucket>.json`, relative to the data
/// directory) as the app fetches it, relative to the page's `<base href>`: with the body's
/// fingerprint in the query when it has one (a rebuilt body has a new address), as
/// `data/bodies/<bucket>.json?v=<body_hash>`. Not escaped.
pub fn body_file(file: &str, body_hash: Option<&str>) -> String {
    match body_hash.filter(|hash| kiosque_model::stamp::is_well_formed(hash)) {
        Some(hash) => format!("data/{file}?v={hash}"),
        None => format!("data/{file}"),
    }
}

/// Marks an article page's preload of its body file: the app fetches the address it names.
pub const BODY_PRELOAD: &str = "data-kiosque-body";

const HEAD_START: &str = "<!--kiosque:head-->";
const HEAD_END: &str = "<!--/kiosque:head-->";
/// Opens the pre-rendered body: every page `kiosque pages` writes carries it.
pub const BODY_START: &str = "<!--kiosque:body-->";
const BODY_END: &str = "<!--/kiosque:body-->";

/// Removes what an earlier `render` added, so that pages can be rendered again from a page.
fn strip_rendered(mut html: String) -> String {
    for (start, end) in [
        (HEAD_START, HEAD_END),
        (BODY_START, BODY_END),
        (CSP_START, CSP_END),
        (WORKER_START, WORKER_END),
    ] {
        if let (Some(s), Some(e)) = (html.find(start), html.find(end))
            && s < e
        {
            html.replace_range(s..e + end.len(), "");
        }
    }
    // The slot itself, with the attributes `render` gives it.
    if let Some(s) = html.find("<div id=\"prerender\"")
        && let Some(close) = html[s..].find('>')
        && !html[s..].starts_with(PRERENDER_SLOT)
    {
        html.replace_range(s..s + close + 1, "<div id=\"prerender\">");
    }
    html
}

/// `html` with the whitespace alone between the tags of its `<head>` removed (the template's
/// indentation and blank lines, repeated in every page); the text of `<script>` elements is kept
/// as it is (the policy allows them by hash), and so is any other text.
fn tidy_head(html: &str) -> String {
    let Some(head_end) = html.find("</head>") else {
        return html.to_owned();
    };
    let mut out = String::with_capacity(html.len());
    let mut rest = &html[..head_end];
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        if !text.trim().is_empty() {
            out.push_str(text);
        }
        let tag_len = rest[open..]
            .find('>')
            .map_or(rest.len() - open, |end| end + 1);
        let tag = &rest[open..open + tag_len];
        out.push_str(tag);
        rest = &rest[open + tag_len..];
        if tag.starts_with("<script") {
            let body = rest.find("</script>").unwrap_or(rest.len());
            out.push_str(&rest[..body]);
            rest = &rest[body..];
        }
    }
    if !rest.trim().is_empty() {
        out.push_str(rest);
    }
    out.push_str(&html[head_end..]);
    out
}

impl Template {
    /// Checks that `html` has a `<title>`, a `</head>` and the pre-render slot. A page written by
    /// an earlier run (its head tags and pre-rendered body are marked) is turned back into the
    /// template, so running `kiosque pages` twice gives the same files.
    pub fn new(html: String) -> Result<Self, TemplateError> {
        let mut html = tidy_head(&strip_rendered(html));
        for (needle, what) in [
            ("<title>", "<title> element"),
            ("</head>", "</head>"),
            (PRERENDER_SLOT, "<div id=\"prerender\"></div> slot"),
        ] {
            if !html.contains(needle) {
                return Err(TemplateError::Missing(what));
            }
        }
        // The policy goes before the first script, right after the charset declaration.
        let csp = content_security_policy(&inline_scripts(&html));
        // The policy holds no `"`, `<` or `&` (keywords and base64): no escaping needed.
        let meta = format!(
            "{CSP_START}<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">{CSP_END}"
        );
        let at = html
            .find("<meta charset")
            .and_then(|i| html[i..].find('>').map(|e| i + e + 1))
            .or_else(|| html.find("<head>").map(|i| i + "<head>".len()))
            .unwrap_or(0);
        html.insert_str(at, &meta);
        Ok(Template { html })
    }

    /// What every page made from this template for `site` shares: an empty page. The same for
    /// the app's `index.html` as Trunk wrote it and after `kiosque pages` rendered the home
    /// page into it (its `<html lang>`, title and content are the page's).
    pub fn shared(&self, site: &SiteHead) -> String {
        self.render(&PageMeta::default(), site, "")
    }

    /// The template naming the Try it worker's loader, `loader` (a file of the site's root,
    /// named by its content: [`super::worker::name_by_content`]), in a `<meta>` the app reads to
    /// start the worker; without one (no worker), the app uses Trunk's fixed name.
    pub fn with_worker(mut self, loader: Option<&str>) -> Template {
        if let Some(loader) = loader
            && let Some(at) = self.html.find("</head>")
        {
            self.html.insert_str(
                at,
                &format!(
                    "{WORKER_START}<meta name=\"{WORKER_META}\" content=\"{}\">{WORKER_END}",
                    escape(loader)
                ),
            );
        }
        self
    }

    /// The page: the template with its title, preview metadata and pre-rendered body.
    pub fn render(&self, meta: &PageMeta, site: &SiteHead, body: &str) -> String {
        let site_name = site.name.as_str();
        let mut html = self.html.clone();
        set_html_lang(&mut html, &site.language);
        if let (Some(start), Some(end)) = (html.find("<title>"), html.find("</title>"))
            && start < end
        {
            html.replace_range(
                start..end + "</title>".len(),
                &format!("<title>{}</title>", escape(&meta.title)),
            );
        }
        let mut head = String::new();
        let mut tag = |property: &str, name: bool, content: &str| {
            let attr = if name { "name" } else { "property" };
            head.push_str(&format!(
                "<meta {attr}=\"{property}\" content=\"{}\">\n",
                escape(content)
            ));
        };
        tag("description", true, &meta.description);
        tag("og:title", false, &meta.title);
        tag("og:description", false, &meta.description);
        tag("og:type", false, meta.og_type);
        tag("og:site_name", false, site_name);
        tag("application-name", true, site_name);
        let canonical = site
            .base_url
            .as_ref()
            .zip(meta.path.as_ref())
            .map(|(base, path)| format!("{base}{path}"));
        if let Some(url) = &canonical {
            tag("og:url", false, url);
        }
        if meta.noindex {
            tag("robots", true, "noindex");
        }
        if let Some(date) = &meta.published {
            tag("article:published_time", false, date);
        }
        // X (Twitter) reads the title and description from the OpenGraph tags when it has none
        // of its own: written once, not twice on every page.
        tag("twitter:card", true, "summary");
        if let Some(url) = &canonical {
            head.push_str(&format!(
                "<link rel=\"canonical\" href=\"{}\">\n",
                escape(url)
            ));
        }
        if let Some(base) = site.base_url.as_ref().filter(|_| site.feed) {
            head.push_str(&format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">\n",
                escape(site_name),
                escape(&format!("{base}{FEED_FILE}"))
            ));
        }
        if let Some(href) = &meta.body_file {
            // `as="fetch"` with `crossorigin="anonymous"` is what the app's own `fetch` of the
            // same address matches (mode cors, credentials same-origin), so it reuses the
            // response; `connect-src 'self'` allows it.
            head.push_str(&format!(
                "<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin=\"anonymous\" {BODY_PRELOAD}=\"\">\n",
                escape(href)
            ));
        }
        if let Some(pos) = html.find("</head>") {
            html.insert_str(pos, &format!("{HEAD_START}\n{head}{HEAD_END}"));
        }
        let body = format!("{BODY_START}{body}{BODY_END}");
        // The content's language is on its elements (the app's components set it on an
        // article's title and text), not on the page: the site's header is in the site's.
        html.replacen(
            PRERENDER_SLOT,
            &format!("<div id=\"prerender\">{body}</div>"),
            1,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = "<!DOCTYPE html><html><head><title>Kiosque</title></head><body><div id=\"prerender\"></div><script>x</script></body></html>";

    #[test]
    fn escaping_neutralises_markup() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn a_template_read_back_from_a_page_it_made_shares_what_it_did() {
        let site = SiteHead {
            language: "fr".into(),
            ..SiteHead::named("Les Nouvelles")
        };
        let bare = Template::new(INDEX.to_owned()).expect("valid template");
        let home = bare.render(
            &PageMeta {
                title: "Les Nouvelles".into(),
                description: "3 articles".into(),
                og_type: "website",
                ..PageMeta::default()
            },
            &site,
            "<main>cards</main>",
        );
        let again = Template::new(home).expect("a rendered page is a template");
        assert_eq!(again.shared(&site), bare.shared(&site));
        assert_ne!(
            bare.shared(&SiteHead::named("Les Nouvelles")),
            bare.shared(&site),
            "the interface's language is shared by every page"
        );
    }

    #[test]
    fn pages_get_title_preview_tags_and_body() {
        let t = Template::new(INDEX.to_owned()).expect("valid template");
        let html = t.render(
            &PageMeta {
                title: "Koursk <2025>".into(),
                description: "La Russie…".into(),
                og_type: "article",
                published: Some("2025-01-06".into()),
                body_file: Some("data/bodies/1f.json?v=0123456789abcdef".into()),
                ..PageMeta::default()
            },
            &SiteHead::named("Kiosque"),
            "<h1>x</h1>",
        );
        assert!(html.contains("<link rel=\"preload\" href=\"data/bodies/1f.json?v=0123456789abcdef\" as=\"fetch\" crossorigin=\"anonymous\" data-kiosque-body=\"\">"), "{html}");
        assert!(html.contains("<title>Koursk &lt;2025&gt;</title>"));
        assert!(html.contains("<meta property=\"og:title\" content=\"Koursk &lt;2025&gt;\">"));
        assert!(html.contains("<meta property=\"article:published_time\" content=\"2025-01-06\">"));
        assert!(html.contains("<h1>x</h1>"));
        assert!(html.contains("<script>x</script>"));
        // The site's header is in the pre-rendered page too: no article language on it.
        assert!(
            html.contains("<div id=\"prerender\"><!--kiosque:body-->"),
            "{html}"
        );
    }

    #[test]
    fn the_head_has_no_whitespace_between_tags_and_its_script_as_it_was() {
        let script = "\nimport init from '/a.js';\n\n  await init();\n";
        let index = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n    <meta charset=\"utf-8\"/>\n    <title>Le  Kiosque</title>\n    \n<script type=\"module\">{script}</script>\n    <link rel=\"icon\" href=\"/f.svg\"/>\n</head>\n<body>\n<div id=\"prerender\"></div>\n</body>\n</html>"
        );
        let t = Template::new(index).expect("template");
        let html = t.render(
            &PageMeta {
                title: "Le  titre".into(),
                description: "Une  description".into(),
                og_type: "article",
                ..PageMeta::default()
            },
            &SiteHead::named("K"),
            "<main> <p>x</p> </main>",
        );
        let head = &html[..html.find("</head>").expect("a head")];
        assert!(
            head.starts_with("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/>"),
            "{head}"
        );
        assert!(
            !head.contains(">    <") && !head.contains(">\n    <"),
            "{head}"
        );
        assert!(head.contains(&format!("<script type=\"module\">{script}</script>")));
        assert!(head.contains("<title>Le  titre</title>"), "{head}");
        assert!(head.contains(&content_security_policy(&[script])), "{head}");
        // The body is left alone.
        assert!(html.contains("<main> <p>x</p> </main>"));
        // The description is in the description and OpenGraph tags, once each; X (Twitter)
        // reads the OpenGraph tags.
        assert_eq!(html.matches("Une  description").count(), 2, "{html}");
        assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
        assert!(!html.contains("twitter:title") && !html.contains("twitter:description"));
    }

    #[test]
    fn rendering_a_rendered_page_again_gives_the_same_page() {
        let meta = PageMeta {
            title: "A".into(),
            description: "d".into(),
            og_type: "article",
            published: None,
            body_file: Some("data/bodies/0.json".into()),
            ..PageMeta::default()
        };
        let once = Template::new(INDEX.to_owned()).expect("template").render(
            &meta,
            &SiteHead::named("K"),
            "<p>x</p>",
        );
        let twice = Template::new(once.clone())
            .expect("rendered page as template")
            .render(&meta, &SiteHead::named("K"), "<p>x</p>");
        assert_eq!(once, twice);
        assert_eq!(once.matches(BODY_PRELOAD).count(), 1, "{once}");
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_scripts_of_the_page() {
        let t = Template::new(INDEX.to_owned()).expect("template");
        let html = t.render(&PageMeta::default(), &SiteHead::named("K"), "");
        // sha256 of "x", the page's one inline script.
        assert!(
            html.contains("'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='"),
            "{html}"
        );
        assert!(html.contains("'wasm-unsafe-eval'"));
        // The Try it page's worker is a file of the site; no worker from elsewhere.
        assert!(html.contains("worker-src 'self';"), "{html}");
        assert!(html.find("Content-Security-Policy") < html.find("<script>"));
        assert_eq!(
            inline_scripts("<script src=\"a.js\"></script><script type=\"module\">b</script>"),
            ["b"]
        );
    }

    #[test]
    fn the_canonical_address_and_feed_are_given_only_with_a_base_url() {
        let t = Template::new(INDEX.replace("<html>", "<html lang=\"en\">")).expect("template");
        let meta = PageMeta {
            path: Some("article/a-1/".into()),
            ..PageMeta::default()
        };
        let mut site = SiteHead::named("Les <Nouvelles>");
        site.language = "fr".into();
        let without = t.render(&meta, &site, "");
        assert!(without.contains("<html lang=\"fr\">"), "{without}");
        assert!(
            without.contains("<meta name=\"application-name\" content=\"Les &lt;Nouvelles&gt;\">")
        );
        assert!(!without.contains("canonical") && !without.contains("og:url"));
        assert!(!without.contains("application/atom+xml"));
        site.base_url = Some("https://news.example.org/kiosque/".into());
        site.feed = true;
        let with = t.render(&meta, &site, "");
        assert!(with.contains(
            "<link rel=\"canonical\" href=\"https://news.example.org/kiosque/article/a-1/\">"
        ));
        assert!(with.contains(
            "<meta property=\"og:url\" content=\"https://news.example.org/kiosque/article/a-1/\">"
        ));
        assert!(with.contains("href=\"https://news.example.org/kiosque/feed.xml\">"));
        // A page that stands for many addresses has none.
        let shell = t.render(&PageMeta::default(), &site, "");
        assert!(!shell.contains("canonical") && !shell.contains("og:url"));
        assert_eq!(
            base_href("<head><base href=\"/kiosque/\" /></head>"),
            Some("/kiosque/")
        );
        assert_eq!(base_href(INDEX), None);
        // Without a lang attribute, one is added.
        assert!(
            Template::new(INDEX.to_owned())
                .expect("template")
                .render(&meta, &site, "")
                .contains("<html lang=\"fr\">")
        );
    }

    #[test]
    fn pages_name_the_worker_s_loader_once_even_when_rendered_again_from_a_page() {
        let loader = "kiosque-worker-0123456789abcdef_loader.js";
        let meta = format!("<meta name=\"{WORKER_META}\" content=\"{loader}\">");
        let page = Template::new(INDEX.to_owned())
            .expect("template")
            .with_worker(Some(loader))
            .render(&PageMeta::default(), &SiteHead::named("Kiosque"), "");
        assert_eq!(page.matches(&meta).count(), 1, "{page}");
        assert!(page.find(&meta) < page.find("</head>"), "{page}");
        // `kiosque pages` run again reads its own page as the template.
        let again = Template::new(page)
            .expect("template")
            .with_worker(Some(loader))
            .render(&PageMeta::default(), &SiteHead::named("Kiosque"), "");
        assert_eq!(again.matches(&meta).count(), 1, "{again}");
        // No worker, no name.
        let none = Template::new(INDEX.to_owned())
            .expect("template")
            .with_worker(None)
            .render(&PageMeta::default(), &SiteHead::named("Kiosque"), "");
        assert!(!none.contains(WORKER_META), "{none}");
    }

    #[test]
    fn a_foreign_index_html_is_refused() {
        let err = Template::new("<html><head><title>x</title></head><body></body></html>".into())
            .expect_err("no slot");
        assert!(err.to_string().contains("prerender"));
    }
}
