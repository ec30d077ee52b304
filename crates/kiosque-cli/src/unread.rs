//! Input files unchanged since the last build, which a rebuild does not read again.
//!
//! Each build with the default cache records, beside its analyses cache
//! (`<cache dir>/inputs/<output>-<hash>.inputs`), every input file it read with the file's
//! stamp (device, inode, size, modification and status-change times to the nanosecond), the key
//! of each article it holds with what reading it warned of (a date that is not one…), and what
//! in it could not be read (a truncated JSON line, a record without text). The next build takes
//! the articles of a file whose stamp is unchanged from the analyses cache by those keys, with
//! those warnings and errors, without opening the file. Any write to a file changes its status-change time, which no program can set back, so
//! a file edited in any way is read again; so is every file when the size limit changed, when
//! an article's analysis is not in the cache, or when the record is missing or damaged (it
//! ends with a SHA-256 of its lines, so that a record cut short or altered is not used): a
//! record only ever saves reading.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use kiosque_corpus::analyses::hex;
use sha2::{Digest, Sha256};

use kiosque_extract::source::Warning;

use crate::input::InputError;
use crate::warnings::{self, Warned};

/// The first line of a record, before the size limit it was made under.
const HEADER: &str = "kiosque-inputs 4";

/// The start of a record's last line, before the SHA-256 of the lines above it (newlines
/// included): a record cut at a line's end would otherwise read, less the articles it lost.
const END: &str = "E\t";

/// What tells that a file is unchanged: device, inode, size, modification time and
/// status-change time (seconds and nanoseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp([i64; 7]);

impl Stamp {
    /// The stamp of the file at `path`, where the file system gives one (not for `-`).
    pub fn of(path: &Path) -> Option<Stamp> {
        if crate::input::is_dash(path) {
            return None;
        }
        Stamp::of_metadata(&fs::metadata(path).ok()?)
    }

    #[cfg(unix)]
    fn of_metadata(meta: &fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp([
            i64::try_from(meta.dev()).ok()?,
            i64::try_from(meta.ino()).ok()?,
            i64::try_from(meta.size()).ok()?,
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec(),
        ]))
    }

    #[cfg(not(unix))]
    fn of_metadata(_: &fs::Metadata) -> Option<Stamp> {
        None
    }

    /// Appends the stamp to a record's line: its seven numbers, each after a tab.
    pub fn write_to(&self, text: &mut String) {
        for value in self.0 {
            let _ = write!(text, "\t{value}");
        }
    }

    /// The stamp written by [`Stamp::write_to`], from a line's next seven fields.
    pub fn parse<'a>(fields: &mut impl Iterator<Item = &'a str>) -> Option<Stamp> {
        let mut stamp = [0i64; 7];
        for value in &mut stamp {
            *value = fields.next()?.parse().ok()?;
        }
        Some(Stamp(stamp))
    }

    /// Whether the file's last change was at least [`SETTLE`] before `stamped` (when the stamp
    /// was taken): only then can a change after the stamp not share its times, on file systems
    /// whose clock ticks coarsely (a few milliseconds on many Linux kernels, seconds on some).
    /// A file changed more recently is read again next time, and recorded then.
    pub fn settled(&self, stamped: SystemTime) -> bool {
        let [.., seconds, nanoseconds] = self.0;
        let changed = match (u64::try_from(seconds), u32::try_from(nanoseconds)) {
            (Ok(s), Ok(n)) => UNIX_EPOCH + Duration::new(s, n),
            // Before 1970: long settled.
            _ => UNIX_EPOCH,
        };
        changed + SETTLE <= stamped
    }
}

/// How long a file must have been left unchanged before it is stamped for the record.
pub const SETTLE: Duration = Duration::from_secs(2);

/// The articles of one input file: the line of each (in a JSON Lines or JSON file), the key of
/// its document, and what reading it warned of.
pub type Articles = Vec<(Option<usize>, String, Vec<Warning>)>;

/// What the record keeps of one input file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    /// Its articles.
    pub articles: Articles,
    /// What in it could not be read, as reading it said.
    pub errors: Vec<InputError>,
}

