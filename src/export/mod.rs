//! # Export: the only place that knows output formats
//!
//! `json` writes the graph contract (NetworkX node-link, documented in `docs/graph-json.md`);
//! `dot` writes the Graphviz picture. Both are pure: a graph in, a string out. Writing files is
//! `write_atomic`'s job: a temporary file beside the target, then a rename.

pub mod dot;
pub mod json;

use std::io::Write;
use std::path::Path;

/// Write `contents` to `path` through a temporary file and a rename, so a reader never sees a
/// half-written file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
