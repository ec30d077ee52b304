//! Finding and reading input files: directories are walked recursively, each file is read
//! once and by its extension, and every failure names the file (and line) and the reason.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use encoding_rs::{DecoderResult, Encoding};
use kiosque_extract::clean::Format;
use kiosque_extract::source::{self, Document, SourceError};
use rayon::prelude::*;
use serde_json::Value;
use walkdir::WalkDir;

/// The extensions `kiosque build` reads.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl", "json"];

/// The default limit on an article's text (2 MiB of UTF-8, about 300,000 words: a hundred times
/// the longest news articles). Analysis takes about 0.7 s and 70 MB of memory per MiB of text,
/// so one runaway input (a whole site dumped on one line) cannot take minutes and gigabytes.
pub const DEFAULT_MAX_ARTICLE_SIZE: u64 = 2 * 1024 * 1024;

/// A saved web page may be this many times the article size limit before it is refused
/// unread: pages carry markup, scripts and styles around the article (the largest page of the
/// shared corpus is 1 MB).
pub const PAGE_SIZE_FACTOR: u64 = 8;

/// How inputs are read.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// The largest article text accepted, in bytes of UTF-8.
    pub max_article_size: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_article_size: DEFAULT_MAX_ARTICLE_SIZE,
        }
    }
}

/// A file, or a line of a JSON Lines file, that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file.
    pub path: PathBuf,
    /// The 1-based line (or array element) of a JSON input, if the problem is there.
    pub line: Option<usize>,
    /// What went wrong.
    pub reason: String,
    /// What the failures of its kind are, for the line counting those not printed (one of
    /// [`failure`]'s).
    pub kind: &'static str,
}

/// The kinds of inputs that could not be read, as the line counting those not printed names
/// them ([`crate::message::by_kind`]).
pub mod failure {
    use kiosque_extract::source::SourceError;

    /// Missing, unlistable or unreadable files.
    pub const FILES: &str = "files that could not be read";
    /// Bytes that are not UTF-8 or UTF-16 text.
    pub const NOT_TEXT: &str = "files that are not UTF-8 or UTF-16 text";
    /// An article above `--max-article-size`.
    pub const TOO_LARGE: &str = "articles above the size limit";
    /// A JSON line or file that does not parse.
    pub const NOT_JSON: &str = "records that are not valid JSON";
    /// A JSON value that is not an object.
    pub const NOT_AN_OBJECT: &str = "records that are not JSON objects";
    /// A field of the wrong type.
    pub const FIELD_TYPE: &str = "records with a field of the wrong type";
    /// No article text.
    pub const NO_TEXT: &str = "records and files with no article text";
    /// Front matter that cannot be read.
    pub const FRONT_MATTER: &str = "files whose front matter cannot be read";
    /// A saved page with no article in it.
    pub const NO_ARTICLE: &str = "HTML pages with no article found";
    /// A record of `kiosque extract` without the id its output is keyed by.
    pub const NO_ID: &str = "records with no \"id\"";

    /// Every kind, for reading them back from a record.
    pub const ALL: [&str; 10] = [
        FILES,
        NOT_TEXT,
        TOO_LARGE,
        NOT_JSON,
        NOT_AN_OBJECT,
        FIELD_TYPE,
        NO_TEXT,
        FRONT_MATTER,
        NO_ARTICLE,
        NO_ID,
    ];

    /// The kind named `name`, as [`ALL`] has it.
    pub fn named(name: &str) -> Option<&'static str> {
        crate::message::kind_named(&ALL, name)
    }

    /// The kind of a record or file that failed to parse.
    pub fn of(error: &SourceError) -> &'static str {
        match error {
            SourceError::FrontMatter(_) | SourceError::UnclosedFrontMatter => FRONT_MATTER,
            SourceError::Json(_) => NOT_JSON,
            SourceError::Html(_) => NO_ARTICLE,
            SourceError::NoText => NO_TEXT,
            SourceError::NotAnObject(_) => NOT_AN_OBJECT,
            SourceError::FieldType { .. } => FIELD_TYPE,
        }
    }
}

impl crate::message::OfKind for InputError {
    fn kind(&self) -> &'static str {
        self.kind
    }
    fn text(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", origin(&self.path, self.line), self.reason)
    }
}

impl std::error::Error for InputError {}