/// The record of the input files the last build read.
#[derive(Debug, Default)]
pub struct Record {
    /// By path as the build found it: the file's stamp and what it holds.
    files: HashMap<PathBuf, (Stamp, Recorded)>,
}

impl Record {
    /// The record at `path`, if it was made under the same article size limit; empty if it is
    /// missing, damaged or was made under another limit.
    pub fn read(path: &Path, max_article_size: u64) -> Record {
        fs::read_to_string(path)
            .ok()
            .and_then(|text| Record::parse(&text, max_article_size))
            .unwrap_or_default()
    }

    /// The record whose text is `text` (see [`Record::read`]).
    pub fn parse(text: &str, max_article_size: u64) -> Option<Record> {
        let body = checked(text)?;
        let mut lines = body.lines();
        if lines.next()? != format!("{HEADER}\t{max_article_size}") {
            return None;
        }
        let mut files: HashMap<PathBuf, (Stamp, Recorded)> = HashMap::new();
        let mut current: Option<(PathBuf, &mut Recorded)> = None;
        for line in lines {
            let mut fields = line.split('\t');
            match fields.next()? {
                "F" => {
                    let stamp = Stamp::parse(&mut fields)?;
                    let path = PathBuf::from(fields.next()?);
                    let entry = files
                        .entry(path.clone())
                        .or_insert((stamp, Recorded::default()));
                    current = Some((path, &mut entry.1));
                }
                "A" => {
                    let line = line_of(fields.next()?)?;
                    let key = fields.next()?.to_owned();
                    // Its warnings, as JSON (which escapes tabs and line ends), if any.
                    let warnings = match fields.next() {
                        Some(json) => serde_json::from_str(json).ok()?,
                        None => Vec::new(),
                    };
                    current.as_mut()?.1.articles.push((line, key, warnings));
                }
                "X" => {
                    let line = line_of(fields.next()?)?;
                    let kind = crate::input::failure::named(fields.next()?)?;
                    // The reason, as a JSON string (which escapes tabs and line ends).
                    let reason = serde_json::from_str(fields.next()?).ok()?;
                    let (path, held) = current.as_mut()?;
                    held.errors.push(InputError {
                        path: path.clone(),
                        line,
                        reason,
                        kind,
                    });
                }
                _ => return None,
            }
        }
        Some(Record { files })
    }

    /// What the file at `path` holds, if it is recorded with this stamp.
    pub fn unchanged(&self, path: &Path, stamp: Option<Stamp>) -> Option<&Recorded> {
        let (recorded, held) = self.files.get(path)?;
        (Some(*recorded) == stamp).then_some(held)
    }

    /// Keeps at `path` the files read by this build, replacing the record in one step. Best
    /// effort: a record that cannot be written is removed (the next build reads every file).
    pub fn save(path: &Path, max_article_size: u64, files: &[(&Path, Stamp, Recorded)]) {
        let mut text = format!("{HEADER}\t{max_article_size}\n");
        for (file, stamp, held) in files {
            // A name the format cannot hold is not recorded: that file is read every time.
            let Some(name) = file.to_str().filter(|n| !n.contains(['\t', '\n', '\r'])) else {
                continue;
            };
            text.push('F');
            stamp.write_to(&mut text);
            let _ = writeln!(text, "\t{name}");
            for (line, key, warnings) in &held.articles {
                let _ = write!(text, "A\t{}\t{key}", line_field(*line));
                if !warnings.is_empty() {
                    text.push('\t');
                    text.push_str(&serde_json::to_string(warnings).unwrap_or_default());
                }
                text.push('\n');
            }
            for e in &held.errors {
                let reason = serde_json::to_string(&e.reason).unwrap_or_default();
                let _ = writeln!(text, "X\t{}\t{}\t{reason}", line_field(e.line), e.kind);
            }
        }
        seal(&mut text);
        crate::cache::save_record(path, &text);
    }
}

/// A line number in a record, or `-` for a file of one article.
fn line_field(line: Option<usize>) -> String {
    line.map_or("-".to_owned(), |n| n.to_string())
}

/// The line [`line_field`] wrote; none if it is neither.
fn line_of(field: &str) -> Option<Option<usize>> {
    match field {
        "-" => Some(None),
        n => Some(Some(n.parse().ok()?)),
    }
}

