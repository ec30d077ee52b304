//! Finding and reading input files: directories are walked recursively, each file is read by
//! its extension, and every failure names the file (and line) and the reason.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use kiosque_extract::clean::Format;
use kiosque_extract::source::{self, Document, SourceError};
use serde_json::Value;
use walkdir::WalkDir;

/// The extensions `kiosque build` reads.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl", "json"];

/// A file, or a line of a JSON Lines file, that could not be read.
#[derive(Debug)]
pub struct InputError {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line (or array element) of a JSON input, if the problem is there.
    pub line: Option<usize>,
    /// What went wrong.
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.reason),
            None => write!(f, "{}: {}", self.path.display(), self.reason),
        }
    }
}

impl std::error::Error for InputError {}

/// One article read from the inputs, with where it came from.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file it was read from.
    pub path: PathBuf,
    /// The line of a JSON Lines file, if any.
    pub line: Option<usize>,
    /// The article.
    pub document: Document,
}

impl Input {
    /// Where it came from, for messages: `path` or `path:line`.
    pub fn origin(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

/// Expands the given paths into the files to read, sorted, hidden files and unknown extensions
/// skipped in directories. A file named explicitly is read whatever its extension says.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let walker = WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_known_extension(e.path()) => {
                        files.push(e.into_path());
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(InputError {
                        path: e.path().map_or_else(|| path.clone(), Path::to_path_buf),
                        line: None,
                        reason: e.to_string(),
                    }),
                }
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            errors.push(InputError {
                path: path.clone(),
                line: None,
                reason: "no such file or directory".to_owned(),
            });
        }
    }
    (files, errors)
}

fn has_known_extension(path: &Path) -> bool {
    extension(path).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

/// Reads one file into its articles. A JSON Lines file gives one article per line; a bad line
/// is reported and the others are kept.
pub fn read(path: &Path) -> (Vec<Input>, Vec<InputError>) {
    let error = |line: Option<usize>, reason: String| InputError {
        path: path.to_path_buf(),
        line,
        reason,
    };
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => return (vec![], vec![error(None, format!("cannot read: {e}"))]),
    };
    let content = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            return (
                vec![],
                vec![error(
                    None,
                    format!("not UTF-8 text (invalid byte at offset {at})"),
                )],
            );
        }
    };
    let input = |line, document| Input {
        path: path.to_path_buf(),
        line,
        document,
    };
    let ext = extension(path).unwrap_or_default();
    match ext.as_str() {
        "jsonl" => {
            let mut inputs = Vec::new();
            let mut errors = Vec::new();
            for (n, line) in content.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match source::parse_json_line(line) {
                    Ok(doc) => inputs.push(input(Some(n + 1), doc)),
                    Err(e) => errors.push(error(Some(n + 1), e.to_string())),
                }
            }
            (inputs, errors)
        }
        "json" => match serde_json::from_str::<Value>(&content) {
            Ok(Value::Array(items)) => {
                let mut inputs = Vec::new();
                let mut errors = Vec::new();
                for (n, item) in items.into_iter().enumerate() {
                    match source::parse_record(item) {
                        Ok(doc) => inputs.push(input(Some(n + 1), doc)),
                        Err(e) => errors.push(error(Some(n + 1), format!("record {}: {e}", n + 1))),
                    }
                }
                (inputs, errors)
            }
            Ok(value) => one(source::parse_record(value).map(|d| input(None, d)), error),
            Err(e) => (
                vec![],
                vec![error(None, SourceError::Json(e.to_string()).to_string())],
            ),
        },
        "html" | "htm" => one(
            kiosque_extract::html::parse_html(&content, None).map(|d| input(None, d)),
            error,
        ),
        "md" | "markdown" => one(
            source::parse_text(&content, Format::Markdown).map(|d| input(None, d)),
            error,
        ),
        _ => one(
            source::parse_text(&content, Format::Text).map(|d| input(None, d)),
            error,
        ),
    }
}

fn one(
    result: Result<Input, SourceError>,
    error: impl Fn(Option<usize>, String) -> InputError,
) -> (Vec<Input>, Vec<InputError>) {
    match result {
        Ok(input) if input.document.text.trim().is_empty() => {
            (vec![], vec![error(None, "no article text".to_owned())])
        }
        Ok(input) => (vec![input], vec![]),
        Err(e) => (vec![], vec![error(None, e.to_string())]),
    }
}
