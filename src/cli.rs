//! The command line: clap definitions, nothing else.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "switchboard", version, about = "Builds a knowledge graph of who contacted whom from news articles")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (files or directories, with an optional manifest.json) and write
    /// graph.json and graph.dot into the output folder.
    Build {
        /// Article files or directories (read recursively).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder (created if missing).
        #[arg(long, short)]
        out: PathBuf,
        /// Draw every statement as its own edge in the DOT instead of a summary per pair.
        #[arg(long)]
        statements: bool,
        /// Draw nodes without edges to other nodes as well (they are always in graph.json).
        #[arg(long)]
        isolated: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print what is extracted from each article, one fact a line, with the rule and sentence
    /// of its evidence (for checking rules; no graph is written).
    Facts {
        /// Article files or directories.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
}
