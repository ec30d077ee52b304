//! `kiosque build`: articles in, site data out.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use kiosque_corpus::analyses::Cache;
use kiosque_corpus::{Analyzed, Site, Source, analyze_lazily, assemble, assemble_kept, timings};
use kiosque_extract::ner::knowledge::Knowledge;
use kiosque_model::Label;
use rayon::prelude::*;

use crate::analyses_file;
use crate::cache::{self, Loaded};
use crate::input::{self, Input, InputError, ReadOptions};
use crate::message::{self, count};
use crate::output;
use crate::progress;
use crate::unread::{self, Stamp};
use crate::warnings::{self, Warned};

/// What `build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Files and directories to read.
    pub inputs: Vec<PathBuf>,
    /// The site data directory to (re)place.
    pub out: PathBuf,
    /// Fail without writing anything if any input fails.
    pub strict: bool,
    /// No progress bar, warnings or summary.
    pub quiet: bool,
    /// The largest article text accepted, in bytes.
    pub max_article_size: u64,
    /// Where the analyses of the last build are kept.
    pub cache: CacheChoice,
    /// The language known entities are named in (`[site] language` of `kiosque.toml`, the
    /// interface's); `None`: the language of most articles, as the interface's default.
    pub names: Option<String>,
    /// Print every warning and error, not the first of each kind ([`message::SHOWN`]) and a count.
    pub all_messages: bool,
}

/// Where `build` keeps its analyses cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheChoice {
    /// In the user's cache directory, one file per output ([`cache::file_for`]).
    Default,
    /// In this file.
    File(PathBuf),
    /// Nowhere: every article is analysed.
    Off,
}

/// How a build that wrote its output ended.
#[derive(Debug)]
pub struct BuildReport {
    /// Inputs that failed (and were skipped).
    pub errors: Vec<InputError>,
    /// The site data written; none when the site data was already what this build would write
    /// ([`up_to_date`]), and was left as it was.
    pub site: Option<Site>,
}

/// Knowledge is asked for only once it is needed, so that it can load (see [`Knowledge::builtin`])
/// while the inputs and the cache are read.
pub type KnowledgeFn = fn() -> &'static Knowledge;