/// The first line of a record of the last build.
const LAST_HEADER: &str = "kiosque-last-build 4";

/// What the last build of an output left, kept beside its
/// record of the inputs (`<cache dir>/inputs/<output>-<hash>.last`): a fingerprint of everything
/// its site data came from ([`fingerprint`]), and what it said, so that a build with nothing
/// changed can stop early and say the same. Ends with a SHA-256 of its lines, like the record
/// of the inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastBuild {
    /// [`fingerprint`] of that build.
    pub fingerprint: String,
    /// [`content`] of the articles that build read: what its site data was made of.
    pub content: String,
    /// Articles and entities built, then entities by label (in [`kiosque_model::Label::ALL`]
    /// order): what the summary says.
    pub counts: [usize; 6],
    /// Its warnings, in the order printed; none if it was quiet (so they are not known).
    pub warnings: Option<Vec<Warned>>,
}

/// Ends a record's `text` with a last line, [`END`] and the SHA-256 of the lines before it,
/// which [`checked`] verifies (this module's records and the pages' end so).
pub fn seal(text: &mut String) {
    let sum = hex(&Sha256::digest(&*text));
    let _ = writeln!(text, "{END}{sum}");
}

/// The lines of a record sealed by [`seal`], without its last line; none if it was cut or
/// changed.
pub fn checked(text: &str) -> Option<&str> {
    let body = text.strip_suffix('\n')?;
    let (body, sum) = body.rsplit_once('\n')?;
    let body = &text[..=body.len()];
    (sum.strip_prefix(END)? == hex(&Sha256::digest(body))).then_some(body)
}

impl LastBuild {
    /// The record at `path`; none if it is missing or damaged.
    pub fn read(path: &Path) -> Option<LastBuild> {
        LastBuild::parse(&fs::read_to_string(path).ok()?)
    }

    fn parse(text: &str) -> Option<LastBuild> {
        let body = checked(text)?;
        let mut lines = body.lines();
        if lines.next()? != LAST_HEADER {
            return None;
        }
        let fingerprint = lines.next()?.strip_prefix("F\t")?.to_owned();
        let content = lines.next()?.strip_prefix("S\t")?.to_owned();
        let mut counts = [0; 6];
        let mut fields = lines.next()?.strip_prefix("C\t")?.split('\t');
        for count in &mut counts {
            *count = fields.next()?.parse().ok()?;
        }
        let warnings = match lines.next()? {
            "Q" => None,
            "W" => Some(
                lines
                    .map(|line| {
                        let (kind, text) = line.split_once('\t')?;
                        // As a JSON string (which escapes tabs and line ends).
                        let text: String = serde_json::from_str(text).ok()?;
                        Some(Warned::new(warnings::kind::named(kind)?, text))
                    })
                    .collect::<Option<Vec<Warned>>>()?,
            ),
            _ => return None,
        };
        Some(LastBuild {
            fingerprint,
            content,
            counts,
            warnings,
        })
    }

    fn render(&self) -> String {
        let mut text = format!(
            "{LAST_HEADER}\nF\t{}\nS\t{}\nC",
            self.fingerprint, self.content
        );
        for count in self.counts {
            let _ = write!(text, "\t{count}");
        }
        match &self.warnings {
            None => text.push_str("\nQ\n"),
            Some(warnings) => {
                text.push_str("\nW\n");
                for w in warnings {
                    let said = serde_json::to_string(&w.text).unwrap_or_default();
                    let _ = writeln!(text, "{}\t{said}", w.kind);
                }
            }
        }
        seal(&mut text);
        text
    }

    /// Keeps this record at `path`, replacing the one there in one step (best effort).
    pub fn save(&self, path: &Path) {
        crate::cache::save_record(path, &self.render());
    }
}

