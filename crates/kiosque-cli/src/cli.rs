//! The command line: what `kiosque --help` teaches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Kiosque turns a folder of news articles into the data of a static website where readers
/// explore the news through the people, places and organisations in it.
///
/// Typical use:
///
///   kiosque build articles/ --out public/data
///   trunk build --release            # then copy dist/ to any static host
#[derive(Debug, Parser)]
#[command(name = "kiosque", version, about, long_about, verbatim_doc_comment)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles, clean them, find and link their entities, and write the site data.
    #[command(verbatim_doc_comment)]
    ///
    /// INPUT may be files or directories (read recursively; hidden files are skipped):
    ///
    ///   .txt        plain text, one paragraph per line, optional YAML front matter
    ///               (--- title, date, source, url, lang, license, id ---)
    ///   .md         Markdown with optional front matter
    ///   .html       a saved web page: the article is extracted from the page, with its title,
    ///               date and site from <title>, OpenGraph and JSON-LD
    ///   .jsonl      one JSON record per line: {"text", "title", "published", "lang",
    ///               "source_name", "source_url", "license", "id"}
    ///   .json       one such record, or an array of them
    ///               A record may bring entities found by another tool, displaCy-style:
    ///               "ents": [{"start", "end", "label"}] (code-point offsets into "text";
    ///               PER/PERSON, LOC/GPE/FAC, ORG, DATE): they replace Kiosque's own.
    ///   .gz         any of these compressed with gzip (articles.jsonl.gz, page.html.gz)
    ///
    /// In a directory, files of other kinds are left out with one warning that counts them;
    /// a file given by name is read whatever its extension (as plain text if unknown).
    ///
    /// Files are read as UTF-8 (or UTF-16 with a byte order mark; a saved page in the charset
    /// it declares). A file given twice is
    /// read once. Articles with the same id keep apart: the oldest keeps the id, the others
    /// get a suffix made from their text. A date, language or entity span that cannot be used
    /// is reported as a warning and the article is still built. Errors and warnings are
    /// printed by kind: the first ten of each, then how many more (--all-messages prints every
    /// one).
    ///
    /// - reads JSON Lines records from standard input.
    ///
    /// Building the same output again re-analyses only the articles that are new or changed
    /// since its last build: the analyses are kept in a cache outside the site data (see
    /// --cache). The site is the same, byte for byte, as a build without the cache.
    ///
    /// A file that cannot be read is reported with its name and the reason and the rest of
    /// the corpus is still built (exit status 1), unless --strict is given (nothing is written,
    /// exit status 2). The output directory is replaced only once the new data is complete, so
    /// a failed run leaves the previous site data in place.
    ///
    /// Exit status: 0 all inputs built, 1 built without the inputs that failed, 2 nothing
    /// written.
    Build {
        #[command(flatten)]
        read: ReadArgs,
        /// The site data directory to write (replaced as a whole).
        #[arg(long, short, default_value = "public/data", value_name = "DIR")]
        out: PathBuf,
        /// Keep the analyses in FILE (default: one file per output directory in
        /// $KIOSQUE_CACHE_DIR, $XDG_CACHE_HOME/kiosque or ~/.cache/kiosque). Building again
        /// re-analyses only the articles that are new or changed.
        #[arg(long, value_name = "FILE", conflicts_with = "no_cache")]
        cache: Option<PathBuf>,
        /// Analyse every article, reading and writing no cache.
        #[arg(long)]
        no_cache: bool,
        /// Print how long each phase of the build took, and its share of the whole (on
        /// standard error, after the summary).
        #[arg(long)]
        timings: bool,
    },
    /// The per-article half of `build`: read and analyse articles, write their analyses.
    #[command(verbatim_doc_comment)]
    ///
    /// For corpora split across processes or machines: run `kiosque analyze` on each part
    /// (the map), then `kiosque merge` on all the analyses files (links the entities and
    /// writes the site data). The site is byte-identical to `kiosque build` of all the parts.
    /// INPUT is read as by `build`; - reads JSON Lines records from standard input. The
    /// analyses (JSON Lines: a header, one line per article, an end line with a checksum) go
    /// to standard output unless --out is given; analyses files written by several processes
    /// may be concatenated. See docs/scale.md.
    ///
    /// Exit status: 0 every input analysed, 1 written without the inputs that failed, 2
    /// nothing written.
    Analyze {
        #[command(flatten)]
        read: ReadArgs,
        /// The analyses file to write (- for standard output).
        #[arg(long, short, default_value = "-", value_name = "FILE")]
        out: PathBuf,
    },
    /// The corpus half of `build`: link the analyses of `kiosque analyze` and write the site.
    #[command(verbatim_doc_comment)]
    ///
    /// Reads analyses files (or - for standard input), links the entities of all their
    /// articles and writes the site data as `build` does. An article analysed twice (the same
    /// document in two parts) is kept once. A file that is damaged, truncated or written by
    /// another version of kiosque is refused, naming the file and line: nothing is written.
    ///
    /// Exit status: 0 written, 2 nothing written.
    Merge {
        /// Analyses files written by `kiosque analyze`.
        #[arg(required = true, value_name = "ANALYSES")]
        analyses: Vec<PathBuf>,
        /// The site data directory to write (replaced as a whole).
        #[arg(long, short, default_value = "public/data", value_name = "DIR")]
        out: PathBuf,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
        /// Print every warning, not the first ten of each kind and how many more.
        #[arg(long, alias = "all-warnings", conflicts_with = "quiet")]
        all_messages: bool,
    },
    /// Write one HTML page per article and entity into a built site (`dist/`).
    #[command(verbatim_doc_comment)]
    ///
    /// Run by Trunk after each build (see Trunk.toml), so that deep links such as
    /// /article/<id>/ resolve on any static server without rewrite rules, link previews show a
    /// title and description, and readers without JavaScript get the text. Reads the site data
    /// from DIST/data and the app's DIST/index.html.
    ///
    /// An entity mentioned by two articles or more gets its own page, entity/<id>/; every
    /// other entity is shown by one page, entity/?id=<id>. Pages of articles and entities that
    /// no longer have one are removed.
    ///
    /// Run again over the same DIST (after `kiosque build ... --out DIST/data`, to publish new
    /// articles without rebuilding the app), it writes only the pages that changed: a page
    /// that already holds the same bytes keeps its file, time and inode, so a deployment by
    /// size and time sends only the others. Article pages whose body file, settings and app
    /// did not change, and entity pages whose entity, first cards, dates and listed entities
    /// did not, are not even rendered (a record in the cache directory, pages/).
    ///
    /// Each file is written into DIST/.kiosque-staging.<pid>-<time> and renamed into place, so
    /// no page is ever seen half written; a killed run leaves only that directory, which the
    /// next run removes (keep it out of deployments: rsync --exclude '.kiosque-staging.*'). A
    /// run locks DIST: another run into it, or a build into DIST/data, waits.
    ///
    /// The publishing settings are read from --config, or kiosque.toml in the current
    /// directory when it exists (see kiosque.toml.example and docs/deploy.md):
    ///
    ///   [site]
    ///   name = "Kiosque"                                   # titles, previews, feed
    ///   base_url = "https://news.example.org/kiosque/"    # canonical addresses, feed.xml,
    ///                                                      # sitemap.xml; its path must be
    ///                                                      # the one given to trunk --public-url
    ///   language = "fr"                                    # <html lang>; default: the
    ///                                                      # language of most articles
    Pages {
        /// The built site.
        #[arg(
            long,
            env = "TRUNK_STAGING_DIR",
            default_value = "dist",
            value_name = "DIST"
        )]
        dist: PathBuf,
        /// The publishing settings (default: kiosque.toml in the current directory, when it
        /// exists).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Render every page, reading and writing no record in the cache directory.
        #[arg(long)]
        no_cache: bool,
        /// No progress bar nor summary (warnings about the data are still printed).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print the typed blocks of each article, one JSON line per article.
    #[command(verbatim_doc_comment)]
    ///
    /// Each line is {"source", "title", "published", "lang", "blocks": [{"kind", "text", …}]}
    /// with kind one of heading, paragraph (the body, in order), embed, related, boilerplate:
    /// the same blocks `build` writes. Inputs are read as by `build` (- reads JSON Lines
    /// records from standard input); errors and warnings are printed by kind, the first ten
    /// of each, then how many more.
    ///
    /// Exit status: 0 every input cleaned, 1 cleaned without the inputs that failed, 2 the
    /// output could not be written.
    Clean {
        /// Articles: files or directories.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
        /// Print every error and warning about the inputs, not the first ten of each kind and
        /// how many more.
        #[arg(long, alias = "all-warnings")]
        all_messages: bool,
    },
    /// Find the entities of JSON records, one JSON line per record.
    #[command(verbatim_doc_comment)]
    ///
    /// Reads records {"id", "text", "lang"?, "published"?} from FILE.jsonl (or - for standard
    /// input) and writes {"id", "entities": [{"start", "end", "label", "text", "entity",
    /// "value"?}]}, where start and end are Unicode code-point offsets into the record's text,
    /// label is PER, LOC, ORG or DATE, entity the canonical entity id (linked across all the
    /// records) and value the ISO date of dates. Boilerplate in the text yields no entity.
    /// The file is read as `build` reads one (UTF-16 with a byte order mark, .gz). A record
    /// that cannot be read is named by its line, as `build` names it: the first ten of each
    /// kind, then how many more.
    ///
    /// Exit status: 0 every record, 1 without the records that failed, 2 the file could not
    /// be read or the output written.
    Extract {
        /// A JSON Lines file, or - for standard input.
        #[arg(value_name = "FILE.jsonl")]
        input: PathBuf,
        /// Print every error, not the first ten of each kind and how many more.
        #[arg(long, alias = "all-warnings")]
        all_messages: bool,
    },
    /// Score predictions against gold annotations.
    #[command(verbatim_doc_comment)]
    ///
    /// GOLD holds {"id", "annotated"} records with inline [[LABEL|surface]] markup (or
    /// {"id", "entities"} records); PRED holds `kiosque extract` output. Prints precision,
    /// recall and F1 per label and micro-averaged over PER, LOC and ORG (exact span and label),
    /// and the per-document entity-set F1.
    Eval {
        /// Gold annotations.
        gold: PathBuf,
        /// Predictions.
        pred: PathBuf,
    },
}