/// Runs a build. Returns an error only for failures that stop everything.
pub fn run(options: &BuildOptions, knowledge: KnowledgeFn) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    // Before any work: never replace what kiosque did not write, nor the inputs.
    output::prepare(&options.out, &options.inputs)?;
    let cache_file = match &options.cache {
        CacheChoice::Default => cache::directory().map(|d| cache::file_for(&d, &options.out)),
        CacheChoice::File(path) => {
            // A file the user named: never one of the inputs, the site data or anything else.
            analyses_file::check_replaceable(path, &options.inputs, Some(&options.out)).map_err(
                |e| {
                    anyhow::anyhow!(
                        "--cache: {e}; nothing was written{}",
                        unchanged(&options.out)
                    )
                },
            )?;
            Some(path.clone())
        }
        CacheChoice::Off => None,
    };
    // The input files read are recorded in the cache directory, so that the next build
    // does not read those left unchanged.
    let unread_record = match options.cache {
        CacheChoice::Default => cache::directory().map(|d| cache::inputs_for(&d, &options.out)),
        CacheChoice::File(_) | CacheChoice::Off => None,
    };
    // What the last build left tells whether there is anything to do.
    let last_record = match options.cache {
        CacheChoice::Default => cache::directory().map(|d| cache::last_for(&d, &options.out)),
        CacheChoice::File(_) | CacheChoice::Off => None,
    };
    // The last build: whether anything changed since, or the articles read are those it built
    // from.
    let previous = last_record.as_deref().and_then(unread::LastBuild::read);
    if let Some(last) = &last_record {
        if let Some(report) = previous
            .as_ref()
            .and_then(|recorded| up_to_date(options, recorded, last, started))
        {
            timings::end("nothing changed since the last build: its data kept");
            return Ok(report);
        }
        // Until this build has written its site data, the last record says nothing true.
        let _ = std::fs::remove_file(last);
    }
    // What this build writes is recorded in the cache directory, so that the next one can reuse the
    // unchanged files without reading them.
    let record = match options.cache {
        CacheChoice::Default => cache::directory().map(|d| cache::written_for(&d, &options.out)),
        CacheChoice::File(_) | CacheChoice::Off => None,
    };
    // The last build's articles, when its site data can be left as it is if the articles read
    // are those: as it wrote it, and what it said known (or not to be said).
    let last_content = match (&previous, &record, &unread_record) {
        (Some(previous), Some(written), Some(_))
            if (options.quiet || previous.warnings.is_some())
                && output::intact(&options.out, written).is_some() =>
        {
            Some(previous.content.as_str())
        }
        _ => None,
    };
    timings::end("checks; the last build's records read");
    let analysed = read_and_analyse(
        &ReadSpec {
            inputs: &options.inputs,
            strict: options.strict,
            quiet: options.quiet,
            all_messages: options.all_messages,
            max_article_size: options.max_article_size,
            cache: cache_file.as_deref(),
            unread: unread_record.as_deref(),
            prune_cache: options.cache == CacheChoice::Default,
            target: &options.out,
            allow_empty: false,
            content: last_record.as_ref().map(|_| ContentSpec {
                names: options.names.as_deref(),
                last: last_content,
            }),
        },
        knowledge,
    )?;
    if let (Some(previous), Some(content), Some(last), Some(written), Some(inputs)) = (
        &previous,
        &analysed.content,
        &last_record,
        &record,
        &unread_record,
    ) && analysed.as_last.is_some()
    {
        let kept = same_articles(
            options,
            (&analysed, content, previous),
            (last, written, inputs),
            started,
        );
        timings::end("the same articles as the last build: its data kept");
        return Ok(kept);
    }
    let content = analysed.content.clone();
    // What this build makes of each article is recorded too, so that the next one does not
    // fingerprint again the bodies it would make the same; and the search index's base segment
    // (the oldest articles), which a build that only adds newer articles takes as it is.
    let records = match options.cache {
        CacheChoice::Default => cache::directory(),
        CacheChoice::File(_) | CacheChoice::Off => None,
    };
    let built = records
        .as_deref()
        .map(|d| cache::built_for(d, &options.out));
    let search_base = records
        .as_deref()
        .map(|d| cache::search_base_for(d, &options.out));
    let (bodies, base) = rayon::join(
        || built.as_deref().map(cache::read_built).unwrap_or_default(),
        || search_base.as_deref().and_then(cache::read_search_base),
    );
    timings::end("the records beside the cache read");
    let previous = kiosque_corpus::Previous {
        bodies,
        search_base: base,
    };
    let site = assemble_kept(
        analysed.articles,
        knowledge(),
        previous,
        options.names.as_deref(),
    );
    output::write_site_recorded(&options.out, &site, record.as_deref())?;
    if let Some(built) = &built {
        cache::save_built(built, &site);
    }
    if let Some(path) = &search_base {
        match site.search.base() {
            Some(base) if !site.search.reused_base => cache::save_search_base(path, base),
            Some(_) => cache::touch(path),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    // What this build says about its inputs, printed now, recorded for a build that stops early
    // and counted in the summary.
    let said = with_clashes(&analysed.warnings, &site);
    if !options.quiet {
        message::warnings(&said, options.all_messages);
    }
    if let (Some(last), Some(written), Some(inputs), Some(content)) =
        (&last_record, &record, &unread_record, &content)
    {
        save_last(
            options,
            (&analysed.files, &analysed.discovered, &said),
            (counts(&site), content),
            (last, written, inputs),
        );
    }
    for record in record
        .iter()
        .chain(&unread_record)
        .chain(&last_record)
        .chain(&built)
        .chain(&search_base)
    {
        cache::remove_unused_records(record);
    }
    timings::end("the build's records saved");
    if !options.quiet {
        print_summary(
            &site,
            &options.out,
            &analysed.errors,
            started,
            (analysed.reused, analysed.fresh, analysed.unread_files),
            said.len(),
        );
    }
    Ok(BuildReport {
        errors: analysed.errors,
        site: Some(site),
    })
}

/// When nothing a build's site data comes from changed since the last build into `out`
/// (`recorded`, read from `last`) — the
/// same kiosque (its very executable), options and inputs as given, every input file unchanged
/// (its stamp as recorded, see [`unread`]), no file found or gone, and the site data exactly
/// as that build wrote it ([`output::intact`]) — says what that build said (the errors of the
/// inputs it could not read too, which its record of the inputs keeps) and returns without
/// reading any input, analysis or data file: writing would give the same bytes. None when
/// anything differs (or the last build's warnings are not known and this build is not quiet,
/// or an input failed and `--strict` is given): then the build runs.
fn up_to_date(
    options: &BuildOptions,
    recorded: &unread::LastBuild,
    last: &Path,
    started: Instant,
) -> Option<BuildReport> {
    if recorded.warnings.is_none() && !options.quiet {
        return None;
    }
    let directory = cache::directory()?;
    let (files, errors, discovered) = input::discover(&options.inputs);
    if !errors.is_empty() || files.iter().any(|f| input::is_dash(f)) {
        return None;
    }
    let inputs = cache::inputs_for(&directory, &options.out);
    let inputs_text = std::fs::read_to_string(&inputs).ok()?;
    let record = unread::Record::parse(&inputs_text, options.max_article_size)?;
    let mut errors = Vec::new();
    for file in &files {
        errors.extend_from_slice(&record.unchanged(file, Stamp::of(file))?.errors);
    }
    if options.strict && !errors.is_empty() {
        return None;
    }
    let discovered: Vec<String> = discovered.iter().map(ToString::to_string).collect();
    let written = cache::written_for(&directory, &options.out);
    let written_text = output::intact(&options.out, &written)?;
    let now = unread::fingerprint(
        &options.inputs,
        (&files, &discovered),
        options.max_article_size,
        options.names.as_deref(),
        &inputs_text,
        &written_text,
    )?;
    if now != recorded.fingerprint {
        return None;
    }
    // In use: not to be removed as the cache of an output no longer built.
    for path in [
        &cache::file_for(&directory, &options.out),
        &inputs,
        &written,
        last,
        &cache::built_for(&directory, &options.out),
    ] {
        cache::touch(path);
    }
    // Errors are printed even with --quiet, as a build that runs prints them.
    message::errors(&errors, options.all_messages);
    if !options.quiet {
        if let Some(warned) = &recorded.warnings {
            message::warnings(warned, options.all_messages);
        }
        let [built, entities, ..] = recorded.counts;
        message::note(format_args!(
            "nothing changed since the last build ({} input file(s) unchanged since the last build, not read): {} was already up to date and was left as it was, with its {built} article(s) and {entities} entities, in {}",
            files.len(),
            options.out.display(),
            format_args!("{:.2}s", started.elapsed().as_secs_f64())
        ));
        warnings::note_count(recorded.warnings.as_ref().map_or(0, Vec::len));
        note_failures(&errors);
    }
    Some(BuildReport { errors, site: None })
}

/// When the articles a build read are those the last build made its site data of (the same
/// [`unread::content`]: input files written again with the same articles, or touched, which
/// their times could not tell) and that data is as it wrote it: says what that build said and
/// keeps the new times of the inputs, so that the next build stops before reading them; the
/// site data is left as it was, and nothing is linked or written.
fn same_articles(
    options: &BuildOptions,
    (analysed, content, previous): (&Analysed, &str, &unread::LastBuild),
    paths: (&Path, &Path, &Path),
    started: Instant,
) -> BuildReport {
    let (_, written, _) = paths;
    if let Some(directory) = cache::directory() {
        cache::touch(written);
        cache::touch(&cache::built_for(&directory, &options.out));
        cache::touch(&cache::search_base_for(&directory, &options.out));
    }
    let said = previous.warnings.clone().unwrap_or_default();
    save_last(
        options,
        (&analysed.files, &analysed.discovered, &said),
        (previous.counts, content),
        paths,
    );
    if !options.quiet {
        message::warnings(&said, options.all_messages);
        let [built, entities, ..] = previous.counts;
        message::note(format_args!(
            "the articles read are those of the last build: {} was already up to date and was left as it was, with its {built} article(s) and {entities} entities, in {:.2}s",
            options.out.display(),
            started.elapsed().as_secs_f64()
        ));
        message::note(format_args!(
            "{} article(s) as the last build had them{}: none analysed, the analyses cache not read",
            analysed.as_last.unwrap_or_default(),
            unread_said(analysed.unread_files)
        ));
        warnings::note_count(said.len());
        note_failures(&analysed.errors);
    }
    BuildReport {
        errors: analysed.errors.clone(),
        site: None,
    }
}

/// Keeps what [`up_to_date`] needs to know of this build, which read the input files `files`
/// (finding them said `discovered`), said `said` (its warnings, the ids that clashed included)
/// and wrote a site of `counts` from articles of `content` (`paths`: the records of the last
/// build, of the files written and of the inputs read). Best effort: without it, the next
/// build runs.
fn save_last(
    options: &BuildOptions,
    (files, discovered, said): (&[PathBuf], &[String], &[Warned]),
    (counts, content): ([usize; 6], &str),
    paths: (&Path, &Path, &Path),
) {
    let (last, written, inputs) = paths;
    let (Ok(written_text), Ok(inputs_text)) = (
        std::fs::read_to_string(written),
        std::fs::read_to_string(inputs),
    ) else {
        return;
    };
    let Some(fingerprint) = unread::fingerprint(
        &options.inputs,
        (files, discovered),
        options.max_article_size,
        options.names.as_deref(),
        &inputs_text,
        &written_text,
    ) else {
        return;
    };
    let warnings = (!options.quiet).then(|| said.to_vec());
    unread::LastBuild {
        fingerprint,
        content: content.to_owned(),
        counts,
        warnings,
    }
    .save(last);
}

/// How articles are read and analysed, by `build` and `analyze`.
#[derive(Debug, Clone, Copy)]
pub struct ReadSpec<'a> {
    /// Files and directories to read (`-`: JSON Lines on standard input).
    pub inputs: &'a [PathBuf],
    /// Fail if any input fails.
    pub strict: bool,
    /// No progress bar nor warnings.
    pub quiet: bool,
    /// Every error, not the first of each kind and how many more.
    pub all_messages: bool,
    /// The largest article text accepted, in bytes.
    pub max_article_size: u64,
    /// The analyses cache to use and update, if any.
    pub cache: Option<&'a Path>,
    /// The record of the input files read by the last build, to use and update, if any
    /// (see [`unread`]).
    pub unread: Option<&'a Path>,
    /// Whether the cache is in the cache directory, where the files of outputs not built for
    /// long are removed.
    pub prune_cache: bool,
    /// What the command writes, for messages ("… is unchanged").
    pub target: &'a Path,
    /// Whether no article at all (and no error) is a result rather than a failure.
    pub allow_empty: bool,
    /// Whether to say what the articles are made of ([`Analysed::content`]), and the last
    /// build's, if it is to be compared.
    pub content: Option<ContentSpec<'a>>,
}