/// A SHA-256 of everything a build's site data comes from, but the analyses: this kiosque (its
/// version, its extractor's fingerprint and the stamp of its executable, so that any other
/// build of kiosque differs), the working directory and the inputs as given, the files found in
/// them and what finding them said (files of other kinds left out), the size limit, and the texts of the records of the inputs read (each file's stamp and
/// its articles' keys) and of the files written (each file's identity). None where the
/// executable has no stamp.
pub fn fingerprint(
    inputs: &[PathBuf],
    (files, discovered): (&[PathBuf], &[String]),
    max_article_size: u64,
    names: Option<&str>,
    inputs_record: &str,
    written_record: &str,
) -> Option<String> {
    let mut hash = Fields::of_this_kiosque()?;
    hash.field(std::env::current_dir().ok()?.as_os_str().as_encoded_bytes());
    hash.field(&(inputs.len() as u64).to_le_bytes());
    for path in inputs.iter().chain(files) {
        hash.field(path.as_os_str().as_encoded_bytes());
    }
    hash.all(discovered);
    hash.field(&max_article_size.to_le_bytes());
    hash.field(names.unwrap_or("").as_bytes());
    hash.field(inputs_record.as_bytes());
    hash.field(written_record.as_bytes());
    Some(hash.finish())
}

/// A SHA-256 of what a build's site data is made of, and of what it says: this kiosque (as in
/// [`fingerprint`]), the names setting, what finding the input files said (`discovered`), and
/// each article read, in order, by its origin and its key (everything its analysis reads of it,
/// [`kiosque_corpus::analyses::key`], which its warnings come from). Two builds with one content
/// write the same site data and say the same, whatever the times of their input files say: a
/// file written again with the same articles, or touched, is read again but need not be built
/// again. None where the executable has no stamp.
pub fn content<'a>(
    articles: impl ExactSizeIterator<Item = (&'a kiosque_corpus::Origin, &'a str)>,
    discovered: &[String],
    names: Option<&str>,
) -> Option<String> {
    let mut hash = Fields::of_this_kiosque()?;
    hash.field(names.unwrap_or("").as_bytes());
    hash.all(discovered);
    hash.field(&(articles.len() as u64).to_le_bytes());
    for (origin, key) in articles {
        hash.field(origin.to_string().as_bytes());
        hash.field(key.as_bytes());
    }
    Some(hash.finish())
}

/// A SHA-256 of fields, each after its length (so that no two lists of fields hash alike).
struct Fields(Sha256);

impl Fields {
    /// Begun with this kiosque: the record's format, its version, its extractor's fingerprint
    /// and the stamp of its executable (any other build of kiosque differs). None where the
    /// executable has no stamp.
    fn of_this_kiosque() -> Option<Fields> {
        let exe = Stamp::of(&std::env::current_exe().ok()?)?;
        let mut fields = Fields(Sha256::new());
        fields.field(LAST_HEADER.as_bytes());
        fields.field(env!("CARGO_PKG_VERSION").as_bytes());
        fields.field(kiosque_corpus::analyses::extractor().as_bytes());
        fields.field(format!("{:?}", exe.0).as_bytes());
        Some(fields)
    }

