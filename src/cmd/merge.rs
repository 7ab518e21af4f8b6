//! `switchboard merge`: unite graphs from the facts.bin beside each.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use switchboard::rules::Rules;
use switchboard::store;

use super::written::Written;
use crate::cli::{MergeArgs, WriteArgs};

pub(super) fn run(a: MergeArgs) -> Result<ExitCode> {
    let WriteArgs { format, quiet, timings } = a.write;
    let rules = Rules::builtin();
    let t_load = Instant::now();
    let files = a.graphs.iter().map(|g| store::locate(g)).collect::<Result<Vec<_>, _>>()?;
    let m = store::merge(&files, rules)?;
    let loaded = t_load.elapsed();
    for c in &m.conflicts {
        eprintln!("switchboard: warning: {c}");
    }
    let n = m.set.len();
    let written = Written::start(&a.out)?;
    let t_merge = Instant::now();
    let (graph, facts_secs) = written.facts_and_graph(m.set, rules)?;
    let merged = t_merge.elapsed();
    let list = written.graph(&graph, format, &a.drawing)?;
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
            super::found(&graph)
        );
        eprintln!("wrote {}", list.join(", "));
    }
    // as at the end of a build: the process ends, the system takes the memory back
    std::mem::forget(graph);
    Ok(ExitCode::SUCCESS)
}
