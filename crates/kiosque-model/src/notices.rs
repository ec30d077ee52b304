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
}
