//! The publishing settings of a site, read from `kiosque.toml`: its name, the address it is
//! published at, and its language. Every key is optional; an unknown key or a value that cannot
//! be used is an error naming the file, the line and the key.

use std::fmt;
use std::path::{Path, PathBuf};

use kiosque_model::ui::Language;
use toml::de::{DeTable, DeValue};

/// The settings file read when `kiosque pages` is given no `--config`, when it exists.
pub const DEFAULT_FILE: &str = "kiosque.toml";

/// The site's name when the settings do not give one.
pub const DEFAULT_NAME: &str = "Kiosque";

/// How a site is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `[site] name`: shown in titles, link previews, the feed, and read by the app.
    pub name: String,
    /// `[site] base_url`: the absolute address of the site's home page, ending in `/`. Without
    /// it, pages have no canonical address and no feed or sitemap is written.
    pub base_url: Option<BaseUrl>,
    /// `[site] language`: the language of the site's interface (`fr` or `en`), its pages'
    /// `<html lang>`; `None`: the one most of the articles are in.
    pub language: Option<String>,
    /// The file the settings were read from, named in messages.
    pub file: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: DEFAULT_NAME.to_owned(),
            base_url: None,
            language: None,
            file: None,
        }
    }
}

/// An absolute `http(s)` address ending in `/`, without query, fragment or user information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// `url` if it can be the address of a site's home page, else why not.
    pub fn new(url: &str) -> Result<BaseUrl, String> {
        const EXAMPLE: &str = "such as \"https://news.example.org/kiosque/\"";
        let lower = url.to_ascii_lowercase();
        let Some(rest) = ["https://", "http://"]
            .iter()
            .find_map(|scheme| lower.starts_with(scheme).then(|| &url[scheme.len()..]))
        else {
            return Err(format!(
                "{url:?} is not an absolute http(s) address ({EXAMPLE})"
            ));
        };
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || !rest.contains('/') {
            return Err(format!(
                "{url:?} has no host or no path: write the address of the home page, ending in / ({EXAMPLE})"
            ));
        }
        if url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
            || host.contains('@')
            || url.contains(['?', '#'])
        {
            return Err(format!(
                "{url:?} is not a plain address: no spaces, quotes, user, query or fragment ({EXAMPLE})"
            ));
        }
        if !url.ends_with('/') {
            return Err(format!(
                "{url:?} does not end in /: the home page's address ends in / ({EXAMPLE}); did you mean \"{url}/\"?"
            ));
        }
        Ok(BaseUrl(url.to_owned()))
    }

    /// The address as written (ends in `/`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path of the address, from its first `/` after the host (`/kiosque/`): what the
    /// site's `<base href>` must be.
    pub fn path(&self) -> &str {
        let after_scheme = self.0.find("://").map_or(0, |i| i + 3);
        let path_start = self.0[after_scheme..]
            .find('/')
            .map_or(self.0.len(), |i| after_scheme + i);
        &self.0[path_start..]
    }

    /// The absolute address of `page`, a path relative to the site's home (`article/<id>/`; ``
    /// for the home page).
    pub fn join(&self, page: &str) -> String {
        format!("{}{page}", self.0)
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why the settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file cannot be read.
    #[error("cannot read {}: {error}", path.display())]
    Read {
        /// The settings file.
        path: PathBuf,
        /// Why (shown in the message, not as a cause: it would be said twice).
        error: std::io::Error,
    },
    /// The file is not TOML, or a key or value is not one of the settings.
    #[error("{}, line {line}{}: {message}", path.display(), key.as_deref().map(|k| format!(", key `{k}`")).unwrap_or_default())]
    Invalid {
        /// The settings file.
        path: PathBuf,
        /// The line (from 1).
        line: usize,
        /// The key, as `site.base_url`, when the error is about one.
        key: Option<String>,
        /// What is wrong and what to write instead.
        message: String,
    },
}