/// Something about the inputs that was done differently than asked: the input is still used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputWarning {
    /// Where: `path` or `path:line`.
    pub origin: String,
    /// What and what was done.
    pub message: String,
}

impl fmt::Display for InputWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

/// `path` or `path:line`, as messages name an input.
pub fn origin(path: &Path, line: Option<usize>) -> String {
    kiosque_corpus::Origin::new(path, line).to_string()
}

/// The name of the file an article is alone in, without its extension (none for an article on
/// a line of a JSON Lines or JSON file): its id when its title is derived.
pub fn file_stem(path: &Path, line: Option<usize>) -> Option<String> {
    let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned());
    let name = stem(path)?;
    let name = match read_as(path) {
        (_, true) => stem(Path::new(&name))?,
        (_, false) => name,
    };
    line.is_none().then_some(name)
}

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
        origin(&self.path, self.line)
    }

    /// What the corpus pipeline needs of it: its document, and where it came from for messages
    /// and ids (the file's name is an article's id when its title is derived).
    pub fn into_source(self) -> kiosque_corpus::Source {
        let origin = kiosque_corpus::Origin::new(&self.path, self.line);
        let file_stem = file_stem(&self.path, self.line);
        kiosque_corpus::Source {
            origin,
            file_stem,
            document: self.document,
        }
    }

    /// What reading it ignored or changed, with where.
    pub fn warnings(&self) -> impl Iterator<Item = InputWarning> + '_ {
        self.document.warnings.iter().map(|w| InputWarning {
            origin: self.origin(),
            message: w.to_string(),
        })
    }
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The articles, in input order, each once.
    pub articles: Vec<Input>,
    /// What could not be read.
    pub errors: Vec<InputError>,
    /// Files given twice and articles given twice (read once).
    pub warnings: Vec<InputWarning>,
}

/// Reads every article of the given files and directories: each file once, in parallel (copies
/// of an article are left out later, by [`kiosque_corpus::once_each`]).
pub fn read_all(paths: &[PathBuf], options: &ReadOptions) -> Inputs {
    let (files, mut errors, warnings) = discover(paths);
    let read: Vec<(Vec<Input>, Vec<InputError>)> =
        files.par_iter().map(|f| read(f, options)).collect();
    let mut articles = Vec::new();
    for (ok, failed) in read {
        articles.extend(ok);
        errors.extend(failed);
    }
    Inputs {
        articles,
        errors,
        warnings,
    }
}

/// Expands the given paths into the files to read, hidden files and unknown extensions
/// skipped in directories (sorted). A file named explicitly is read whatever its extension
/// says. A file reached twice (given twice, or also inside a given directory) is read once.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>, Vec<InputWarning>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut seen: HashMap<FileKey, PathBuf> = HashMap::new();
    let mut add = |file: PathBuf, warnings: &mut Vec<InputWarning>| {
        let real = FileKey::of(&file);
        match seen.get(&real) {
            Some(first) => warnings.push(InputWarning {
                origin: file.display().to_string(),
                message: format!("the same file as {}; read once", first.display()),
            }),
            None => {
                seen.insert(real, file.clone());
                files.push(file);
            }
        }
    };
    for path in paths {
        if is_dash(path) {
            add(path.clone(), &mut warnings);
        } else if path.is_dir() {
            let walker = WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            // Files of other kinds (a .docx, a .csv, a README) are left out, and said so.
            let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_known_extension(e.path()) => {
                        add(e.into_path(), &mut warnings);
                    }
                    Ok(e) if e.file_type().is_file() => {
                        let ext = e.path().extension().map_or_else(
                            || "no extension".to_owned(),
                            |x| format!(".{}", x.to_string_lossy().to_lowercase()),
                        );
                        *skipped.entry(ext).or_default() += 1;
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(InputError {
                        path: e.path().map_or_else(|| path.clone(), Path::to_path_buf),
                        line: None,
                        reason: e.to_string(),
                        kind: failure::FILES,
                    }),
                }
            }
            if !skipped.is_empty() {
                let total: usize = skipped.values().sum();
                let kinds: Vec<String> = skipped
                    .iter()
                    .map(|(ext, n)| format!("{ext} {n}"))
                    .collect();
                warnings.push(InputWarning {
                    origin: path.display().to_string(),
                    message: format!(
                        "{} not read, of a kind kiosque does not read ({}); it reads {} (also gzip-compressed, .gz), and a file given by name is read as plain text",
                        crate::message::count(total, "file"),
                        kinds.join(", "),
                        EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(", ")
                    ),
                });
            }
        } else if path.exists() {
            add(path.clone(), &mut warnings);
        } else {
            errors.push(InputError {
                path: path.clone(),
                line: None,
                reason: "no such file or directory".to_owned(),
                kind: failure::FILES,
            });
        }
    }
    (files, errors, warnings)
}

