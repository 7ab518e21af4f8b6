//! The output folder of `build` and `merge`: facts.bin first, then graph.json and the other
//! formats.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use switchboard::export::{self, Format};
use switchboard::graph::KnowledgeGraph;
use switchboard::rules::Rules;
use switchboard::store::{self, FactSet};

use crate::cli;

pub(super) struct Written<'a> {
    out: &'a Path,
    start: Instant,
}

impl<'a> Written<'a> {
    /// Make sure the output folder exists and takes files (before any article is read: a bad
    /// folder fails at once, not after a night's extraction), and remove temporary files that
    /// a killed run left there.
    pub(super) fn start(out: &'a Path) -> Result<Self> {
        std::fs::create_dir_all(out).with_context(|| format!("cannot create output folder {}", out.display()))?;
        let probe = out.join(format!(".switchboard-probe-{}", std::process::id()));
        std::fs::write(&probe, b"").with_context(|| format!("cannot write in output folder {}", out.display()))?;
        let _ = std::fs::remove_file(&probe);
        export::remove_stale_temporaries(out);
        Ok(Written { out, start: Instant::now() })
    }

    /// Start timing the writing now.
    pub(super) fn clock(&mut self) {
        self.start = Instant::now();
    }

    /// Write facts.bin and build the graph of `set`, side by side; the graph and the seconds
    /// facts.bin took.
    pub(super) fn facts_and_graph(&self, set: FactSet, rules: &Rules) -> Result<(KnowledgeGraph, f64)> {
        Ok(set.write_and_graph(&self.out.join(store::FILE_NAME), rules, &crate::HOOKS)?)
    }

    /// Write graph.json and the `formats` asked for; the paths written.
    pub(super) fn graph(
        &self,
        graph: &KnowledgeGraph,
        mut formats: Vec<Format>,
        drawing: &cli::DrawingArgs,
    ) -> Result<Vec<String>> {
        formats.push(Format::Json);
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
    pub(super) fn warn_stale(&self, written: &[String]) {
        for f in Format::ALL {
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

    pub(super) fn elapsed(&self) -> std::time::Duration {
        self.start.elapsed()
    }
}