impl Settings {
    /// The settings in the file at `path`.
    pub fn read(path: &Path) -> Result<Settings, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|error| SettingsError::Read {
            path: path.to_owned(),
            error,
        })?;
        Settings::parse(&text, path)
    }

    /// The settings in `text`, the content of the file `path` (named in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
        let invalid = |at: usize, key: Option<&str>, message: String| SettingsError::Invalid {
            path: path.to_owned(),
            line: text[..at.min(text.len())].matches('\n').count() + 1,
            key: key.map(str::to_owned),
            message,
        };
        let document = DeTable::parse(text).map_err(|e| {
            let message = e.message().trim().to_owned();
            invalid(e.span().map_or(0, |s| s.start), None, message)
        })?;
        let mut settings = Settings {
            file: Some(path.to_owned()),
            ..Settings::default()
        };
        for (table, value) in document.get_ref() {
            let table_name = table.get_ref().as_ref();
            if table_name != "site" {
                return Err(invalid(
                    table.span().start,
                    Some(table_name),
                    "not a setting: the settings are in [site] (name, base_url, language)"
                        .to_owned(),
                ));
            }
            let DeValue::Table(site) = value.get_ref() else {
                return Err(invalid(
                    table.span().start,
                    Some(table_name),
                    "must be a table: [site]".to_owned(),
                ));
            };
            for (key, value) in site {
                let name = format!("site.{}", key.get_ref());
                let at = key.span().start;
                let Some(text) = value.get_ref().as_str() else {
                    return Err(invalid(
                        at,
                        Some(&name),
                        format!(
                            "must be a string in quotes, not a {}",
                            value.get_ref().type_str()
                        ),
                    ));
                };
                match key.get_ref().as_ref() {
                    "name" => {
                        let trimmed = text.trim();
                        if trimmed.is_empty() || trimmed.chars().any(char::is_control) {
                            return Err(invalid(
                                at,
                                Some(&name),
                                format!("{text:?} cannot be a site's name: one line of text"),
                            ));
                        }
                        trimmed.clone_into(&mut settings.name);
                    }
                    "base_url" => {
                        settings.base_url =
                            Some(BaseUrl::new(text).map_err(|m| invalid(at, Some(&name), m))?);
                    }
                    "language" => {
                        if text.len() != 2 || !text.bytes().all(|b| b.is_ascii_lowercase()) {
                            return Err(invalid(
                                at,
                                Some(&name),
                                format!(
                                    "{text:?} is not a two-letter language code (ISO 639-1, such as \"fr\" or \"en\")"
                                ),
                            ));
                        }
                        if Language::from_code(text).is_none() {
                            return Err(invalid(
                                at,
                                Some(&name),
                                format!(
                                    "{text:?} is not a language of the interface: \"fr\" (French) or \"en\" (English)"
                                ),
                            ));
                        }
                        settings.language = Some(text.to_owned());
                    }
                    _ => {
                        return Err(invalid(
                            at,
                            Some(&name),
                            "not a setting: [site] has name, base_url and language".to_owned(),
                        ));
                    }
                }
            }
        }
        Ok(settings)
    }

    /// The settings for `kiosque pages`: from `config` when given (it must exist), else from
    /// `kiosque.toml` in the current directory when there is one, else the defaults.
    pub fn load(config: Option<&Path>) -> Result<Settings, SettingsError> {
        match config {
            Some(path) => Settings::read(path),
            None if Path::new(DEFAULT_FILE).is_file() => Settings::read(Path::new(DEFAULT_FILE)),
            None => Ok(Settings::default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_plain_and_end_in_a_slash() {
        let url = BaseUrl::new("https://news.example.org/kiosque/").expect("valid");
        assert_eq!(url.path(), "/kiosque/");
        assert_eq!(
            url.join("article/a-1/"),
            "https://news.example.org/kiosque/article/a-1/"
        );
        assert_eq!(
            BaseUrl::new("http://localhost:8080/")
                .expect("valid")
                .path(),
            "/"
        );
        for bad in [
            "news.example.org/",
            "/kiosque/",
            "https://news.example.org",
            "https://news.example.org/kiosque",
            "https:///kiosque/",
            "https://user@news.example.org/",
            "https://news.example.org/?a=1/",
            "https://news.example.org/a b/",
            "ftp://news.example.org/",
        ] {
            assert!(BaseUrl::new(bad).is_err(), "{bad}");
        }
    }
}