/// What [`unread::content`] needs besides the articles, and the last build's content: when the
/// articles read have it, none is analysed.
#[derive(Debug, Clone, Copy)]
pub struct ContentSpec<'a> {
    /// The names setting (`BuildOptions::names`).
    pub names: Option<&'a str>,
    /// The content of the last build's articles, when its site data can be left as it is.
    pub last: Option<&'a str>,
}

/// Articles read and analysed.
#[derive(Debug)]
pub struct Analysed {
    /// In input order, each once.
    pub articles: Vec<Analyzed>,
    /// Inputs that failed (and were skipped): already printed.
    pub errors: Vec<InputError>,
    /// What reading and analysis did differently than the inputs asked, worded, to print
    /// once the output is written (none when quiet).
    pub warnings: Vec<Warned>,
    /// How many analyses came from the cache.
    pub reused: usize,
    /// How many articles were analysed (not from the cache), copies included.
    pub fresh: usize,
    /// What finding the input files said (a file given twice, files of other kinds left
    /// out), worded, whether printed or not: the early stop's fingerprint holds them.
    pub discovered: Vec<String>,
    /// How many input files were unchanged since the last build, and so not read.
    pub unread_files: usize,
    /// The input files found, in the order read.
    pub files: Vec<PathBuf>,
    /// What the articles are made of ([`unread::content`]), when [`ReadSpec::content`] asks.
    pub content: Option<String>,
    /// When the articles read are those of the last build ([`ContentSpec::last`]): how many
    /// there are; none was analysed and `articles` is empty.
    pub as_last: Option<usize>,
}

