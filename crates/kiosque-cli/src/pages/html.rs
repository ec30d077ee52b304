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

/// The Content-Security-Policy for a page whose inline scripts are `scripts`: only the page's
/// own origin, WebAssembly compilation, and those exact inline scripts (Trunk's loader), by hash.
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
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
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
    /// The language of the page's content.
    pub lang: Option<String>,
    /// An article's body file, relative to the page's `<base href>`: preloaded, so that the
    /// browser fetches it beside the app, and marked `data-kiosque-body` for the app to fetch
    /// the same address.
    pub body_file: Option<String>,
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

impl Template {
    /// Checks that `html` has a `<title>`, a `</head>` and the pre-render slot. A page written by
    /// an earlier run (its head tags and pre-rendered body are marked) is turned back into the
    /// template, so running `kiosque pages` twice gives the same files.
    pub fn new(html: String) -> Result<Self, TemplateError> {
        let mut html = strip_rendered(html);
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

    /// The page: the template with its title, preview metadata and pre-rendered body.
    pub fn render(&self, meta: &PageMeta, site_name: &str, body: &str) -> String {
        let mut html = self.html.clone();
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
        if let Some(date) = &meta.published {
            tag("article:published_time", false, date);
        }
        tag("twitter:card", true, "summary");
        tag("twitter:title", true, &meta.title);
        tag("twitter:description", true, &meta.description);
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
        let slot = match &meta.lang {
            Some(lang) => format!(
                "<div id=\"prerender\" lang=\"{}\">{body}</div>",
                escape(lang)
            ),
            None => format!("<div id=\"prerender\">{body}</div>"),
        };
        html.replacen(PRERENDER_SLOT, &slot, 1)
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
    fn pages_get_title_preview_tags_and_body() {
        let t = Template::new(INDEX.to_owned()).expect("valid template");
        let html = t.render(
            &PageMeta {
                title: "Koursk <2025>".into(),
                description: "La Russie…".into(),
                og_type: "article",
                published: Some("2025-01-06".into()),
                lang: Some("fr".into()),
                body_file: Some("data/bodies/1f.json?v=0123456789abcdef".into()),
            },
            "Kiosque",
            "<h1>x</h1>",
        );
        assert!(html.contains("<link rel=\"preload\" href=\"data/bodies/1f.json?v=0123456789abcdef\" as=\"fetch\" crossorigin=\"anonymous\" data-kiosque-body=\"\">"), "{html}");
        assert!(html.contains("<title>Koursk &lt;2025&gt;</title>"));
        assert!(html.contains("<meta property=\"og:title\" content=\"Koursk &lt;2025&gt;\">"));
        assert!(html.contains("<meta property=\"article:published_time\" content=\"2025-01-06\">"));
        assert!(html.contains("<h1>x</h1>"));
        assert!(html.contains("<script>x</script>"));
    }

    #[test]
    fn rendering_a_rendered_page_again_gives_the_same_page() {
        let meta = PageMeta {
            title: "A".into(),
            description: "d".into(),
            og_type: "article",
            published: None,
            lang: Some("fr".into()),
            body_file: Some("data/bodies/0.json".into()),
        };
        let once = Template::new(INDEX.to_owned())
            .expect("template")
            .render(&meta, "K", "<p>x</p>");
        let twice = Template::new(once.clone())
            .expect("rendered page as template")
            .render(&meta, "K", "<p>x</p>");
        assert_eq!(once, twice);
        assert_eq!(once.matches(BODY_PRELOAD).count(), 1, "{once}");
    }

    #[test]
    fn the_policy_allows_exactly_the_inline_scripts_of_the_page() {
        let t = Template::new(INDEX.to_owned()).expect("template");
        let html = t.render(&PageMeta::default(), "K", "");
        // sha256 of "x", the page's one inline script.
        assert!(
            html.contains("'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE='"),
            "{html}"
        );
        assert!(html.contains("'wasm-unsafe-eval'"));
        assert!(html.find("Content-Security-Policy") < html.find("<script>"));
        assert_eq!(
            inline_scripts("<script src=\"a.js\"></script><script type=\"module\">b</script>"),
            ["b"]
        );
    }

    #[test]
    fn a_foreign_index_html_is_refused() {
        let err = Template::new("<html><head><title>x</title></head><body></body></html>".into())
            .expect_err("no slot");
        assert!(err.to_string().contains("prerender"));
    }
}
