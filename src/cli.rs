//! The command line: clap definitions, nothing else.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use switchboard::export::Format as ExportFormat;
use switchboard::graph::EdgeKind;

#[derive(Debug, Parser)]
#[command(name = "switchboard", version, about = "Builds a knowledge graph of who contacted whom from news articles")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles (files or directories, with an optional manifest.json) and write
    /// graph.json, graph.dot and facts.bin (the facts of every article, for --update and merge)
    /// into the output folder.
    Build {
        /// Article files or directories (read recursively).
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder (created if missing). With --update, defaults to the updated folder.
        #[arg(long, short, required_unless_present = "update")]
        out: Option<PathBuf>,
        /// Add the articles to the graph built in this folder, from its facts.bin, without
        /// reading its articles again (an article with the name of a stored one replaces it).
        #[arg(long, value_name = "DIR")]
        update: Option<PathBuf>,
        /// Exit with status 3 when any input had a problem (a file skipped, bad UTF-8, a bad
        /// manifest entry or corpus line...). The graph of what could be read is still written.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        drawing: DrawingArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Unite graphs built on different sets of articles (from the facts.bin beside each): the
    /// same graph as one build over all the articles.
    Merge {
        /// The graphs: each a graph.json written by `switchboard build` or the folder holding it.
        /// A document in several keeps the copy of the last one that has it.
        #[arg(required = true)]
        graphs: Vec<PathBuf>,
        /// Output folder (created if missing).
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        drawing: DrawingArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Write a built graph in another format: json, dot, svg, png (these two need Graphviz),
    /// graphml, gexf, cytoscape, jgf, neo4j (a folder of CSV files) or cypher.
    Export {
        /// The graph (graph.json written by `switchboard build`).
        #[arg(long, default_value = "graphs/seeds/graph.json")]
        graph: PathBuf,
        /// The format.
        #[arg(long, short, value_parser = parse_format)]
        format: ExportFormat,
        /// Where to write: a file, or a folder for neo4j; `-` for standard output (text formats).
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        drawing: DrawingArgs,
    },
    /// Print what is extracted from each article, one fact a line, with the rule and sentence
    /// of its evidence (for checking rules; no graph is written).
    Facts {
        /// Article files or directories.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
    /// The shortest connection between two actors, each hop explained with its source.
    Path {
        /// From whom (a name, alias or id; case and accents do not matter).
        from: String,
        /// To whom.
        to: String,
        /// Every simple path up to --max-hops, shortest first.
        #[arg(long)]
        all: bool,
        /// With --all: the longest path to list.
        #[arg(long, default_value_t = 4)]
        max_hops: usize,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        out: OutputArgs,
        /// Print how long loading and answering took, on stderr.
        #[arg(long)]
        timings: bool,
    },
    /// The actors within some hops of one actor.
    Neighbors {
        name: String,
        /// How many hops out.
        #[arg(long, default_value_t = 1)]
        depth: usize,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Everything the graph holds about one actor: names, titles, institutions, calls,
    /// refusals, statements.
    Show {
        name: String,
        #[command(flatten)]
        out: OutputArgs,
    },
    /// The timeline of calls, all or with some actors.
    Calls {
        /// Only calls this actor took part in (repeatable: all of them took part).
        #[arg(long = "with", value_name = "NAME")]
        with: Vec<String>,
        /// Only calls between these two actors.
        #[arg(long, num_args = 2, value_names = ["A", "B"])]
        between: Option<Vec<String>>,
        /// Calls on or after this day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// Calls on or before this day.
        #[arg(long, value_parser = parse_date)]
        until: Option<NaiveDate>,
        #[command(flatten)]
        out: OutputArgs,
    },
}

/// What `build` and `merge` write and report.
#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Formats to write into the output folder (comma-separated): json, dot, svg, png, graphml,
    /// gexf, cytoscape, jgf, neo4j, cypher. json is always written.
    #[arg(long, short, value_delimiter = ',', value_parser = parse_format, default_value = "json,dot")]
    pub format: Vec<ExportFormat>,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how long each stage took (reading and extracting, loading stored facts, merging,
    /// writing) on stderr.
    #[arg(long)]
    pub timings: bool,
}

/// How the DOT picture (and SVG, PNG) is drawn.
#[derive(Debug, Args)]
pub struct DrawingArgs {
    /// Draw every statement as its own edge in the DOT instead of a summary per pair.
    #[arg(long)]
    pub statements: bool,
    /// Draw nodes without edges to other nodes as well (they are always in graph.json).
    #[arg(long)]
    pub isolated: bool,
}

impl DrawingArgs {
    pub fn options(&self) -> switchboard::export::dot::DotOptions {
        switchboard::export::dot::DotOptions {
            statements: self.statements,
            isolated: self.isolated,
            ..Default::default()
        }
    }
}

/// Which edges a question may follow.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Follow only these kinds of edge (comma-separated).
    #[arg(long, value_delimiter = ',', value_enum)]
    pub via: Vec<Via>,
    /// Only calls and dated facts on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Only calls and dated facts on or before this day.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Follow edges only in their direction (speaker to audience, refuser to requester...).
    #[arg(long)]
    pub directed: bool,
}

/// Where the graph is and how to answer.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// The graph to ask (graph.json written by `switchboard build`).
    #[arg(long, default_value = "graphs/seeds/graph.json")]
    pub graph: PathBuf,
    /// text for people, json for programs, dot for a picture (path and neighbors).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Dot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Via {
    Contact,
    Refusal,
    Statement,
    Affiliation,
    Succeeded,
    PartOf,
}

impl From<Via> for EdgeKind {
    fn from(v: Via) -> Self {
        match v {
            Via::Contact => EdgeKind::Contact,
            Via::Refusal => EdgeKind::Refusal,
            Via::Statement => EdgeKind::Statement,
            Via::Affiliation => EdgeKind::Affiliation,
            Via::Succeeded => EdgeKind::Succeeded,
            Via::PartOf => EdgeKind::PartOf,
        }
    }
}

fn parse_format(s: &str) -> Result<ExportFormat, String> {
    s.parse()
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a date like 2024-06-25"))
}