/// One input file before analysis.
enum FileRead {
    /// Read: its articles (analysed in order with the others' articles), whether it is to be
    /// recorded (it had settled), its stamp from before it was read, and what in it could not be
    /// read.
    Read {
        inputs: Vec<Input>,
        lines: Vec<Option<usize>>,
        settled: bool,
        stamp: Option<Stamp>,
        failures: Vec<InputError>,
    },
    /// Unchanged since the last build, so not read: its stamp and its record (its articles'
    /// lines and keys, what could not be read in it). Their analyses come from the cache once
    /// they are needed ([`FileRead::Unread`]).
    Unchanged {
        stamp: Stamp,
        held: unread::Recorded,
    },
    /// Unchanged and not read: its articles as the cache holds them, its stamp and its record.
    Unread {
        articles: Vec<Analyzed>,
        stamp: Stamp,
        held: unread::Recorded,
    },
}

impl FileRead {
    /// `file` as the last build left it (in `record`), or read now.
    fn of(file: &Path, record: &unread::Record, options: &ReadOptions) -> FileRead {
        // Stamped before it is read: a change while it is read shows next time.
        let stamped = std::time::SystemTime::now();
        let stamp = Stamp::of(file);
        if let Some(held) = record.unchanged(file, stamp)
            && let Some(stamp) = stamp
        {
            return FileRead::Unchanged {
                stamp,
                held: held.clone(),
            };
        }
        FileRead::read(file, stamp, stamped, options)
    }

    /// `file` read now (stamped `stamp` at `stamped`, before reading).
    fn read(
        file: &Path,
        stamp: Option<Stamp>,
        stamped: std::time::SystemTime,
        options: &ReadOptions,
    ) -> FileRead {
        let (inputs, failures) = input::read(file, options);
        // Recorded (with its warnings and what could not be read in it) only if changed long
        // enough ago that a change after this read cannot share its times (see
        // `Stamp::settled`).
        let settled = stamp.is_some_and(|s| s.settled(stamped));
        let lines = inputs.iter().map(|i| i.line).collect();
        FileRead::Read {
            inputs,
            lines,
            settled,
            stamp,
            failures,
        }
    }

    /// An unchanged file's articles from the cache (every one kept and readable), else the file
    /// read now; any other file as it is.
    fn or_from_cache(self, file: &Path, kept: &Cache<'_>, options: &ReadOptions) -> FileRead {
        let FileRead::Unchanged { stamp, held } = self else {
            return self;
        };
        match from_cache(file, &held.articles, kept) {
            Some(articles) => FileRead::Unread {
                articles,
                stamp,
                held,
            },
            None => FileRead::read(file, Stamp::of(file), std::time::SystemTime::now(), options),
        }
    }

    /// What could not be read in it, as reading it said.
    fn failures(&self) -> &[InputError] {
        match self {
            FileRead::Read { failures, .. } => failures,
            FileRead::Unchanged { held, .. } | FileRead::Unread { held, .. } => &held.errors,
        }
    }