    fn field(&mut self, bytes: &[u8]) {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// How many strings, then each.
    fn all(&mut self, strings: &[String]) {
        self.field(&(strings.len() as u64).to_le_bytes());
        for string in strings {
            self.field(string.as_bytes());
        }
    }

    fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two articles, one with a warning, and two lines that could not be read (a reason with
    /// a tab, a newline and a quote).
    fn articles(path: &Path) -> Recorded {
        Recorded {
            articles: vec![
                (Some(1), "a".repeat(64), Vec::new()),
                (
                    Some(3),
                    "b".repeat(64),
                    vec![Warning::NotADate {
                        field: "date".to_owned(),
                        value: "2025-13-45\t\n\"".to_owned(),
                    }],
                ),
            ],
            errors: vec![
                InputError {
                    path: path.to_path_buf(),
                    line: Some(2),
                    reason: "invalid JSON: \"x\"\tat\nline 1".to_owned(),
                    kind: crate::input::failure::NOT_JSON,
                },
                InputError {
                    path: path.to_path_buf(),
                    line: Some(4),
                    reason: "no text".to_owned(),
                    kind: crate::input::failure::NO_TEXT,
                },
            ],
        }
    }

    #[test]
    fn a_record_reads_back_for_the_same_limit_only() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("corpus.jsonl");
        fs::write(&file, "{}\n").expect("written");
        let stamp = Stamp::of(&file);
        assert!(stamp.is_some() || cfg!(not(unix)));
        let Some(stamp) = stamp else { return };
        let record = dir.path().join("record");
        Record::save(&record, 100, &[(file.as_path(), stamp, articles(&file))]);
        let read = Record::read(&record, 100);
        assert_eq!(read.unchanged(&file, Some(stamp)), Some(&articles(&file)));
        assert_eq!(
            Record::read(&record, 200).unchanged(&file, Some(stamp)),
            None
        );
    }

    #[test]
    fn a_file_written_since_is_not_unchanged_even_with_its_old_size_and_time() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("a.txt");
        fs::write(&file, "Kiev").expect("written");
        let Some(before) = Stamp::of(&file) else {
            return;
        };
        let modified = fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("a time");
        // Same size, and the modification time set back as `touch -d` would: the status-change
        // time still tells.
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&file, "Kyiv").expect("written");
        fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(modified))
            .expect("time set back");
        let after = Stamp::of(&file);
        assert_ne!(after, Some(before));
        let record = dir.path().join("record");
        Record::save(&record, 1, &[(file.as_path(), before, articles(&file))]);
        assert_eq!(Record::read(&record, 1).unchanged(&file, after), None);
    }

    #[test]
    fn a_record_cut_short_or_altered_is_not_used() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("corpus.jsonl");
        fs::write(&file, "{}\n").expect("written");
        let Some(stamp) = Stamp::of(&file) else {
            return;
        };
        let record = dir.path().join("record");
        Record::save(&record, 1, &[(file.as_path(), stamp, articles(&file))]);
        let text = fs::read_to_string(&record).expect("saved");
        assert!(Record::parse(&text, 1).is_some());
        // Cut after each of its lines but the last, or with one character changed.
        let ends = text.match_indices('\n').map(|(i, _)| i + 1);
        for end in ends.filter(|&end| end < text.len()) {
            assert!(
                Record::parse(&text[..end], 1).is_none(),
                "{:?}",
                &text[..end]
            );
        }
        let altered = text.replacen("\tb", "\tc", 1);
        assert_ne!(altered, text);
        assert!(Record::parse(&altered, 1).is_none());
    }

    #[test]
    fn a_file_just_changed_is_not_settled_until_it_has_been_left_alone() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("a.txt");
        fs::write(&file, "Kiev").expect("written");
        let Some(stamp) = Stamp::of(&file) else {
            return;
        };
        let now = SystemTime::now();
        assert!(!stamp.settled(now));
        assert!(stamp.settled(now + SETTLE + Duration::from_millis(50)));
    }

    #[test]
    fn the_last_build_reads_back_and_not_once_altered() {
        let last = LastBuild {
            fingerprint: "ab12".to_owned(),
            content: "cd34".to_owned(),
            counts: [3, 7, 1, 2, 3, 1],
            warnings: Some(vec![
                Warned::new(warnings::kind::NO_DATE, "a\\b\nc\rd\te"),
                Warned::new(warnings::kind::COPIES, ""),
            ]),
        };
        let text = last.render();
        assert_eq!(LastBuild::parse(&text), Some(last.clone()));
        assert_eq!(LastBuild::parse(&text.replacen("C\t3", "C\t4", 1)), None);
        assert_eq!(LastBuild::parse(&text[..text.len() - 2]), None);
        let quiet = LastBuild {
            warnings: None,
            ..last
        };
        assert_eq!(LastBuild::parse(&quiet.render()), Some(quiet));
    }

    #[test]
    fn a_damaged_record_is_empty() {
        for text in [
            "",
            "kiosque-inputs 3\t1\n",
            "kiosque-inputs 1\t1\nA\t1\tkey\n",
            "kiosque-inputs 1\t1\nF\t1\t2\n",
            "kiosque-inputs 1\t1\nX\n",
            "kiosque-inputs 2\t1\nE\t0\n",
        ] {
            assert!(
                Record::parse(text, 1).is_none_or(|r| r.files.is_empty()),
                "{text:?}"
            );
        }
    }
}
