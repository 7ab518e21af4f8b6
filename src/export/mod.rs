//! # Export: the only place that knows output formats
//!
//! `json` writes the graph contract (NetworkX node-link, documented in `docs/graph-json.md`);
//! `dot` writes the Graphviz picture, which `render` turns into SVG or PNG with Graphviz's `dot`;
//! `graphml`, `gexf`, `cytoscape`, `jgf` and `neo4j` (CSV folder and Cypher script) write the
//! formats other tools load (`docs/formats.md`), the flat ones through `flat`'s shared attribute
//! list; `html` a self-contained viewer page (graph.json, a `layout` computed here, Cytoscape.js
//! and the viewer's script inline). Writers are pure: a graph in, a string out. [`write`] puts a format on disk through
//! `write_atomic`: a temporary file beside the target, then a rename.

pub mod cytoscape;
pub mod dot;
pub mod flat;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod jgf;
pub mod json;
pub mod layout;
pub mod neo4j;

use crate::graph::KnowledgeGraph;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Json,
    Dot,
    Svg,
    Png,
    Graphml,
    Gexf,
    Cytoscape,
    Jgf,
    Neo4j,
    Cypher,
    Html,
}

impl Format {
    pub const ALL: [Format; 11] = [
        Format::Json,
        Format::Dot,
        Format::Svg,
        Format::Png,
        Format::Graphml,
        Format::Gexf,
        Format::Cytoscape,
        Format::Jgf,
        Format::Neo4j,
        Format::Cypher,
        Format::Html,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::Cytoscape => "cytoscape",
            Format::Jgf => "jgf",
            Format::Neo4j => "neo4j",
            Format::Cypher => "cypher",
            Format::Html => "html",
        }
    }

    /// The file (or, for `neo4j`, folder) name `build` writes it to.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Json => "graph.json",
            Format::Dot => "graph.dot",
            Format::Svg => "graph.svg",
            Format::Png => "graph.png",
            Format::Graphml => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::Cytoscape => "graph.cyjs",
            Format::Jgf => "graph.jgf.json",
            Format::Neo4j => "neo4j",
            Format::Cypher => "graph.cypher",
            Format::Html => "graph.html",
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_lowercase();
        let t = match t.as_str() {
            "cyjs" | "cytoscape.js" => "cytoscape",
            "csv" | "neo4j-csv" => "neo4j",
            "xml" => "graphml",
            other => other,
        };
        Format::ALL.iter().copied().find(|f| f.name() == t).ok_or_else(|| {
            format!(
                "unknown format {s:?}; choose from {}",
                Format::ALL.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
            )
        })
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "rendering {format} needs Graphviz, and its `dot` program was not found ({program}); install the graphviz package (Debian/Ubuntu: apt-get install graphviz; Fedora: dnf install graphviz; macOS: brew install graphviz) or export dot and render it elsewhere"
    )]
    NoGraphviz { format: &'static str, program: String },
    #[error("Graphviz `dot` failed to render {format}: {message}")]
    Graphviz { format: &'static str, message: String },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// The Graphviz program: `$SWITCHBOARD_DOT` when set, else `dot` on the PATH.
fn dot_program() -> String {
    std::env::var("SWITCHBOARD_DOT").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "dot".into())
}

/// Render DOT source to SVG or PNG with Graphviz.
pub fn render(dot_src: &str, format: Format) -> Result<Vec<u8>, ExportError> {
    let name = format.name();
    let program = dot_program();
    let mut child = std::process::Command::new(&program)
        .arg(format!("-T{name}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                ExportError::NoGraphviz { format: name, program: program.clone() }
            }
            _ => ExportError::Graphviz { format: name, message: e.to_string() },
        })?;
    // write on another thread: dot may fill its output pipe before it has read all input
    let mut stdin = child.stdin.take();
    let src = dot_src.to_string();
    let writer = std::thread::spawn(move || stdin.as_mut().map(|s| s.write_all(src.as_bytes())));
    let out = child.wait_with_output().map_err(|e| ExportError::Graphviz { format: name, message: e.to_string() })?;
    let _ = writer.join();
    if !out.status.success() || out.stdout.is_empty() {
        return Err(ExportError::Graphviz {
            format: name,
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(out.stdout)
}

/// `g` in a one-file `format` (every format but `neo4j`, which is a folder: `None`).
pub fn to_bytes(
    g: &KnowledgeGraph,
    format: Format,
    dot_options: &dot::DotOptions,
) -> Result<Option<Vec<u8>>, ExportError> {
    Ok(Some(match format {
        Format::Json => json::to_string(g).into_bytes(),
        Format::Dot => dot::to_string(g, dot_options).into_bytes(),
        Format::Svg | Format::Png => render(&dot::to_string(g, dot_options), format)?,
        Format::Graphml => graphml::to_string(g).into_bytes(),
        Format::Gexf => gexf::to_string(g).into_bytes(),
        Format::Cytoscape => cytoscape::to_string(g).into_bytes(),
        Format::Jgf => jgf::to_string(g).into_bytes(),
        Format::Cypher => neo4j::cypher(g).into_bytes(),
        Format::Html => html::to_bytes(g),
        Format::Neo4j => return Ok(None),
    }))
}

/// Write `g` in `format` to `path` (a folder for `neo4j`); `dot_options` shape the DOT, SVG and PNG.
pub fn write(
    g: &KnowledgeGraph,
    format: Format,
    path: &Path,
    dot_options: &dot::DotOptions,
) -> Result<(), ExportError> {
    let io = |source| ExportError::Io { path: path.to_path_buf(), source };
    if format == Format::Json {
        // the largest file: streamed, never held whole in memory
        return write_atomic_with(path, |w| json::write(g, w)).map_err(io);
    }
    if let Some(bytes) = to_bytes(g, format, dot_options)? {
        return write_atomic(path, &bytes).map_err(io);
    }
    std::fs::create_dir_all(path).map_err(io)?;
    for (name, contents) in neo4j::csv_files(g) {
        let p = path.join(name);
        write_atomic(&p, contents.as_bytes()).map_err(|source| ExportError::Io { path: p.clone(), source })?;
    }
    Ok(())
}

/// A file [`write_atomic_with`] fills. Every [`WritingFile::WRITEBACK_STEP`] bytes it asks the
/// system to start writing the bytes so far to disk (Linux: `sync_file_range`, which does not
/// wait), so the `fsync` before the rename waits for the last few megabytes, not the whole file
/// (the sync of a 430 MB `graph.json` took 0.13 s, all of it at the end of the run).
pub struct WritingFile {
    file: std::fs::File,
    /// Bytes written, and how many of them were sent to disk already.
    written: u64,
    sent: u64,
}

impl WritingFile {
    const WRITEBACK_STEP: u64 = 16 << 20;

    fn new(file: std::fs::File) -> Self {
        WritingFile { file, written: 0, sent: 0 }
    }

    /// Start writing bytes `sent..written` to disk (where the system can be asked to).
    fn send(&mut self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: the descriptor is this open file's; the call only reads its arguments. An
            // error is harmless (the final fsync writes whatever is left), so it is ignored.
            unsafe {
                libc::sync_file_range(
                    self.file.as_raw_fd(),
                    self.sent as libc::off64_t,
                    (self.written - self.sent) as libc::off64_t,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
        self.sent = self.written;
    }
}

impl std::io::Write for WritingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.written += n as u64;
        if self.written - self.sent >= Self::WRITEBACK_STEP {
            self.send();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Write `contents` to `path` through a temporary file and a rename, so a reader never sees a
/// half-written file.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(contents))
}

/// The temporary file [`write_atomic_with`] writes before renaming it to `path`.
fn temporary(path: &Path) -> std::path::PathBuf {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "out".into());
    dir.join(format!(".{name}.tmp-{}", std::process::id()))
}

/// Remove the temporary files of [`write_atomic_with`] in `dir` (and its `neo4j` folder) that a
/// killed process left behind: those whose process is gone (known on Linux, by `/proc`;
/// elsewhere none is removed).
pub fn remove_stale_temporaries(dir: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    for d in [dir.to_path_buf(), dir.join("neo4j")] {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let Some(pid) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp-")).map(|(_, pid)| pid) else {
                continue;
            };
            if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// [`write_atomic`], with the contents written by `fill` into a buffered temporary file.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<WritingFile>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let tmp = temporary(path);
    let written = (|| {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, WritingFile::new(std::fs::File::create(&tmp)?));
        fill(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?.file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A file of several writeback steps, written in uneven pieces, holds exactly the bytes
    /// written, replaces the old file, and leaves no temporary behind; a failed fill leaves the
    /// old file as it was.
    #[test]
    fn atomic_writes_of_many_writeback_steps_keep_every_byte() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.json");
        std::fs::write(&path, b"old").expect("old file");
        let len = (WritingFile::WRITEBACK_STEP * 2 + 12_345) as usize;
        let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
        write_atomic_with(&path, |w| {
            for piece in bytes.chunks(3 << 20 | 17) {
                w.write_all(piece)?;
            }
            Ok(())
        })
        .expect("writes");
        assert!(std::fs::read(&path).expect("new file") == bytes);
        let failed = write_atomic_with(&path, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("stopped"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).expect("still the new file").len(), len);
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("big.json")]);
    }
}