/// What makes two paths one file: its device and inode where the system gives them (a
/// symbolic or hard link to it is the same file), else its canonical path.
#[derive(Debug, PartialEq, Eq, Hash)]
enum FileKey {
    Inode(u64, u64),
    Path(PathBuf),
}

impl FileKey {
    fn of(path: &Path) -> FileKey {
        #[cfg(unix)]
        if !is_dash(path)
            && let Ok(meta) = fs::metadata(path)
        {
            use std::os::unix::fs::MetadataExt;
            return FileKey::Inode(meta.dev(), meta.ino());
        }
        FileKey::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// The whole text of one file as `build` reads it (UTF-8, or UTF-16 with a byte order mark;
/// decompressed if its name ends in `.gz`), or of standard input for `-`: the JSON Lines file
/// of `extract`. The error says why, to follow the file's name.
pub fn read_text(path: &Path) -> Result<String, String> {
    if path.is_dir() {
        return Err(
            "is a directory: give one JSON Lines file (or - for standard input)".to_owned(),
        );
    }
    let bytes = if read_as(path).1 {
        gunzip(path, u64::MAX).map(Option::unwrap_or_default)
    } else {
        read_bytes(path)
    };
    decode(bytes.map_err(|e| format!("cannot read: {e}"))?, false)
}

/// The whole bytes of a file, or of standard input for `-` (an analyses file, whose build-cache
/// records are binary).
pub fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    if is_dash(path) {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        fs::read(path)
    }
}

/// Whether `path` is `-`: standard input where a command reads (JSON Lines records), standard
/// output where it writes.
pub fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn has_known_extension(path: &Path) -> bool {
    read_as(path)
        .0
        .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// The extension a file is read by (lowercase), and whether it is gzip-compressed first:
/// `a.jsonl.gz` is read as JSON Lines once decompressed.
fn read_as(path: &Path) -> (Option<String>, bool) {
    match extension(path) {
        Some(gz) if gz == "gz" => (
            path.file_stem().and_then(|stem| extension(Path::new(stem))),
            true,
        ),
        ext => (ext, false),
    }
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

/// Reads one file into its articles. A JSON Lines file gives one article per line; a bad line
/// is reported and the others are kept. Articles above the size limit are refused here, before
/// any analysis.
pub fn read(path: &Path, options: &ReadOptions) -> (Vec<Input>, Vec<InputError>) {
    let error = |line: Option<usize>, kind: &'static str, reason: String| InputError {
        path: path.to_path_buf(),
        line,
        reason,
        kind,
    };
    let (ext, gzip) = if is_dash(path) {
        ("jsonl".to_owned(), false)
    } else {
        let (ext, gzip) = read_as(path);
        (ext.unwrap_or_default(), gzip)
    };
    // A file that is one article and far above the limit is not even read. Its text may take
    // up to twice its bytes less (UTF-16); a page carries markup around its text. JSON files
    // hold many articles: their records are checked one by one.
    let most = |factor: u64| options.max_article_size.saturating_mul(factor);
    let unread_above = match ext.as_str() {
        _ if is_dash(path) => None,
        "jsonl" | "json" => None,
        "html" | "htm" => Some((most(PAGE_SIZE_FACTOR), "page")),
        _ => Some((most(2), "file")),
    };
    if let Some((above, what)) = unread_above
        && let Ok(meta) = fs::metadata(path)
        && meta.len() > above
    {
        let reason = format!(
            "the {what} is {}, too large for an article under the limit of {}: not read; {}",
            size(meta.len()),
            size(options.max_article_size),
            raise_limit(meta.len())
        );
        return (vec![], vec![error(None, failure::TOO_LARGE, reason)]);
    }
    let bytes = if is_dash(path) {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else if gzip {
        // A file of one article is decompressed no further than the limit allows.
        let most = unread_above.map_or(u64::MAX, |(above, _)| above);
        match gunzip(path, most) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => {
                let reason = format!(
                    "the decompressed file is more than {}, too large for an article under the limit of {}: not read; {}",
                    size(most),
                    size(options.max_article_size),
                    raise_limit(most)
                );
                return (vec![], vec![error(None, failure::TOO_LARGE, reason)]);
            }
            Err(e) => {
                let reason = format!("cannot decompress (gzip): {e}");
                return (vec![], vec![error(None, failure::FILES, reason)]);
            }
        }
    } else {
        fs::read(path)
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            let reason = format!("cannot read: {e}");
            return (vec![], vec![error(None, failure::FILES, reason)]);
        }
    };
    let content = match decode(bytes, matches!(ext.as_str(), "html" | "htm")) {
        Ok(s) => s,
        Err(reason) => return (vec![], vec![error(None, failure::NOT_TEXT, reason)]),
    };
    let check = |line: Option<usize>, document: Document| -> Result<Input, InputError> {
        let len = document.text.len() as u64;
        if len > options.max_article_size {
            return Err(error(
                line,
                failure::TOO_LARGE,
                format!(
                    "the article text is {}, above the limit of {}: not analysed; {}",
                    size(len),
                    size(options.max_article_size),
                    raise_limit(len)
                ),
            ));
        }
        Ok(Input {
            path: path.to_path_buf(),
            line,
            document,
        })
    };
    match ext.as_str() {
        "jsonl" => {
            // One big file is parsed on every core: lines are independent records, and the
            // results come back in line order.
            let lines: Vec<(usize, &str)> = content
                .lines()
                .enumerate()
                .filter(|(_, line)| !line.trim().is_empty())
                .collect();
            let parsed: Vec<Result<Input, InputError>> = lines
                .into_par_iter()
                .map(|(n, line)| match source::parse_json_line(line) {
                    Ok(doc) => check(Some(n + 1), doc),
                    Err(e) => Err(error(Some(n + 1), failure::of(&e), e.to_string())),
                })
                .collect();
            let mut inputs = Vec::new();
            let mut errors = Vec::new();
            for result in parsed {
                match result {
                    Ok(input) => inputs.push(input),
                    Err(e) => errors.push(e),
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
                        Ok(doc) => match check(Some(n + 1), doc) {
                            Ok(input) => inputs.push(input),
                            Err(e) => errors.push(e),
                        },
                        Err(e) => errors.push(error(
                            Some(n + 1),
                            failure::of(&e),
                            format!("record {}: {e}", n + 1),
                        )),
                    }
                }
                (inputs, errors)
            }
            Ok(value) => one(source::parse_record(value), check, error),
            Err(e) => (
                vec![],
                vec![error(
                    None,
                    failure::NOT_JSON,
                    SourceError::Json(e.to_string()).to_string(),
                )],
            ),
        },
        "html" | "htm" => one(
            kiosque_extract::html::parse_html(&content, None),
            check,
            error,
        ),
        "md" | "markdown" => one(source::parse_text(&content, Format::Markdown), check, error),
        _ => one(source::parse_text(&content, Format::Text), check, error),
    }
}