    /// Its articles' places and keys, in order ([`kiosque_corpus::analyses::key`] for those read).
    fn keys(&self, file: &Path) -> Vec<(kiosque_corpus::Origin, String)> {
        match self {
            FileRead::Read { inputs, .. } => inputs
                .iter()
                .map(|i| {
                    let origin = kiosque_corpus::Origin::new(&i.path, i.line);
                    (origin, kiosque_corpus::analyses::key(&i.document))
                })
                .collect(),
            FileRead::Unchanged { held, .. } | FileRead::Unread { held, .. } => held
                .articles
                .iter()
                .map(|(line, key, _)| (kiosque_corpus::Origin::new(file, *line), key.clone()))
                .collect(),
        }
    }
}

/// The analyses of a file's recorded articles, all from the cache, with where they are now; none
/// if one is not in the cache or does not decode.
fn from_cache(file: &Path, keys: &unread::Articles, kept: &Cache<'_>) -> Option<Vec<Analyzed>> {
    if !keys.iter().all(|(_, key, _)| kept.contains(key)) {
        return None;
    }
    keys.par_iter()
        .map(|(line, key, warnings)| {
            let mut article = kept.get(key)?;
            article.warnings.clone_from(warnings);
            article.origin = kiosque_corpus::Origin::new(file, *line);
            article.file_stem = input::file_stem(file, *line);
            Some(article)
        })
        .collect()
}

/// What a build's articles are made of ([`unread::content`]), from each file's articles' places
/// and keys (`keys`, file by file: [`FileRead::keys`]), before any is analysed: the copies left
/// out as [`kiosque_corpus::once_each`] will.
fn content_of(
    keys: &[Vec<(kiosque_corpus::Origin, String)>],
    discovered: &[String],
    names: Option<&str>,
) -> Option<String> {
    let all = keys.iter().flatten();
    let (keep, _) = kiosque_corpus::kept_once(
        all.clone()
            .map(|(o, k)| (o, k.as_str()))
            .collect::<Vec<_>>()
            .into_iter(),
    );
    let kept: Vec<(&kiosque_corpus::Origin, &str)> = all
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .map(|((origin, key), _)| (origin, key.as_str()))
        .collect();
    unread::content(kept.into_iter(), discovered, names)
}

/// Every article back in input order, file by file (`analysed`: the articles of the files read,
/// in their order), and the files to record with their articles' keys and what could not be
/// read in them.
fn in_input_order(
    files: &[PathBuf],
    per_file: Vec<FileRead>,
    analysed: Vec<Analyzed>,
) -> (Vec<Analyzed>, Vec<(&Path, Stamp, unread::Recorded)>) {
    let kept: usize = (per_file.iter())
        .map(|read| match read {
            FileRead::Unread { articles, .. } => articles.len(),
            FileRead::Read { .. } | FileRead::Unchanged { .. } => 0,
        })
        .sum();
    let mut analysed = analysed.into_iter();
    // Room for every article at once: they are large (744 bytes), and at 100,000 articles, most
    // of them from the cache, growing the list as they came moved them again and again (81 ms).
    let mut articles: Vec<Analyzed> = Vec::with_capacity(kept + analysed.len());
    let mut recorded: Vec<(&Path, Stamp, unread::Recorded)> = Vec::new();
    for (file, read) in files.iter().zip(per_file) {
        match read {
            FileRead::Unread {
                articles: kept,
                stamp,
                held,
            } => {
                articles.extend(kept);
                recorded.push((file, stamp, held));
            }
            FileRead::Unchanged { .. } => {
                unreachable!("an unchanged file is read or taken from the cache before analysis")
            }
            FileRead::Read {
                lines,
                settled,
                stamp,
                failures,
                ..
            } => {
                let start = articles.len();
                articles.extend(analysed.by_ref().take(lines.len()));
                if settled && let Some(stamp) = stamp {
                    let articles = lines
                        .into_iter()
                        .zip(&articles[start..])
                        .map(|(line, a)| (line, a.key.clone(), a.warnings.clone()))
                        .collect();
                    let held = unread::Recorded {
                        articles,
                        errors: failures,
                    };
                    recorded.push((file, stamp, held));
                }
            }
        }
    }
    (articles, recorded)
}

/// The files to record, as the last build's with their new stamps, when no article is analysed
/// (the articles read are those of the last build); `keys`: each file's articles' keys.
fn recorded_unanalysed(
    files: &[PathBuf],
    per_file: Vec<FileRead>,
    keys: Vec<Vec<(kiosque_corpus::Origin, String)>>,
) -> Vec<(&Path, Stamp, unread::Recorded)> {
    let mut recorded = Vec::new();
    for ((file, read), keys) in files.iter().zip(per_file).zip(keys) {
        match read {
            FileRead::Unchanged { stamp, held } | FileRead::Unread { stamp, held, .. } => {
                recorded.push((file.as_path(), stamp, held));
            }
            FileRead::Read {
                inputs,
                settled: true,
                stamp: Some(stamp),
                failures,
                ..
            } => {
                let articles = inputs
                    .iter()
                    .zip(keys)
                    .map(|(input, (_, key))| (input.line, key, input.document.warnings.clone()))
                    .collect();
                let held = unread::Recorded {
                    articles,
                    errors: failures,
                };
                recorded.push((file.as_path(), stamp, held));
            }
            FileRead::Read { .. } => {}
        }
    }
    recorded
}

