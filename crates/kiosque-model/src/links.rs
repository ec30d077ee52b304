//! Links taken from the data, made safe to put in an `href`.

/// An `href` for a URL found in an article: `http(s)` URLs as they are, scheme-less web
/// addresses as written in posts (`pic.twitter.com/…`, `www.…`) with `https://` in front.
///
/// Anything else (`javascript:`, `data:`, relative paths, text with spaces) gives `None`, so the
/// data can never run script or point inside this site by accident.
pub fn safe_href(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return (url.len() > lower.find("://").map_or(0, |i| i + 3)).then(|| url.to_owned());
    }
    if lower.contains(':') || url.starts_with('/') || url.starts_with('.') {
        return None;
    }
    // A bare host with a path, like `pic.twitter.com/abc`: the host must look like a domain.
    let host = url.split('/').next().unwrap_or_default();
    let looks_like_domain = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    looks_like_domain.then(|| format!("https://{url}"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "localhost",
            "mailto:a@b.c",
        ] {
            assert_eq!(safe_href(bad), None, "{bad}");
        }
    }
}
