//! `switchboard build`: read articles, extract their facts, merge them into a graph and write it
//! (with `--update`, over the facts stored in an earlier build's folder).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use switchboard::input::Warning;
use switchboard::rules::Rules;
use switchboard::store::{self, FactSet};

use super::progress::Progress;
use super::written::Written;
use crate::cli::{BuildArgs, WriteArgs};

/// Warnings shown for one input (a corpus may have thousands of bad lines): the rest are counted.
const WARNINGS_SHOWN: usize = 20;

/// Stored documents an update replaces that are named one by one: the rest are counted.
const REPLACED_SHOWN: usize = 10;

pub(super) fn run(a: BuildArgs) -> Result<ExitCode> {
    let BuildArgs { inputs, out, update, strict, rules, drawing, write: WriteArgs { format, quiet, timings } } = a;
    // a user's rule folder is checked first: a bad line fails before anything is read
    let user_rules = match &rules {
        Some(dir) => Some(Rules::from_dir(dir).with_context(|| format!("rule folder {}", dir.display()))?),
        None => None,
    };
    let rules = user_rules.as_ref().unwrap_or_else(|| Rules::builtin());
    // the stored facts are checked before any article is read: a missing or stale file fails at once
    let stored = match &update {
        Some(dir) => Some(store::Reader::open(&store::locate(dir)?, rules)?),
        None => None,
    };
    let out = out.or_else(|| update.clone()).context("give --out DIR (or --update DIR)")?;
    let mut written = Written::start(&out)?;
    // articles stream through: read and extracted a batch at a time, never all held
    let t_plan = Instant::now();
    let (sources, planned) = switchboard::input::plan(&inputs)?;
    let listed = t_plan.elapsed();
    let articles = sources.iter().all(|s| s.is_article()).then_some(sources.len());
    let progress = Progress::start(articles, &sources, !quiet);
    let mut warned = Warned::default();
    planned.into_iter().for_each(|w| warned.add(w, &progress));
    let t_extract = Instant::now();
    let extracted_docs = switchboard::extract_sources(&sources, rules, &|bytes| progress.advance(bytes), &mut |w| {
        warned.add(w, &progress)
    });
    progress.finish();
    warned.report_hidden();
    let Warned { warnings, skipped, .. } = warned;
    let extracted = t_extract.elapsed();
    let (n_docs, bytes) = (extracted_docs.docs.len(), extracted_docs.bytes);
    if n_docs == 0 {
        let why =
            if skipped > 0 { format!(" ({skipped} input(s) skipped, see the warnings above)") } else { String::new() };
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
            for name in up.replaced.iter().take(REPLACED_SHOWN) {
                eprintln!("switchboard: warning: {name} replaces the document of that name in {}", dir.display());
            }
            if up.replaced.len() > REPLACED_SHOWN {
                eprintln!(
                    "switchboard: warning: and {} more documents replace those of their names in {}",
                    up.replaced.len() - REPLACED_SHOWN,
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
    let (graph, facts_secs) = written.facts_and_graph(set, rules)?;
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
        let kept =
            kept.map(|(k, r, dir)| format!(", kept {k} from {} ({r} replaced)", dir.display())).unwrap_or_default();
        let skipped = if skipped > 0 { format!(", skipped {skipped}") } else { String::new() };
        eprintln!(
            "read {n_docs} documents ({bytes} bytes){skipped}{kept}; found {}; {warnings} warnings",
            super::found(&graph),
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

/// The input warnings of a build: a corpus with thousands of bad lines names its first ones,
/// then counts the rest.
#[derive(Default)]
struct Warned {
    warnings: usize,
    skipped: usize,
    per_input: BTreeMap<PathBuf, usize>,
}

impl Warned {
    fn add(&mut self, w: Warning, progress: &Progress) {
        self.warnings += 1;
        self.skipped += usize::from(w.skipped);
        let n = self.per_input.entry(w.path.clone()).or_default();
        *n += 1;
        if *n <= WARNINGS_SHOWN {
            progress.println(&format!("switchboard: warning: {w}"));
        }
    }

    fn report_hidden(&self) {
        for (path, n) in self.per_input.iter().filter(|(_, n)| **n > WARNINGS_SHOWN) {
            eprintln!("switchboard: warning: {}: {} more warning(s) not shown", path.display(), n - WARNINGS_SHOWN);
        }
    }
}
