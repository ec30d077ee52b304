//! Versioning of the data contract.

use thiserror::Error;

/// The version this build writes and reads: `MAJOR.MINOR`.
///
/// A reader accepts any data with the same major version (minor versions only add optional
/// fields) and refuses other majors with [`SchemaError`].
pub const SCHEMA_VERSION: &str = "2.11";

/// Why site data cannot be read by this version of Kiosque.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SchemaError {
    /// The data says it is of a major version this reader does not know.
    #[error(
        "the site data has schema version {found}, but this version of Kiosque reads version {supported}.x; rebuild the data with a matching `kiosque build`"
    )]
    UnsupportedMajor {
        /// The version found in the data.
        found: String,
        /// The major version this reader supports.
        supported: u32,
    },
    /// The version string is not `MAJOR.MINOR`.
    #[error(
        "the site data has an unreadable schema version {0:?} (expected MAJOR.MINOR, e.g. \"1.0\")"
    )]
    Malformed(String),
}

/// The major part of a `MAJOR.MINOR` version string.
fn major(version: &str) -> Option<u32> {
    let (major, minor) = version.split_once('.')?;
    minor.parse::<u32>().ok()?;
    major.parse().ok()
}

/// Checks that data of `version` can be read by this build.
pub fn check_schema(version: &str) -> Result<(), SchemaError> {
    let supported = major(SCHEMA_VERSION).unwrap_or(1);
    match major(version) {
        Some(found) if found == supported => Ok(()),
        Some(_) => Err(SchemaError::UnsupportedMajor {
            found: version.to_owned(),
            supported,
        }),
        None => Err(SchemaError::Malformed(version.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_major_any_minor_is_accepted() {
        assert_eq!(check_schema(SCHEMA_VERSION), Ok(()));
        assert_eq!(check_schema("2.0"), Ok(()));
        assert_eq!(check_schema("2.7"), Ok(()));
    }

    #[test]
    fn other_major_is_refused_with_both_versions_named() {
        // Data contract 1 (index.json and articles/) and a future major alike.
        for old_or_new in ["1.2", "1.0", "3.0"] {
            let err = check_schema(old_or_new).expect_err("another major is refused");
            let message = err.to_string();
            assert!(
                message.contains(old_or_new) && message.contains("2.x"),
                "{message}"
            );
        }
    }

    #[test]
    fn garbage_is_malformed() {
        assert!(matches!(
            check_schema("one"),
            Err(SchemaError::Malformed(_))
        ));
        assert!(matches!(check_schema("2"), Err(SchemaError::Malformed(_))));
        assert!(matches!(check_schema(""), Err(SchemaError::Malformed(_))));
    }
}