/// Reads and analyses every article (in parallel, reusing what the cache holds, with a progress
/// bar), then prints the inputs' errors. Fails, having written nothing, when no article could be
/// read, or when any input failed and `strict` is set. With a record of the inputs
/// (`spec.unread`), the files unchanged since the last build are not read (see [`unread`]), and
/// the record is kept up to date. With `spec.content`, says what the articles are made of
/// ([`Analysed::content`]), and analyses none, nor reads the cache, when that is the last build's
/// ([`Analysed::as_last`]).
pub fn read_and_analyse(spec: &ReadSpec<'_>, knowledge: KnowledgeFn) -> anyhow::Result<Analysed> {
    let record = spec
        .unread
        .map(|p| unread::Record::read(p, spec.max_article_size))
        .unwrap_or_default();
    let (files, mut errors, discovered) = input::discover(spec.inputs);
    let discovered: Vec<String> = discovered.iter().map(ToString::to_string).collect();
    let options = ReadOptions {
        max_article_size: spec.max_article_size,
    };
    let per_file: Vec<FileRead> = files
        .par_iter()
        .map(|file| FileRead::of(file, &record, &options))
        .collect();
    // Compared before any analysis is decoded or made, when there is a last build to compare.
    let early = spec.content.and_then(|c| {
        let last = c.last?;
        let keys: Vec<Vec<(kiosque_corpus::Origin, String)>> = files
            .par_iter()
            .zip(&per_file)
            .map(|(file, read)| read.keys(file))
            .collect();
        let content = content_of(&keys, &discovered, c.names)?;
        Some((last, content, keys))
    });
    if let Some((last, content, keys)) = early
        && content == last
    {
        errors.extend(per_file.iter().flat_map(|f| f.failures().iter().cloned()));
        let articles = keys.iter().map(Vec::len).sum();
        let unread_files = per_file
            .iter()
            .filter(|f| matches!(f, FileRead::Unchanged { .. }))
            .count();
        if let Some(path) = spec.unread {
            unread::Record::save(
                path,
                spec.max_article_size,
                &recorded_unanalysed(&files, per_file, keys),
            );
        }
        message::errors(&errors, spec.all_messages);
        check_read(spec, &errors, false)?;
        return Ok(Analysed {
            articles: Vec::new(),
            errors,
            warnings: Vec::new(),
            reused: 0,
            fresh: 0,
            discovered,
            unread_files,
            files,
            content: Some(content),
            as_last: Some(articles),
        });
    }
    timings::end("the inputs listed and compared with the last build's");
    let loaded = spec
        .cache
        .map(|p| Loaded::read(p.to_path_buf()))
        .unwrap_or_default();
    timings::end("the analyses cache read");
    let kept = loaded.cache();
    timings::end("the analyses cache checked");
    let mut per_file: Vec<FileRead> = per_file
        .into_par_iter()
        .zip(&files)
        .map(|(read, file)| read.or_from_cache(file, &kept, &options))
        .collect();
    errors.extend(per_file.iter().flat_map(|f| f.failures().iter().cloned()));
    let mut inputs = Vec::new();
    for read in &mut per_file {
        if let FileRead::Read { inputs: read, .. } = read {
            // To analysis, in order; its lines stay for the record.
            inputs.append(read);
        }
    }
    let unread: usize = per_file
        .iter()
        .map(|f| match f {
            FileRead::Unread { articles, .. } => articles.len(),
            FileRead::Read { .. } | FileRead::Unchanged { .. } => 0,
        })
        .sum();
    timings::end("the kept analyses decoded");
    let progress = progress::bar(
        (inputs.len() + unread) as u64,
        "analysing",
        "articles",
        spec.quiet,
    );
    progress.inc(unread as u64);
    let sources: Vec<Source> = inputs.into_iter().map(Input::into_source).collect();
    let total = sources.len() + unread;
    let reused = AtomicUsize::new(unread);
    let analysed = analyze_lazily(sources, knowledge, Some(&kept), |hit| {
        if hit {
            reused.fetch_add(1, Ordering::Relaxed);
        }
        progress.inc(1);
    });
    progress.finish_and_clear();
    timings::end("the new articles analysed");
    let unread_files = per_file
        .iter()
        .filter(|f| matches!(f, FileRead::Unread { .. }))
        .count();
    let (articles, whole) = in_input_order(&files, per_file, analysed);
    let (articles, copies) = kiosque_corpus::once_each(articles);
    // The cache (a copy left out has the analysis of the one kept: the same key) and the record
    // of the inputs are written while what the articles say is gathered, on the other core.
    let ((), (warnings, content)) = rayon::join(
        || {
            if let Some(path) = spec.cache {
                cache::save(path, &articles, &kept, spec.prune_cache);
            }
            if let Some(path) = spec.unread {
                unread::Record::save(path, spec.max_article_size, &whole);
            }
        },
        || {
            let warnings = if spec.quiet {
                Vec::new()
            } else {
                discovered
                    .iter()
                    .map(|said| Warned::new(warnings::kind::INPUT_FILES, said.clone()))
                    .chain(copy_warnings(&copies, &articles))
                    .chain(warnings::of_articles(articles.iter().map(|a| {
                        warnings::Article::new(&a.origin, &a.warnings, &a.analysis)
                    })))
                    .collect()
            };
            let content = spec.content.and_then(|c| {
                let articles = articles.iter().map(|a| (&a.origin, a.key.as_str()));
                unread::content(articles, &discovered, c.names)
            });
            (warnings, content)
        },
    );
    drop(kept);
    drop(loaded);

    // Errors are printed even with --quiet: they are what --quiet keeps.
    message::errors(&errors, spec.all_messages);
    check_read(spec, &errors, articles.is_empty())?;
    timings::end("copies and warnings; the cache and the record of the inputs saved");
    Ok(Analysed {
        articles,
        errors,
        warnings,
        fresh: total - reused.load(Ordering::Relaxed),
        reused: reused.into_inner(),
        discovered,
        unread_files,
        files,
        content,
        as_last: None,
    })
}

