//! `kiosque`: the publisher's command-line tool. See `kiosque --help`.

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use kiosque_extract::ner::knowledge::Knowledge;

use kiosque_cli::cli::{Cli, Command};
use kiosque_cli::commands;
use kiosque_cli::message;

/// Many small strings are made and freed on every core; mimalloc does it faster than the
/// system allocator (measured in README, "Building at archive scale").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc asks the kernel for transparent huge pages, and the kernel zeroes a whole 2 MiB
    // page on its first touch: memory freed and reused in many places, as a rebuild does, cost a
    // third of a +1% rebuild's CPU in the kernel zeroing pages (docs/scale.md, twelfth round).
    // Failing to turn them off (an old kernel) only costs that time.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = Cli::parse();
    // A build with the default cache keeps the built-in knowledge prepared beside it (read in a
    // few milliseconds instead of parsed from the data files); `--no-cache` touches no cache.
    if let Command::Build {
        cache: None,
        no_cache: false,
        ..
    } = &cli.command
        && let Some(directory) = kiosque_cli::cache::directory()
    {
        kiosque_cli::knowledge::keep_in(kiosque_cli::knowledge::file_in(&directory));
    }
    // The built-in knowledge takes a moment to load: it does while the inputs are read.
    if matches!(
        cli.command,
        Command::Build { .. } | Command::Analyze { .. } | Command::Merge { .. }
    ) {
        std::thread::spawn(kiosque_cli::knowledge::builtin);
    }
    let knowledge: fn() -> &'static Knowledge = kiosque_cli::knowledge::builtin;
    // The language entities are named in: the interface's, `[site] language` of the
    // `kiosque.toml` that `kiosque pages` reads (in the current directory), so that the names
    // agree with the pages' words; without it, the articles' majority (the pages' default too).
    let names = || -> anyhow::Result<Option<String>> {
        Ok(kiosque_cli::pages::settings::Settings::load(None)?.language)
    };
    match cli.command {
        Command::Build {
            read,
            out,
            cache,
            no_cache,
            timings,
        } => {
            if timings {
                kiosque_corpus::timings::start();
            }
            let names = match names() {
                Ok(names) => names,
                Err(e) => return exit_status(Err(e)),
            };
            let options = commands::build::BuildOptions {
                names,
                inputs: read.inputs,
                out,
                strict: read.strict,
                quiet: read.quiet,
                all_messages: read.all_messages,
                max_article_size: read.max_article_size,
                cache: match (cache, no_cache) {
                    (_, true) => commands::build::CacheChoice::Off,
                    (Some(file), false) => commands::build::CacheChoice::File(file),
                    (None, false) => commands::build::CacheChoice::Default,
                },
            };
            // 0: every input built; 1: built without the inputs that failed; 2: nothing written.
            let built = commands::build::run(&options, knowledge);
            if timings {
                kiosque_cli::message::timings(&kiosque_corpus::timings::finish());
            }
            match built {
                Ok(report) => {
                    // The site is millions of small allocations that the process is about to
                    // give back whole: freeing them one by one would cost ~70 ms at 10,000
                    // articles, for nothing.
                    std::mem::forget(report.site);
                    exit_status(Ok(report.errors))
                }
                Err(e) => exit_status(Err(e)),
            }
        }
        Command::Analyze { read, out } => {
            exit_status(commands::analyze::run(&read, &out, knowledge).map(|r| r.errors))
        }
        Command::Merge {
            analyses,
            out,
            quiet,
            all_messages,
        } => exit_status(names().and_then(|names| {
            commands::merge::run(
                &analyses,
                &out,
                (quiet, all_messages),
                knowledge,
                names.as_deref(),
            )
            .map(|()| vec![])
        })),
        Command::Pages {
            dist,
            config,
            no_cache,
            quiet,
        } => {
            let started = Instant::now();
            let pages = kiosque_cli::pages::settings::Settings::load(config.as_deref())
                .map_err(anyhow::Error::new)
                .and_then(|settings| {
                    let cache = (!no_cache).then(kiosque_cli::cache::directory).flatten();
                    commands::pages::run_with(&dist, &settings, cache.as_deref(), quiet)
                });
            match pages {
                Ok(_) if quiet => ExitCode::SUCCESS,
                Ok(report) => {
                    message::note(report.summary(&dist, started.elapsed()));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    message::error(format_args!("{e:#}"));
                    ExitCode::from(2)
                }
            }
        }
        Command::Clean {
            inputs,
            all_messages,
        } => {
            let (records, errors) = commands::clean::run(&inputs, knowledge(), all_messages);
            let mut out = std::io::stdout().lock();
            if let Err(e) = commands::clean::write(&records, &mut out) {
                return io_failure(&e);
            }
            message::errors(&errors, all_messages);
            if errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Extract {
            input,
            all_messages,
        } => {
            let text = match kiosque_cli::input::read_text(&input) {
                Ok(t) => t,
                Err(e) => {
                    message::error(format_args!("{}: {e}", input.display()));
                    return ExitCode::from(2);
                }
            };
            let (outputs, errors) = commands::extract::run(&input, &text, knowledge());
            if let Err(e) = commands::extract::write(&outputs, &mut std::io::stdout().lock()) {
                return io_failure(&e);
            }
            message::errors(&errors, all_messages);
            if errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Eval { gold, pred } => match commands::eval::run(&gold, &pred) {
            Ok(report) => {
                print!("{}", report.table());
                ExitCode::SUCCESS
            }
            Err(e) => {
                message::error(format_args!("{e:#}"));
                ExitCode::from(2)
            }
        },
    }
}

/// 0: every input used; 1: written without the inputs that failed; 2: nothing written.
fn exit_status(result: anyhow::Result<Vec<kiosque_cli::input::InputError>>) -> ExitCode {
    match result {
        Ok(errors) if errors.is_empty() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(e) => {
            message::error(format_args!("{e:#}"));
            ExitCode::from(2)
        }
    }
}

fn io_failure(e: &std::io::Error) -> ExitCode {
    // A closed pipe (`kiosque clean … | head`) is not an error worth a message.
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        message::error(format_args!("cannot write the output: {e}"));
    }
    ExitCode::from(2)
}
