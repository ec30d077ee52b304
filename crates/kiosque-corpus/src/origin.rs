//! Where an article came from: a file, and its line when the file holds one article a line.
//! Kept as the two apart (a file may be named `dépêche:12`), written `path:line` only for
//! messages.

use std::cmp::Ordering;
use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// Where an article came from: the file (`-` for standard input) and, for a record of a JSON
/// Lines file, its line. Ordered as inputs are read: by path, component by component (as
/// directories are walked), then line.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Origin {
    /// The file's path, as messages show it.
    pub path: String,
    /// The line of a JSON Lines file (from 1), if the article is one of its records.
    pub line: Option<usize>,
}

impl Origin {
    /// The origin of the article at `line` (if any) of the file at `path`.
    pub fn new(path: &Path, line: Option<usize>) -> Self {
        Self {
            path: path.display().to_string(),
            line,
        }
    }
}

impl fmt::Display for Origin {
    /// `path` or `path:line`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

impl Ord for Origin {
    fn cmp(&self, other: &Self) -> Ordering {
        Path::new(&self.path)
            .cmp(Path::new(&other.path))
            .then(self.line.cmp(&other.line))
    }
}

impl PartialOrd for Origin {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Origin {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Origin {}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str, line: Option<usize>) -> Origin {
        Origin::new(Path::new(path), line)
    }

    #[test]
    fn origins_order_by_path_components_then_line_number() {
        assert!(at("a.jsonl", Some(9)) < at("a.jsonl", Some(10)));
        assert!(at("a.jsonl", Some(10)) < at("b.jsonl", Some(1)));
        // As a directory walk meets them: `in/a/…` before `in/a-b/…`.
        assert!(at("in/a/x.txt", None) < at("in/a-b/y.txt", None));
        assert_eq!(at("notes.txt", None), at("notes.txt", None));
    }

    #[test]
    fn a_colon_and_digits_in_a_file_name_are_part_of_its_path() {
        // Read back from `path:line`, each pair below compared the other way round (or equal).
        assert!(at("b:12", None) < at("b:3", None));
        assert!(at("b", Some(99)) < at("b:12", None));
        assert_eq!(at("dépêche:12", None).to_string(), "dépêche:12");
        assert_eq!(at("dépêche", Some(12)).to_string(), "dépêche:12");
        assert_ne!(at("dépêche:12", None), at("dépêche", Some(12)));
    }
}
