//! The `switchboard` binary: parse the command line, call the library, report, map errors to
//! exit codes: 0 done, 1 nothing found (`facts` read no article, a query with no answer), 2 error
//! (missing input, no article could be read, an unwritable output folder, bad arguments: one
//! line on stderr), 3 `build --strict` wrote the graph but some input had a problem.

mod cli;

/// mimalloc: extraction allocates many small strings on every core; glibc's allocator spent a
/// tenth of the build in malloc and free, and held on to freed memory per thread.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;
use std::io::Write;
use switchboard::export::{self, Format as ExportFormat, dot::DotOptions};
use switchboard::graph::{EdgeKind, KnowledgeGraph, NodeKind};
use switchboard::query::{self, Filter, NameIndex};
use switchboard::report;
use switchboard::store::{self, FactSet};

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return bad_arguments(e),
    };
    match run(cli) {
        Ok(code) => code,
        // a reader that stops early (`facts DIR | head -1`) is not an error
        Err(e) if broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("switchboard: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether the error comes from writing to a pipe whose reader has gone.
fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// Help and version go to stdout as clap writes them; a bad command line is one line on stderr
/// and exit 2 (usage: `--help`).
fn bad_arguments(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
    }
    let text = e.render().to_string();
    // the lines before clap's "Usage:" and "For more information" hints, as one line
    let what: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
        .collect();
    let what = what.join(" ");
    let what = what.strip_prefix("error: ").unwrap_or(&what);
    eprintln!("switchboard: error: {what} (see switchboard --help)");
    ExitCode::from(2)
}

/// Warnings shown for one input (a corpus may have thousands of bad lines): the rest are counted.
const WARNINGS_SHOWN: usize = 20;

fn run(cli: cli::Cli) -> Result<ExitCode> {
    match cli.command {
        cli::Command::Build {
            inputs,
            out,
            update,
            strict,
            drawing,
            write: cli::WriteArgs { format, quiet, timings },
        } => {
            // the stored facts are checked before any article is read: a missing or stale file
            // fails at once
            let stored = match &update {
                Some(dir) => Some(store::Reader::open(&store::locate(dir)?, switchboard::rules::Rules::builtin())?),
                None => None,
            };
            let out = out.or_else(|| update.clone()).context("give --out DIR (or --update DIR)")?;
            let mut written = Written::start(&out)?;
            // articles stream through: read and extracted a batch at a time, never all held
            let t_plan = Instant::now();
            let (sources, planned) = switchboard::input::plan(&inputs)?;
            let listed = t_plan.elapsed();
            let (mut warnings, mut skipped) = (0, 0);
            // a corpus with thousands of bad lines names its first ones, then counts the rest
            let mut per_input: std::collections::BTreeMap<std::path::PathBuf, usize> = Default::default();
            let mut warn = |w: switchboard::input::Warning| {
                warnings += 1;
                skipped += usize::from(w.skipped);
                let n = per_input.entry(w.path.clone()).or_default();
                *n += 1;
                if *n <= WARNINGS_SHOWN {
                    eprintln!("switchboard: warning: {w}");
                }
            };
            planned.into_iter().for_each(&mut warn);
            let articles = sources.iter().all(|s| s.is_article()).then_some(sources.len());
            let progress = Progress::start(articles, &sources, !quiet);
            let t_extract = Instant::now();
            let extracted_docs = switchboard::extract_sources(
                &sources,
                switchboard::rules::Rules::builtin(),
                &|bytes| progress.advance(bytes),
                &mut |w| {
                    progress.clear();
                    warn(w)
                },
            );
            progress.finish();
            for (path, n) in per_input.iter().filter(|(_, n)| **n > WARNINGS_SHOWN) {
                eprintln!("switchboard: warning: {}: {} more warning(s) not shown", path.display(), n - WARNINGS_SHOWN);
            }
            let extracted = t_extract.elapsed();
            let (n_docs, bytes) = (extracted_docs.docs.len(), extracted_docs.bytes);
            if n_docs == 0 {
                let why = if skipped > 0 {
                    format!(" ({skipped} input(s) skipped, see the warnings above)")
                } else {
                    String::new()
                };
                anyhow::bail!(
                    "no articles could be read from {}{why}; nothing written",
                    inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                );
            }
            let new = FactSet::from_packed(extracted_docs.docs);
            let t_load = Instant::now();
            let (set, kept) = match (stored, &update) {
                (Some(reader), Some(dir)) => {
                    let up = store::update(reader, new)?;
                    // a few names, then a count: an update may replace thousands
                    const SHOWN: usize = 10;
                    for name in up.replaced.iter().take(SHOWN) {
                        eprintln!(
                            "switchboard: warning: {name} replaces the document of that name in {}",
                            dir.display()
                        );
                    }
                    if up.replaced.len() > SHOWN {
                        eprintln!(
                            "switchboard: warning: and {} more documents replace those of their names in {}",
                            up.replaced.len() - SHOWN,
                            dir.display()
                        );
                    }
                    (up.set, Some((up.kept, up.replaced.len(), dir)))
                }
                _ => (new, None),
            };
            let loaded = t_load.elapsed();
            written.clock();
            let t_merge = Instant::now();
            let (graph, facts_secs) = written.facts_and_graph(set)?;
            let merged = t_merge.elapsed();
            let files = written.graph(&graph, format, &drawing)?;
            if update.is_some() {
                written.warn_stale(&files);
            }
            if timings {
                let load = kept.map(|_| format!(" load facts {:.2} s,", loaded.as_secs_f64())).unwrap_or_default();
                eprintln!(
                    "timings: read and extract {:.2} s,{load} merge {:.2} s, write {:.2} s (facts.bin {facts_secs:.2} s, \
                     alongside the merge); \
                     listing the inputs {:.2} s",
                    extracted.as_secs_f64(),
                    merged.as_secs_f64(),
                    written.elapsed().as_secs_f64() - merged.as_secs_f64(),
                    listed.as_secs_f64(),
                );
            }
            if !quiet {
                let kept = kept
                    .map(|(k, r, dir)| format!(", kept {k} from {} ({r} replaced)", dir.display()))
                    .unwrap_or_default();
                let skipped = if skipped > 0 { format!(", skipped {skipped}") } else { String::new() };
                eprintln!(
                    "read {n_docs} documents ({bytes} bytes){skipped}{kept}; found {}; {warnings} warnings",
                    found(&graph),
                );
                eprintln!("wrote {}", files.join(", "));
            }
            // the process ends here and the system takes its memory back at once: freeing the
            // graph's hundreds of thousands of edges one by one would only make the user wait
            std::mem::forget(graph);
            if strict && warnings > 0 {
                eprintln!(
                    "switchboard: --strict: {warnings} input problem(s) ({skipped} skipped); the graph of the rest is written"
                );
                return Ok(ExitCode::from(3));
            }
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Merge { graphs, out, drawing, write: cli::WriteArgs { format, quiet, timings } } => {
            let t_load = Instant::now();
            let files = graphs.iter().map(|g| store::locate(g)).collect::<Result<Vec<_>, _>>()?;
            let m = store::merge(&files, switchboard::rules::Rules::builtin())?;
            let loaded = t_load.elapsed();
            for c in &m.conflicts {
                eprintln!("switchboard: warning: {c}");
            }
            let n = m.set.len();
            let written = Written::start(&out)?;
            let t_merge = Instant::now();
            let (graph, facts_secs) = written.facts_and_graph(m.set)?;
            let merged = t_merge.elapsed();
            let list = written.graph(&graph, format, &drawing)?;
            if timings {
                eprintln!(
                    "timings: load facts {:.2} s, merge {:.2} s, write {:.2} s (facts.bin {facts_secs:.2} s, alongside the merge)",
                    loaded.as_secs_f64(),
                    merged.as_secs_f64(),
                    written.elapsed().as_secs_f64() - merged.as_secs_f64(),
                );
            }
            if !quiet {
                eprintln!(
                    "merged {} graphs: {n} documents ({} in more than one, {} of them differing); found {}",
                    files.len(),
                    m.same + m.conflicts.len(),
                    m.conflicts.len(),
                    found(&graph)
                );
                eprintln!("wrote {}", list.join(", "));
            }
            // as at the end of a build: the process ends, the system takes the memory back
            std::mem::forget(graph);
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Export { graph, format, out, drawing } => {
            let g = load(&graph, export::json::LoadMode::Full)?;
            let opts = drawing.options();
            if out.as_os_str() == "-" {
                if format == ExportFormat::Png {
                    anyhow::bail!("png is binary; give --out a file");
                }
                let Some(bytes) = export::to_bytes(&g, format, &opts)? else {
                    anyhow::bail!("neo4j writes a folder of files; give --out a folder");
                };
                std::io::stdout().write_all(&bytes).context("cannot write to standard output")?;
            } else {
                if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
                }
                export::write(&g, format, &out, &opts)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Facts { inputs } => {
            let (docs, warnings) = switchboard::input::read_mapped(&inputs)?;
            for w in &warnings {
                eprintln!("switchboard: warning: {w}");
            }
            let rules = switchboard::rules::Rules::builtin();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for (d, map) in &docs {
                writeln!(out, "== {}", d.name)?;
                write!(out, "{}", switchboard::analyze_mapped(d, map, rules).dump())?;
            }
            out.flush()?;
            Ok(if docs.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        cli::Command::Path { from, to, all, max_hops, filter, out, timings } => {
            let t0 = Instant::now();
            let g = load(&out.graph, export::json::LoadMode::Query)?;
            let loaded = t0.elapsed();
            let t1 = Instant::now();
            let names = NameIndex::new(&g, switchboard::rules::Rules::builtin());
            let (a, b) = (names.resolve(&g, &from)?, names.resolve(&g, &to)?);
            let f = filter_of(&filter);
            let found = if all {
                query::all_paths(&g, a, b, &f, max_hops)
            } else {
                query::shortest_path(&g, a, b, &f).into_iter().collect()
            };
            let answers: Vec<query::PathAnswer> = found.iter().map(|p| query::explain(&g, p, &f)).collect();
            let answered = t1.elapsed();
            if timings {
                eprintln!(
                    "loaded {} ({} nodes, {} edges) in {} ms; answered in {} ms",
                    out.graph.display(),
                    g.graph.node_count(),
                    g.graph.edge_count(),
                    loaded.as_millis(),
                    answered.as_millis()
                );
            }
            let (fl, tl) = (g.graph[a].label.clone(), g.graph[b].label.clone());
            if answers.is_empty() {
                eprintln!("switchboard: no path from {fl} to {tl}{}", limits(&f));
                return Ok(ExitCode::from(1));
            }
            match out.format {
                cli::Format::Text => print!("{}", report::paths(&fl, &tl, &answers)),
                cli::Format::Json => print_json(&query::PathsAnswer {
                    from: g.graph[a].id.clone(),
                    to: g.graph[b].id.clone(),
                    paths: answers,
                })?,
                cli::Format::Dot => {
                    let nodes: BTreeSet<String> = found.iter().flatten().map(|&n| g.graph[n].id.clone()).collect();
                    let highlight = found
                        .iter()
                        .flat_map(|p| p.windows(2).map(|w| (g.graph[w[0]].id.clone(), g.graph[w[1]].id.clone())))
                        .collect();
                    let opts = DotOptions {
                        subset: Some(nodes),
                        highlight,
                        title: Some(format!("{fl} to {tl}")),
                        statements: true,
                        ..Default::default()
                    };
                    print!("{}", export::dot::to_string(&g, &opts));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Neighbors { name, depth, filter, out } => {
            let g = load(&out.graph, export::json::LoadMode::Query)?;
            let center = NameIndex::new(&g, switchboard::rules::Rules::builtin()).resolve(&g, &name)?;
            let f = filter_of(&filter);
            let list = query::neighbors(&g, center, depth, &f);
            let label = g.graph[center].label.clone();
            if list.is_empty() {
                eprintln!("switchboard: nothing within {depth} hop(s) of {label}{}", limits(&f));
                return Ok(ExitCode::from(1));
            }
            match out.format {
                cli::Format::Text => print!("{}", report::neighbors(&label, &list)),
                cli::Format::Json => {
                    print_json(&query::NeighborsAnswer { center: g.graph[center].id.clone(), depth, neighbors: list })?
                }
                cli::Format::Dot => {
                    let mut nodes: BTreeSet<String> = list.iter().map(|n| n.id.clone()).collect();
                    nodes.insert(g.graph[center].id.clone());
                    let opts = DotOptions {
                        subset: Some(nodes),
                        title: Some(format!("within {depth} hop(s) of {label}")),
                        ..Default::default()
                    };
                    print!("{}", export::dot::to_string(&g, &opts));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Show { name, out } => {
            let g = load(&out.graph, export::json::LoadMode::Query)?;
            let n = NameIndex::new(&g, switchboard::rules::Rules::builtin()).resolve(&g, &name)?;
            let p = query::profile(&g, n);
            match out.format {
                cli::Format::Text => print!("{}", report::profile(&p)),
                cli::Format::Json => print_json(&p)?,
                cli::Format::Dot => anyhow::bail!("show answers as text or json, not dot"),
            }
            Ok(ExitCode::SUCCESS)
        }
        cli::Command::Calls { with, between, since, until, out } => {
            let g = load(&out.graph, export::json::LoadMode::Query)?;
            let names = NameIndex::new(&g, switchboard::rules::Rules::builtin());
            let mut who = Vec::new();
            for n in with.iter().chain(between.iter().flatten()) {
                who.push(names.resolve(&g, n)?);
            }
            let f = Filter { since, until, ..Default::default() };
            let list = query::calls(&g, &who, &f);
            if list.is_empty() {
                eprintln!("switchboard: no calls found{}", limits(&f));
                return Ok(ExitCode::from(1));
            }
            match out.format {
                cli::Format::Text => print!("{}", report::calls(&list)),
                cli::Format::Json => print_json(&query::CallsAnswer { calls: list })?,
                cli::Format::Dot => anyhow::bail!("calls answers as text or json, not dot"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
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

/// The output folder of build and merge: facts.bin first, then graph.json and the other formats.
struct Written<'a> {
    out: &'a Path,
    start: Instant,
}

impl<'a> Written<'a> {
    /// Make sure the output folder exists and takes files (before any article is read: a bad
    /// folder fails at once, not after a night's extraction), and remove temporary files that
    /// a killed run left there.
    fn start(out: &'a Path) -> Result<Self> {
        std::fs::create_dir_all(out).with_context(|| format!("cannot create output folder {}", out.display()))?;
        let probe = out.join(format!(".switchboard-probe-{}", std::process::id()));
        std::fs::write(&probe, b"").with_context(|| format!("cannot write in output folder {}", out.display()))?;
        let _ = std::fs::remove_file(&probe);
        export::remove_stale_temporaries(out);
        Ok(Written { out, start: Instant::now() })
    }

    /// Start timing the writing now.
    fn clock(&mut self) {
        self.start = Instant::now();
    }

    /// Write facts.bin and build the graph of `set`, side by side; the graph and the seconds
    /// facts.bin took.
    fn facts_and_graph(&self, set: FactSet) -> Result<(KnowledgeGraph, f64)> {
        Ok(set.write_and_graph(&self.out.join(store::FILE_NAME), switchboard::rules::Rules::builtin())?)
    }

    /// Write graph.json and the `formats` asked for; the paths written.
    fn graph(
        &self,
        graph: &KnowledgeGraph,
        mut formats: Vec<ExportFormat>,
        drawing: &cli::DrawingArgs,
    ) -> Result<Vec<String>> {
        formats.push(ExportFormat::Json);
        formats.sort();
        formats.dedup();
        let opts = drawing.options();
        let mut written = vec![self.out.join(store::FILE_NAME).display().to_string()];
        let paths: Vec<std::path::PathBuf> = formats.iter().map(|f| self.out.join(f.file_name())).collect();
        // the formats are independent files: written side by side (a failure stops the run)
        use rayon::prelude::*;
        formats.par_iter().zip(&paths).try_for_each(|(&f, path)| export::write(graph, f, path, &opts))?;
        written.extend(paths.iter().map(|p| p.display().to_string()));
        Ok(written)
    }

    /// After an update: outputs of an earlier build that were not rewritten now show the old graph.
    fn warn_stale(&self, written: &[String]) {
        for f in ExportFormat::ALL {
            let path = self.out.join(f.file_name());
            if path.exists() && !written.contains(&path.display().to_string()) {
                eprintln!(
                    "switchboard: warning: {} shows the graph before this update (add --format {} to rewrite it)",
                    path.display(),
                    f.name()
                );
            }
        }
    }

    fn elapsed(&self) -> std::time::Duration {
        self.start.elapsed()
    }
}

/// Read a graph file, with a message that names the file when it is missing or not ours.
fn load(path: &Path, mode: export::json::LoadMode) -> Result<KnowledgeGraph> {
    let bytes = std::fs::read(path).with_context(|| {
        format!("cannot read the graph {} (build one with `switchboard build ARTICLES --out DIR`)", path.display())
    })?;
    export::json::from_slice_as(&bytes, mode).with_context(|| format!("{}", path.display()))
}

fn filter_of(a: &cli::FilterArgs) -> Filter {
    Filter {
        via: (!a.via.is_empty()).then(|| a.via.iter().map(|&v| EdgeKind::from(v)).collect()),
        since: a.since,
        until: a.until,
        directed: a.directed,
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
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
}

fn print_json<T: Serialize>(v: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

/// A progress line on stderr while articles are extracted: articles done, MB/s and the time left.
/// Shown only on a terminal, after the first second, and never with `--quiet`.
struct Progress {
    state: std::sync::Arc<ProgressState>,
    reporter: Option<std::thread::JoinHandle<()>>,
}

struct ProgressState {
    /// articles to read, when known (not for corpora)
    total: Option<usize>,
    /// bytes to read, when known (not for gzipped files or standard input): the reporter adds
    /// the sizes up as it starts, so a build that shows no progress asks no file its size
    total_bytes: std::sync::OnceLock<Option<u64>>,
    done: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicUsize,
    stop: std::sync::atomic::AtomicBool,
    /// a progress line is on screen
    shown: std::sync::Mutex<bool>,
}

impl Progress {
    fn start(total: Option<usize>, sources: &[switchboard::input::Source], wanted: bool) -> Progress {
        use std::io::IsTerminal;
        let state = std::sync::Arc::new(ProgressState {
            total,
            total_bytes: std::sync::OnceLock::new(),
            done: 0.into(),
            bytes: 0.into(),
            stop: false.into(),
            shown: false.into(),
        });
        let reporter = (wanted && std::io::stderr().is_terminal()).then(|| {
            let s = state.clone();
            let (sources, start) = (sources.to_vec(), Instant::now());
            std::thread::spawn(move || {
                let _ = s.total_bytes.set(sources.iter().map(|s| s.size()).sum());
                drop(sources);
                s.report(start)
            })
        });
        Progress { state, reporter }
    }

    fn advance(&self, bytes: usize) {
        use std::sync::atomic::Ordering::Relaxed;
        self.state.done.fetch_add(1, Relaxed);
        self.state.bytes.fetch_add(bytes, Relaxed);
    }

    /// Take the progress line off the screen (before a warning is printed).
    fn clear(&self) {
        self.state.clear();
    }

    fn finish(mut self) {
        self.state.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(r) = self.reporter.take() {
            let _ = r.join();
        }
        self.state.clear();
    }
}

impl ProgressState {
    fn clear(&self) {
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        if *shown {
            eprint!("\r{}\r", " ".repeat(72));
            *shown = false;
        }
    }

    fn report(&self, start: Instant) {
        use std::sync::atomic::Ordering::Relaxed;
        while !self.stop.load(Relaxed) {
            std::thread::sleep(std::time::Duration::from_millis(200));
            let secs = start.elapsed().as_secs_f64();
            if secs < 1.0 {
                continue;
            }
            let (done, bytes) = (self.done.load(Relaxed), self.bytes.load(Relaxed));
            let rate = bytes as f64 / secs;
            let of = self.total.map(|t| format!("/{t}")).unwrap_or_default();
            let left = match self.total_bytes.get().copied().flatten() {
                Some(total) if rate > 0.0 => {
                    format!(", about {:.0} s left", total.saturating_sub(bytes as u64) as f64 / rate)
                }
                _ => String::new(),
            };
            let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
            eprint!("\rextracting {done}{of} articles, {:.1} MB/s{left}   ", rate / 1e6);
            *shown = true;
        }
    }
}
