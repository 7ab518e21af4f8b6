//! One module per command: each takes its parsed arguments, calls the library and reports.
//! What several commands share lives here: standard output, graph loading, query filters.

mod build;
mod export;
mod facts;
mod merge;
mod progress;
mod query;
mod written;

use std::io::{BufWriter, StdoutLock, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use serde::Serialize;
use switchboard::export as formats;
use switchboard::graph::{EdgeKind, KnowledgeGraph, NodeKind};
use switchboard::query::Filter;

use crate::cli;

/// Run one command: its exit code, or the error `main` reports.
pub fn run(command: cli::Command) -> Result<ExitCode> {
    match command {
        cli::Command::Build(a) => build::run(a),
        cli::Command::Merge(a) => merge::run(a),
        cli::Command::Export(a) => export::run(a),
        cli::Command::Facts(a) => facts::run(a),
        cli::Command::Path(a) => query::path(a),
        cli::Command::Neighbors(a) => query::neighbors(a),
        cli::Command::Show(a) => query::show(a),
        cli::Command::Calls(a) => query::calls(a),
    }
}

/// Standard output, locked once and buffered: every command writes its answer through this, and
/// flushes it at the end, so a write error (a closed pipe) comes back as an error `main` sees.
pub(crate) struct Stdout(BufWriter<StdoutLock<'static>>);

impl Stdout {
    pub(crate) fn new() -> Stdout {
        Stdout(BufWriter::new(std::io::stdout().lock()))
    }

    /// Pretty JSON and a newline.
    pub(crate) fn json<T: Serialize>(&mut self, v: &T) -> Result<()> {
        // (an io error stays one, so that `main` knows a closed pipe)
        serde_json::to_writer_pretty(&mut self.0, v).map_err(std::io::Error::from)?;
        writeln!(self.0)?;
        Ok(())
    }

    pub(crate) fn text(&mut self, s: &str) -> Result<()> {
        self.0.write_all(s.as_bytes())?;
        Ok(())
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) -> Result<()> {
        self.0.write_all(b).context("cannot write to standard output")
    }

    /// Flush what is buffered (a command ends with this: a lost write is an error).
    pub(crate) fn done(mut self) -> Result<()> {
        self.0.flush()?;
        Ok(())
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Read a graph file, with a message that names the file when it is missing or not ours.
fn load(path: &Path, mode: formats::json::LoadMode) -> Result<KnowledgeGraph> {
    let bytes = std::fs::read(path).with_context(|| {
        format!("cannot read the graph {} (build one with `switchboard build ARTICLES --out DIR`)", path.display())
    })?;
    formats::json::from_slice_as(&bytes, mode).with_context(|| format!("{}", path.display()))
}

/// "27 persons, 22 institutions, ..." for the closing line of build and merge.
fn found(graph: &KnowledgeGraph) -> String {
    format!(
        "{} persons, {} institutions, {} calls, {} refusals, {} statements, {} affiliations",
        graph.count(NodeKind::Person),
        graph.count(NodeKind::Institution),
        graph.count(NodeKind::Call),
        graph.count_edges(EdgeKind::Refusal),
        graph.count_edges(EdgeKind::Statement),
        graph.count_edges(EdgeKind::Affiliation),
    )
}

fn filter_of(a: &cli::FilterArgs) -> Filter {
    Filter {
        via: (!a.via.is_empty()).then(|| a.via.iter().map(|&v| EdgeKind::from(v)).collect()),
        since: a.since,
        until: a.until,
        directed: a.directed,
        any_status: a.any_status,
    }
}

/// " (since 2024-01-01, via contact)" for messages about empty answers.
fn limits(f: &Filter) -> String {
    let mut parts = Vec::new();
    if let Some(s) = f.since {
        parts.push(format!("since {s}"));
    }
    if let Some(u) = f.until {
        parts.push(format!("until {u}"));
    }
    if let Some(v) = &f.via {
        parts.push(format!("via {}", v.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(",")));
    }
    if f.directed {
        parts.push("directed".into());
    }
    if !f.any_status {
        parts.push("held calls only; --any-status follows planned and denied ones".into());
    }
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
}