/// Fails, having written nothing, when any input failed (`errors`) and `strict` is set, or when
/// no article could be read (`none`) and that is not a result.
fn check_read(spec: &ReadSpec<'_>, errors: &[InputError], none: bool) -> anyhow::Result<()> {
    if spec.strict && !errors.is_empty() {
        anyhow::bail!(
            "{}, and --strict is set: nothing was written{}",
            failures(errors),
            unchanged(spec.target)
        );
    }
    if none && !(spec.allow_empty && errors.is_empty()) {
        anyhow::bail!(
            "no article could be read from {}: nothing was written{}",
            spec.inputs
                .iter()
                .map(|p| shown(p, "standard input"))
                .collect::<Vec<_>>()
                .join(", "),
            unchanged(spec.target)
        );
    }
    Ok(())
}

/// "; TARGET is unchanged", or nothing for standard output or a target that does not exist.
pub(crate) fn unchanged(target: &Path) -> String {
    if input::is_dash(target) || !target.exists() {
        String::new()
    } else {
        format!("; {} is unchanged", target.display())
    }
}

/// A path for messages: `-` is the standard stream it stands for.
fn shown(path: &Path, dash: &str) -> String {
    if input::is_dash(path) {
        dash.to_owned()
    } else {
        path.display().to_string()
    }
}

/// The warnings of the articles given twice and built once (`copies`), then of those whose
/// text another of `articles` has with other metadata (both built).
pub fn copy_warnings(copies: &[kiosque_corpus::Copy], articles: &[Analyzed]) -> Vec<Warned> {
    let copies = copies
        .iter()
        .map(|copy| Warned::new(warnings::kind::COPIES, copy.to_string()));
    let same = kiosque_corpus::same_texts(articles)
        .into_iter()
        .map(|same| Warned::new(warnings::kind::SAME_TEXT, same.to_string()));
    copies.chain(same).collect()
}

/// Links analysed articles and writes the site data into `out`; then prints `warnings`
/// and the articles whose ids clashed (unless `quiet`; every one if `all_messages`, else the
/// first of each kind and how many more). Consumes the articles.
pub fn publish(
    articles: Vec<Analyzed>,
    knowledge: &Knowledge,
    names: Option<&str>,
    out: &Path,
    (quiet, all_messages): (bool, bool),
    warnings: &[Warned],
) -> anyhow::Result<Site> {
    let site = assemble(articles, knowledge, names);
    output::write_site(out, &site)?;
    report_warnings(&site, quiet, warnings, all_messages);
    Ok(site)
}

/// Prints `warnings` and the articles whose ids clashed, unless `quiet`: every one if `all`,
/// else the first of each kind and how many more ([`message::warnings`]).
fn report_warnings(site: &Site, quiet: bool, warned: &[Warned], all: bool) {
    if !quiet {
        message::warnings(&with_clashes(warned, site), all);
    }
}

/// `warned`, then the articles of `site` whose ids clashed.
fn with_clashes(warned: &[Warned], site: &Site) -> Vec<Warned> {
    let clashes = site
        .clashes
        .iter()
        .map(|clash| Warned::new(warnings::kind::CLASHES, clash.to_string()));
    warned.iter().cloned().chain(clashes).collect()
}