/// How `build` and `analyze` read their articles.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Articles: files or directories.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Fail, writing nothing, if any input cannot be read.
    #[arg(long)]
    pub strict: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print every error and warning about the inputs, not the first ten of each kind and how
    /// many more (with --quiet: every error).
    #[arg(long, alias = "all-warnings")]
    pub all_messages: bool,
    /// Refuse articles whose text is larger than SIZE (bytes, or with a unit: 512KiB,
    /// 16MiB, 1GiB; KB, MB, GB are powers of 1000), before analysing them.
    #[arg(long, value_name = "SIZE", default_value = "2MiB", value_parser = parse_size)]
    pub max_article_size: u64,
}

/// Reads a size as people write it: `2097152`, `512KiB`, `2MiB`, `2M` (powers of 1024), `2MB`
/// (powers of 1000).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (such as 2MiB or 500000)"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => return Err(format!("unknown size unit {other:?} (use KiB, MiB or GiB)")),
    };
    let bytes = number * multiplier as f64;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(format!("{text:?} is not a usable size"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("2MiB"), Ok(2 * 1024 * 1024));
        assert_eq!(parse_size("2M"), Ok(2 * 1024 * 1024));
        assert_eq!(parse_size("1.5 KiB"), Ok(1536));
        assert_eq!(parse_size("3MB"), Ok(3_000_000));
        assert_eq!(parse_size("500000"), Ok(500_000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("2 parsecs").is_err());
    }
}
