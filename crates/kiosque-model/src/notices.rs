//! Sentences the reader's app shows about the data, in words for readers (not for the publisher
//! who built the site), in the interface's language.

use crate::schema::SchemaError;
use crate::ui::Language;

/// Why a site whose data is of another schema version cannot be shown, naming both versions.
/// Only the publisher can fix it, so the reader is told that rather than asked to act.
pub fn schema_mismatch(language: Language, error: &SchemaError) -> String {
    let remedy = match language {
        Language::En => "Only the site’s publisher can fix this, by rebuilding the site.",
        Language::Fr => "Seul l’éditeur du site peut y remédier, en reconstruisant le site.",
    };
    match error {
        SchemaError::UnsupportedMajor { found, supported } => {
            let found_major = found.split('.').next().and_then(|m| m.parse::<u32>().ok());
            let newer = match found_major {
                Some(major) if major > *supported => Some(true),
                Some(major) if major < *supported => Some(false),
                _ => None,
            };
            match language {
                Language::En => {
                    let age = match newer {
                        Some(true) => "a newer version",
                        Some(false) => "an older version",
                        None => "another version",
                    };
                    format!(
                        "This site’s data was made by {age} of Kiosque than this page: the data is \
                         version {found}, this page reads version {supported}.x. {remedy}"
                    )
                }
                Language::Fr => {
                    let age = match newer {
                        Some(true) => "une version plus récente",
                        Some(false) => "une version plus ancienne",
                        None => "une autre version",
                    };
                    format!(
                        "Les données de ce site ont été faites par {age} de Kiosque que cette \
                         page\u{a0}: elles sont en version {found}, cette page lit la version \
                         {supported}.x. {remedy}"
                    )
                }
            }
        }
        SchemaError::Malformed(version) => {
            let quoted = language.quote(version);
            match language {
                Language::En => format!(
                    "This site’s data says it has version {quoted}, which this page does not \
                     recognise. {remedy}"
                ),
                Language::Fr => format!(
                    "Les données de ce site disent être en version {quoted}, que cette page ne \
                     connaît pas. {remedy}"
                ),
            }
        }
    }
}

/// Why a file of the site could not be loaded, as [`load_problem`] tells the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadProblem<'a> {
    /// The request got no answer (offline, server down, blocked): the browser's reason.
    Unreachable(&'a str),
    /// The server answered with an error status.
    Status(u16),
    /// The file is not data of the expected shape: the parser's message, with line and column.
    Malformed(&'a str),
}

/// What went wrong loading `url`, in the interface's language: the file named, what happened,
/// and what the reader can do when there is something to do. The browser's and the parser's own
/// words are kept as they are (they are what a publisher would search for).
pub fn load_problem(language: Language, url: &str, problem: LoadProblem<'_>) -> String {
    match (language, problem) {
        (Language::En, LoadProblem::Unreachable(reason)) => {
            format!("Could not reach {url}: {reason}. Check the connection and retry.")
        }
        (Language::Fr, LoadProblem::Unreachable(reason)) => format!(
            "Impossible de joindre {url}\u{a0}: {reason}. Vérifiez la connexion et réessayez."
        ),
        (Language::En, LoadProblem::Status(status)) => {
            let hint = match status {
                404 => " (not found: is the site data deployed next to the app?)",
                500..=599 => " (a server error)",
                _ => "",
            };
            format!("{url} answered HTTP {status}{hint}.")
        }
        (Language::Fr, LoadProblem::Status(status)) => {
            let hint = match status {
                404 => {
                    " (introuvable\u{a0}: les données du site sont-elles déployées à côté de \
                     l’application\u{202f}?)"
                }
                500..=599 => " (une erreur du serveur)",
                _ => "",
            };
            format!("{url} a répondu HTTP {status}{hint}.")
        }
        (Language::En, LoadProblem::Malformed(message)) => {
            format!("{url} is not valid site data: {message}.")
        }
        (Language::Fr, LoadProblem::Malformed(message)) => {
            format!("{url} n’est pas un fichier de données du site valide\u{a0}: {message}.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::check_schema;

    #[test]
    fn a_newer_major_names_both_versions_and_the_publisher() {
        let error = check_schema("3.0").expect_err("refused");
        let message = schema_mismatch(Language::En, &error);
        assert!(message.contains("a newer version"), "{message}");
        assert!(
            message.contains("3.0") && message.contains("2.x"),
            "{message}"
        );
        assert!(message.contains("publisher"), "{message}");
        assert!(
            !message.contains('`'),
            "no command syntax for readers: {message}"
        );
        let message = schema_mismatch(Language::Fr, &error);
        assert!(message.contains("plus récente"), "{message}");
        assert!(
            message.contains("3.0") && message.contains("2.x"),
            "{message}"
        );
    }

    #[test]
    fn an_older_major_is_called_older() {
        // Data contract 1 (`index.json`), as a site not rebuilt since holds.
        let error = check_schema("1.2").expect_err("refused");
        let message = schema_mismatch(Language::En, &error);
        assert!(message.contains("an older version"), "{message}");
        assert!(message.contains("1.2"), "{message}");
    }

    #[test]
    fn an_unreadable_version_is_quoted() {
        let error = check_schema("one").expect_err("refused");
        let message = schema_mismatch(Language::En, &error);
        assert!(message.contains("“one”"), "{message}");
        assert!(message.contains("publisher"), "{message}");
        let message = schema_mismatch(Language::Fr, &error);
        assert!(message.contains("«\u{a0}one\u{a0}»"), "{message}");
    }

    #[test]
    fn a_load_problem_names_the_file_in_either_language_with_the_way_forward() {
        let url = "/data/site.json";
        for language in [Language::En, Language::Fr] {
            for problem in [
                LoadProblem::Unreachable("NetworkError"),
                LoadProblem::Status(404),
                LoadProblem::Status(503),
                LoadProblem::Status(418),
                LoadProblem::Malformed("EOF at line 1 column 9"),
            ] {
                let message = load_problem(language, url, problem);
                assert!(message.contains(url), "{language:?} {problem:?}: {message}");
                assert!(message.ends_with('.'), "{message}");
                match problem {
                    LoadProblem::Unreachable(reason) | LoadProblem::Malformed(reason) => {
                        assert!(message.contains(reason), "{message}");
                    }
                    LoadProblem::Status(status) => {
                        assert!(message.contains(&status.to_string()), "{message}");
                    }
                }
            }
        }
        let fr = |problem| load_problem(Language::Fr, url, problem);
        assert!(fr(LoadProblem::Unreachable("x")).contains("Vérifiez la connexion"));
        assert!(fr(LoadProblem::Status(404)).contains("introuvable"));
        assert!(fr(LoadProblem::Status(500)).contains("erreur du serveur"));
        assert!(!fr(LoadProblem::Status(418)).contains('('));
        let en = load_problem(Language::En, url, LoadProblem::Status(404));
        assert!(
            en.contains("not found") && !en.contains("introuvable"),
            "{en}"
        );
        // French typography: a no-break space before the colon, none left ordinary.
        assert!(!fr(LoadProblem::Malformed("m")).contains(" :"));
    }
}
