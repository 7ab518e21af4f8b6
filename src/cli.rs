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
    Build(BuildArgs),
    /// Unite graphs built on different sets of articles (from the facts.bin beside each): the
    /// same graph as one build over all the articles.
    Merge(MergeArgs),
    /// Write a built graph in another format: json, dot, svg, png (these two need Graphviz),
    /// graphml, gexf, cytoscape, jgf, neo4j (a folder of CSV files), cypher or html (a viewer
    /// page that opens in a browser, with no network).
    Export(ExportArgs),
    /// Print what is extracted from each article, one fact a line, with the rule and sentence
    /// of its evidence (for checking rules; no graph is written).
    Facts(FactsArgs),
    /// The shortest connection between two actors, each hop explained with its source.
    Path(PathArgs),
    /// The actors within some hops of one actor.
    Neighbors(NeighborsArgs),
    /// Everything the graph holds about one actor: names, titles, institutions, calls,
    /// refusals, statements.
    Show(ShowArgs),
    /// The timeline of calls, all or with some actors.
    Calls(CallsArgs),
}

/// The arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Article files or directories (read recursively).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing). With --update, defaults to the updated folder.
    #[arg(long, short, required_unless_present = "update")]
    pub out: Option<PathBuf>,
    /// Add the articles to the graph built in this folder, from its facts.bin, without
    /// reading its articles again (an article with the name of a stored one replaces it).
    #[arg(long, value_name = "DIR")]
    pub update: Option<PathBuf>,
    /// Exit with status 3 when any input had a problem (a file skipped, bad UTF-8, a bad
    /// manifest entry or corpus line...). The graph of what could be read is still written.
    #[arg(long)]
    pub strict: bool,
    /// A folder of rule files (`*.tsv`, as in src/rules/data) read over the built-in rules: a
    /// file's rows extend the built-in section of the same name, or replace it when the file
    /// starts with `#replace` (docs/rules.md).
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    #[command(flatten)]
    pub drawing: DrawingArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// The arguments of `merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The graphs: each a graph.json written by `switchboard build` or the folder holding it.
    /// A document in several keeps the copy of the last one that has it.
    #[arg(required = true)]
    pub graphs: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    pub drawing: DrawingArgs,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// The arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The graph (graph.json written by `switchboard build`).
    #[arg(long, default_value = "graphs/seeds/graph.json")]
    pub graph: PathBuf,
    /// The format.
    #[arg(long, short, value_parser = parse_format)]
    pub format: ExportFormat,
    /// Where to write: a file, or a folder for neo4j; `-` for standard output (text formats).
    #[arg(long, short)]
    pub out: PathBuf,
    #[command(flatten)]
    pub drawing: DrawingArgs,
}

/// The arguments of `facts`.
#[derive(Debug, Args)]
pub struct FactsArgs {
    /// Article files or directories.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

/// The arguments of `path`.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// From whom (a name, alias or id; case and accents do not matter).
    pub from: String,
    /// To whom.
    pub to: String,
    /// Every simple path up to --max-hops, shortest first.
    #[arg(long)]
    pub all: bool,
    /// With --all: the longest path to list.
    #[arg(long, default_value_t = 4)]
    pub max_hops: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Print how long loading and answering took, on stderr.
    #[arg(long)]
    pub timings: bool,
}

/// The arguments of `neighbors`.
#[derive(Debug, Args)]
pub struct NeighborsArgs {
    pub name: String,
    /// How many hops out.
    #[arg(long, default_value_t = 1)]
    pub depth: usize,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// The arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    pub name: String,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// The arguments of `calls`.
#[derive(Debug, Args)]
pub struct CallsArgs {
    /// Only calls this actor took part in (repeatable: all of them took part).
    #[arg(long = "with", value_name = "NAME")]
    pub with: Vec<String>,
    /// Only calls between these two actors.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub between: Option<Vec<String>>,
    /// Calls on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Calls on or before this day.
    #[arg(long, value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    #[command(flatten)]
    pub out: OutputArgs,
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
    /// Follow contacts of calls that were not held too (planned, denied, disputed); by default a
    /// question passes only through held calls.
    #[arg(long)]
    pub any_status: bool,
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
