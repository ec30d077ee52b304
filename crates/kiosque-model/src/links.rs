//! Links taken from the data, made safe to put in an `href`, and the host a reader is shown;
//! and which entities have a page of their own.

use crate::Entity;

/// Whether `entity` gets its own pre-rendered page (`entity/<id>/`): only when at least two
/// articles mention it. Every other entity is shown by the one shell page `entity/?id=<id>`,
/// which keeps a built site within what static hosts take (most entities of an archive are
/// mentioned by one article). `kiosque pages` and the app's links follow this one rule.
pub fn has_own_page<Id>(entity: &Entity<Id>) -> bool {
    entity.articles >= 2
}

/// An `href` for a URL found in an article: `http(s)` URLs as they are, scheme-less web
/// addresses as written in posts (`pic.twitter.com/…`, `www.…`) with `https://` in front.
///
/// Anything else (`javascript:`, `data:`, relative paths, text with spaces) gives `None`, so the
/// data can never run script or point inside this site by accident. So do URLs with user
/// information (`https://www.example.com@evil.example/`): they read as one site and lead to
/// another, and no news link needs them.
pub fn safe_href(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        let rest = &url[lower.find("://").map_or(0, |i| i + 3)..];
        let authority = authority(rest);
        let ok = !authority.is_empty() && !authority.contains('@');
        return ok.then(|| url.to_owned());
    }
    if lower.contains(':') || url.starts_with('/') || url.starts_with('.') {
        return None;
    }
    // A bare host with a path, like `pic.twitter.com/abc`: the host must look like a domain.
    let host = authority(url);
    let looks_like_domain = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    looks_like_domain.then(|| format!("https://{url}"))
}

/// The authority part of a URL without its scheme: up to the first `/`, `\`, `?` or `#`, where
/// browsers end it (they read `\` as `/` in web URLs).
fn authority(rest: &str) -> &str {
    rest.split(['/', '\\', '?', '#']).next().unwrap_or_default()
}

/// The host a link from the data leads to, as a browser reads it, for showing beside the link:
/// `https://www.lemonde.fr/a` → `www.lemonde.fr`. Lowercase, without port; `None` when the URL
/// is not one [`safe_href`] accepts, so no unsafe URL is ever shown as a destination.
pub fn display_host(url: &str) -> Option<String> {
    let href = safe_href(url)?;
    let rest = &href[href.find("://")? + 3..];
    let authority = authority(rest);
    // An IPv6 literal keeps its brackets; otherwise the port goes.
    let host = match authority.strip_prefix('[') {
        Some(v6) => &authority[..v6.find(']').map_or(authority.len(), |i| i + 2)],
        None => authority.split(':').next().unwrap_or_default(),
    };
    // Host names are ASCII (internationalised ones travel as punycode): no Unicode case tables.
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_entities_of_two_articles_or_more_have_their_own_page() {
        let entity = |articles| Entity {
            id: "loc-koursk",
            label: crate::Label::Place,
            name: "Koursk".into(),
            aliases: vec![],
            articles,
            mentions: articles * 3,
            value: None,
            confidence: None,
        };
        assert!(!has_own_page(&entity(0)));
        assert!(!has_own_page(&entity(1)));
        assert!(has_own_page(&entity(2)));
        assert!(has_own_page(&entity(30_000)));
    }

    #[test]
    fn web_urls_pass_and_bare_domains_get_https() {
        assert_eq!(
            safe_href("https://example.org/a?b=c").as_deref(),
            Some("https://example.org/a?b=c")
        );
        assert_eq!(
            safe_href(" HTTP://example.org ").as_deref(),
            Some("HTTP://example.org")
        );
        assert_eq!(
            safe_href("pic.twitter.com/rnl7qu53sW").as_deref(),
            Some("https://pic.twitter.com/rnl7qu53sW")
        );
        // An `@` after the host is part of the path, not user information.
        assert_eq!(
            safe_href("https://x.com/@user").as_deref(),
            Some("https://x.com/@user")
        );
    }

    #[test]
    fn scripts_relative_paths_and_junk_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "/article/x/",
            "../x",
            "not a url",
            "",
            "https://",
            "https:///x",
            "localhost",
            "mailto:a@b.c",
        ] {
            assert_eq!(safe_href(bad), None, "{bad}");
        }
    }

    #[test]
    fn urls_that_name_one_host_and_lead_to_another_are_refused() {
        for spoof in [
            "https://www.example.com@evil.example/",
            "https://www.example.com:443@evil.example/a",
            "http://user:pass@example.org/",
            "www.example.com@evil.example/x",
        ] {
            assert_eq!(safe_href(spoof), None, "{spoof}");
            assert_eq!(display_host(spoof), None, "{spoof}");
        }
    }

    #[test]
    fn the_displayed_host_is_where_the_browser_goes() {
        assert_eq!(
            display_host("https://www.LeMonde.fr/international/a.html").as_deref(),
            Some("www.lemonde.fr")
        );
        assert_eq!(
            display_host("http://example.org:8080?q=1").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            display_host("pic.twitter.com/abc").as_deref(),
            Some("pic.twitter.com")
        );
        // Browsers end the host at a backslash or a fragment.
        assert_eq!(
            display_host("https://evil.example\\.www.example.com/").as_deref(),
            Some("evil.example")
        );
        assert_eq!(
            display_host("https://evil.example#@www.example.com").as_deref(),
            Some("evil.example")
        );
        assert_eq!(
            display_host("https://[::1]:8080/").as_deref(),
            Some("[::1]")
        );
        assert_eq!(display_host("javascript:alert(1)"), None);
    }
}