/// What failed, counting whole files and records of files apart: "2 files and 3 records in 1
/// file could not be read and were skipped".
pub fn failures(errors: &[InputError]) -> String {
    let mut files = std::collections::BTreeSet::new();
    let mut record_files = std::collections::BTreeSet::new();
    let mut records = 0;
    for e in errors {
        if e.line.is_some() {
            records += 1;
            record_files.insert(&e.path);
        } else {
            files.insert(&e.path);
        }
    }
    let records_text = (records > 0).then(|| {
        format!(
            "{} in {}",
            count(records, "record"),
            count(record_files.len(), "file")
        )
    });
    let verb = if files.len() + records == 1 {
        "was"
    } else {
        "were"
    };
    let files = (!files.is_empty()).then(|| count(files.len(), "file"));
    let what = match (files, records_text) {
        (Some(f), Some(r)) => format!("{f} and {r}"),
        (Some(f), None) => f,
        (None, Some(r)) => r,
        (None, None) => return "nothing failed".to_owned(),
    };
    format!("{what} could not be read and {verb} skipped")
}

/// What the summary counts of a site: articles, entities, then entities of each label (in
/// [`Label::ALL`] order).
fn counts(site: &Site) -> [usize; 6] {
    let mut counts = [
        site.index.articles.len(),
        site.index.entities.len(),
        0,
        0,
        0,
        0,
    ];
    for e in &site.index.entities {
        if let Some(i) = Label::ALL.iter().position(|l| *l == e.label) {
            counts[2 + i] += 1;
        }
    }
    counts
}

/// "built N article(s), … into OUT in …", what came from the cache, how many warnings were
/// given (`warned`), and what failed.
pub fn print_summary(
    site: &Site,
    out: &Path,
    errors: &[InputError],
    started: Instant,
    (reused, fresh, unread_files): (usize, usize, usize),
    warned: usize,
) {
    let counts = counts(site);

    let [articles, entities, ..] = counts;
    let count = |label: Label| {
        Label::ALL
            .iter()
            .position(|l| *l == label)
            .map_or(0, |i| counts[2 + i])
    };
    message::note(format_args!(
        "built {} article(s), {} entities ({} people, {} places, {} organisations, {} dates) into {} {}",
        articles,
        entities,
        count(Label::Person),
        count(Label::Place),
        count(Label::Organisation),
        count(Label::Date),
        out.display(),
        progress::timing(articles, "articles", started.elapsed())
    ));
    if reused > 0 {
        note_reuse(reused, fresh, unread_files);
    }
    if let Some(base) = site.search.base().filter(|_| site.search.reused_base) {
        message::note(format_args!(
            "the search index of the {} oldest article(s) kept from the last build",
            base.articles.end
        ));
    }
    warnings::note_count(warned);
    note_failures(errors);
    note_pages(out);
}

/// What the analyses cache and the record of the inputs spared: `reused` analyses, of which
/// `unread_files` input files were not even read, and `fresh` articles analysed.
fn note_reuse(reused: usize, fresh: usize, unread_files: usize) {
    message::note(format_args!(
        "{reused} analyses reused from the cache{}, {fresh} article(s) analysed",
        unread_said(unread_files)
    ));
}

/// " (N input file(s) unchanged since the last build, not read)", or nothing for none.
fn unread_said(unread_files: usize) -> String {
    match unread_files {
        0 => String::new(),
        n => format!(" ({n} input file(s) unchanged since the last build, not read)"),
    }
}

/// Under a built app's directory (`DIST/data`, beside its `index.html`), says that the pages
/// there are made from the site data by `kiosque pages`, which a build does not run: until
/// then a new article has no page of its own (a link to it is a 404 on a static host).
fn note_pages(out: &Path) {
    let Some(dist) = out
        .parent()
        .filter(|_| out.file_name().is_some_and(|name| name == "data"))
        .filter(|dist| dist.join("index.html").is_file())
    else {
        return;
    };
    let dist = match dist.as_os_str().is_empty() {
        true => Path::new("."),
        false => dist,
    };
    message::note(format_args!(
        "the pages of {0} are made from this data by `kiosque pages --dist {0}`, which build does not run: run it to publish what changed",
        dist.display()
    ));
}

/// Prints, after a summary, what could not be read (nothing if all was).
pub fn note_failures(errors: &[InputError]) {
    if !errors.is_empty() {
        message::note(format_args!("{} (see the errors above)", failures(errors)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(path: &str, line: Option<usize>) -> InputError {
        InputError {
            path: path.into(),
            line,
            reason: String::new(),
            kind: crate::input::failure::FILES,
        }
    }

    #[test]
    fn failures_count_files_and_records_apart() {
        assert_eq!(
            failures(&[error("a.jsonl", Some(2)), error("a.jsonl", Some(3))]),
            "2 records in 1 file could not be read and were skipped"
        );
        assert_eq!(
            failures(&[
                error("a.jsonl", Some(2)),
                error("b.json", Some(1)),
                error("b.json", Some(4)),
                error("c.txt", None),
            ]),
            "1 file and 3 records in 2 files could not be read and were skipped"
        );
        assert_eq!(
            failures(&[error("a.jsonl", Some(2))]),
            "1 record in 1 file could not be read and was skipped"
        );
        assert_eq!(
            failures(&[error("c.txt", None), error("d.md", None)]),
            "2 files could not be read and were skipped"
        );
    }
}