/// The decompressed bytes of the gzip file at `path` (every member, as `zcat` gives them), or
/// `None` when they are more than `most`.
fn gunzip(path: &Path, most: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = fs::File::open(path)?;
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file))
        .take(most.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= most).then_some(bytes))
}

/// How to get past the size limit, for messages: the flag, with a value that lets `bytes` in.
fn raise_limit(bytes: u64) -> String {
    let mib = bytes.div_ceil(1024 * 1024).next_power_of_two();
    format!("--max-article-size raises the limit (e.g. --max-article-size {mib}MiB)")
}

/// A size in bytes as people read it: `512 bytes`, `1.5 KiB`, `50.0 MiB`, `2 MiB`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A file's text: UTF-8 (a byte order mark is dropped), or UTF-16 when it starts with the
/// UTF-16 byte order mark, which makes it unambiguous; a saved page (`html`) that is not UTF-8
/// may declare its charset (`<meta charset="windows-1252">`), and is read in it.
fn decode(bytes: Vec<u8>, html: bool) -> Result<String, String> {
    use encoding_rs::{UTF_16BE, UTF_16LE};
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err("UTF-32 text is not supported: convert it to UTF-8".to_owned());
    }
    let utf16 = |encoding: &'static Encoding| {
        decode_as(encoding, &bytes[2..]).map_err(|at| {
            format!(
                "not UTF-16 text (bytes that are not UTF-16 at byte {})",
                2 + at
            )
        })
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, ..] => utf16(UTF_16LE),
        [0xFE, 0xFF, ..] => utf16(UTF_16BE),
        _ => {
            let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
                Some(rest) => rest.to_vec(),
                None => bytes,
            };
            String::from_utf8(bytes).or_else(|e| {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                match declared_charset(&bytes).filter(|_| html) {
                    Some(encoding) => decode_as(encoding, &bytes).map_err(|at| {
                        format!(
                            "not {} text as the page declares (bytes that are not at offset {at}); convert it to UTF-8",
                            encoding.name()
                        )
                    }),
                    None => Err(format!(
                        "not UTF-8 text (invalid byte at offset {at}); convert it to UTF-8 (from Latin-1 or Windows-1252: iconv -f WINDOWS-1252 -t UTF-8)"
                    )),
                }
            })
        }
    }
}

