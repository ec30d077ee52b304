//! `kiosque`: the publisher's command-line tool. See `kiosque --help`.

use std::process::ExitCode;

use clap::Parser;
use kiosque_extract::ner::knowledge::Knowledge;

use kiosque_cli::cli::{Cli, Command};
use kiosque_cli::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let knowledge = Knowledge::builtin();
    match cli.command {
        Command::Build {
            inputs,
            out,
            strict,
            quiet,
        } => {
            let options = commands::build::BuildOptions {
                inputs,
                out,
                strict,
                quiet,
            };
            match commands::build::run(&options, knowledge) {
                Ok(report) if report.errors.is_empty() => ExitCode::SUCCESS,
                Ok(_) => ExitCode::from(1),
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Pages { dist, site_name } => match commands::pages::run(&dist, &site_name) {
            Ok(report) => {
                eprintln!(
                    "wrote {} article and {} entity pages into {}",
                    report.articles,
                    report.entities,
                    dist.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
    }
}
