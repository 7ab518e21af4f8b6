//! `switchboard export`: a built graph in another format.

use std::process::ExitCode;

use anyhow::{Context, Result};
use switchboard::export::{self, Format};

use super::Stdout;
use crate::cli::ExportArgs;

pub(super) fn run(a: ExportArgs) -> Result<ExitCode> {
    let g = super::load(&a.graph, export::json::LoadMode::Full)?;
    let opts = a.drawing.options();
    if a.out.as_os_str() == "-" {
        if a.format == Format::Png {
            anyhow::bail!("png is binary; give --out a file");
        }
        let Some(bytes) = export::to_bytes(&g, a.format, &opts)? else {
            anyhow::bail!("neo4j writes a folder of files; give --out a folder");
        };
        let mut out = Stdout::new();
        out.bytes(&bytes)?;
        out.done()?;
    } else {
        if let Some(dir) = a.out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
        }
        export::write(&g, a.format, &a.out, &opts)?;
    }
    Ok(ExitCode::SUCCESS)
}