/// `bytes` in `encoding` (no byte order mark), or the offset of the first bytes that are not.
fn decode_as(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(0usize)?;
    let mut text = String::with_capacity(room);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, _) => Err(read.saturating_sub(usize::from(bad))),
        DecoderResult::OutputFull => Err(read),
    }
}

/// The charset a saved page declares in its first 4 KiB (`<meta charset="…">`, or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`), if it names one.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> = lower[at..]
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .copied()
        .collect();
    Encoding::for_label(&label)
}

fn one(
    result: Result<Document, SourceError>,
    check: impl Fn(Option<usize>, Document) -> Result<Input, InputError>,
    error: impl Fn(Option<usize>, &'static str, String) -> InputError,
) -> (Vec<Input>, Vec<InputError>) {
    match result {
        Ok(doc) if doc.text.trim().is_empty() => (
            vec![],
            vec![error(None, failure::NO_TEXT, "no article text".to_owned())],
        ),
        Ok(doc) => match check(None, doc) {
            Ok(input) => (vec![input], vec![]),
            Err(e) => (vec![], vec![e]),
        },
        Err(e) => (vec![], vec![error(None, failure::of(&e), e.to_string())]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_byte_order_mark_is_read_and_other_bytes_refused() {
        let text = "Zoé à Kyiv 👋";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(le, false).as_deref(), Ok(text));
        assert_eq!(decode(be, false).as_deref(), Ok(text));
        assert_eq!(
            decode(b"\xEF\xBB\xBF{\"text\": 1}".to_vec(), false).as_deref(),
            Ok("{\"text\": 1}")
        );
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], false),
            Err("not UTF-16 text (bytes that are not UTF-16 at byte 2)".to_owned())
        );
        assert!(
            decode(b"caf\xe9".to_vec(), false)
                .is_err_and(|e| e.starts_with("not UTF-8 text (invalid byte at offset 3)"))
        );
    }

    /// A saved page that is not UTF-8 is read in the charset it declares; one that declares
    /// none, or text that is not a page, is refused with how to convert it.
    #[test]
    fn a_page_is_read_in_the_charset_it_declares() {
        let page = |meta: &str| -> Vec<u8> {
            let mut bytes = format!("<html><head>{meta}<title>").into_bytes();
            bytes.extend(b"Caf\xe9 cr\xe8me \x96 \x80</title></head></html>");
            bytes
        };
        let read = "Café crème – €</title></head></html>";
        for meta in [
            r#"<meta charset="windows-1252">"#,
            r#"<META CHARSET=ISO-8859-1>"#,
            r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#,
        ] {
            let text = decode(page(meta), true).expect(meta);
            assert!(text.ends_with(read), "{meta}: {text}");
        }
        // Declared but not so: the bytes are named.
        let koi8 = decode(page(r#"<meta charset="utf-8">"#), true);
        assert!(
            koi8.as_ref()
                .is_err_and(|e| e.starts_with("not UTF-8 text")),
            "{koi8:?}"
        );
        for (bytes, html) in [
            (page(""), true),
            (page(r#"<meta charset="windows-1252">"#), false),
        ] {
            assert!(
                decode(bytes, html).is_err_and(|e| e.contains("iconv -f WINDOWS-1252")),
                "{html}"
            );
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(2 * 1024 * 1024), "2 MiB");
        assert_eq!(size(52_428_854), "50.0 MiB");
        assert_eq!(size(1536), "1.5 KiB");
    }
}
