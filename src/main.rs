//! The `switchboard` binary: parse the command line, call the library, report, map errors to
//! exit codes: 0 done, 1 nothing found (`facts` read no article), 2 error (missing input, no
//! articles to build from, an unwritable output folder, bad arguments).

mod cli;

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use switchboard::export::{self, dot::DotOptions};
use switchboard::graph::{EdgeKind, NodeKind};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("switchboard: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: cli::Cli) -> Result<ExitCode> {
    match cli.command {
        cli::Command::Build { inputs, out, statements, isolated, quiet } => {
            let (docs, warnings) = switchboard::input::read(&inputs)?;
            for w in &warnings {
                eprintln!("switchboard: warning: {w}");
            }
            if docs.is_empty() {
                anyhow::bail!(
                    "no articles found in {}",
                    inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                );
            }
            let graph = switchboard::build_graph(&docs);
            std::fs::create_dir_all(&out).with_context(|| format!("cannot create output folder {}", out.display()))?;
            let json_path = out.join("graph.json");
            let dot_path = out.join("graph.dot");
            export::write_atomic(&json_path, export::json::to_string(&graph).as_bytes())
                .with_context(|| format!("cannot write {}", json_path.display()))?;
            export::write_atomic(
                &dot_path,
                export::dot::to_string(&graph, DotOptions { statements, isolated }).as_bytes(),
            )
            .with_context(|| format!("cannot write {}", dot_path.display()))?;
            if !quiet {
                let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
                eprintln!(
                    "read {} documents ({} bytes); found {} persons, {} institutions, {} calls, {} refusals, {} statements, {} affiliations; {} warnings",
                    docs.len(),
                    bytes,
                    graph.count(NodeKind::Person),
                    graph.count(NodeKind::Institution),
                    graph.count(NodeKind::Call),
                    graph.count_edges(EdgeKind::Refusal),
                    graph.count_edges(EdgeKind::Statement),
                    graph.count_edges(EdgeKind::Affiliation),
                    warnings.len()
                );
                eprintln!("wrote {} and {}", json_path.display(), dot_path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Facts { inputs } => {
            let (docs, warnings) = switchboard::input::read(&inputs)?;
            for w in &warnings {
                eprintln!("switchboard: warning: {w}");
            }
            let rules = switchboard::rules::Rules::builtin();
            for d in &docs {
                println!("== {}", d.name);
                print!("{}", switchboard::analyze_document(d, rules).dump());
            }
            Ok(if docs.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}
