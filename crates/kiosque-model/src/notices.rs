//! Sentences the reader's app shows about the view and the data, in words for readers (not for
//! the publisher who built the site).

use crate::schema::SchemaError;

/// What the entity sidebar says when no entity is listed. `query` is the search box's text;
/// `filtered` is whether entity filters narrow the articles, so a name that is in the corpus
/// but not in the filtered articles is not reported as unknown.
pub fn no_entity_listed(query: &str, filtered: bool) -> String {
    let query = query.trim();
    match (query.is_empty(), filtered) {
        (true, _) => "No entities in these articles.".to_owned(),
        (false, false) => format!("No entity matches “{query}”."),
        (false, true) => format!("No entity matches “{query}” in these articles."),
    }
}

/// Why a site whose data is of another schema version cannot be shown, naming both versions.
/// Only the publisher can fix it, so the reader is told that rather than asked to act.
pub fn schema_mismatch(error: &SchemaError) -> String {
    let remedy = "Only the site’s publisher can fix this, by rebuilding the site.";
    match error {
        SchemaError::UnsupportedMajor { found, supported } => {
            let found_major = found.split('.').next().and_then(|m| m.parse::<u32>().ok());
            let age = match found_major {
                Some(major) if major > *supported => "a newer version",
                Some(major) if major < *supported => "an older version",
                _ => "another version",
            };
            format!(
                "This site’s data was made by {age} of Kiosque than this page: the data is \
                 version {found}, this page reads version {supported}.x. {remedy}"
            )
        }
        SchemaError::Malformed(version) => format!(
            "This site’s data says it has version “{version}”, which this page does not \
             recognise. {remedy}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::check_schema;

    #[test]
    fn the_empty_sidebar_says_when_the_view_is_filtered() {
        assert_eq!(
            no_entity_listed("  ", false),
            "No entities in these articles."
        );
        assert_eq!(no_entity_listed("", true), "No entities in these articles.");
        assert_eq!(
            no_entity_listed(" kursk ", false),
            "No entity matches “kursk”."
        );
        assert_eq!(
            no_entity_listed("kursk", true),
            "No entity matches “kursk” in these articles."
        );
    }

    #[test]
    fn a_newer_major_names_both_versions_and_the_publisher() {
        let error = check_schema("3.0").expect_err("refused");
        let message = schema_mismatch(&error);
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
    }

    #[test]
    fn an_older_major_is_called_older() {
        // Data contract 1 (`index.json`), as a site not rebuilt since holds.
        let error = check_schema("1.2").expect_err("refused");
        let message = schema_mismatch(&error);
        assert!(message.contains("an older version"), "{message}");
        assert!(message.contains("1.2"), "{message}");
    }

    #[test]
    fn an_unreadable_version_is_quoted() {
        let error = check_schema("one").expect_err("refused");
        let message = schema_mismatch(&error);
        assert!(message.contains("“one”"), "{message}");
        assert!(message.contains("publisher"), "{message}");
    }
}
