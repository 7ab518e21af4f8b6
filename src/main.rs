//! The `switchboard` binary: parse the command line, call the library, report, map errors to
//! exit codes: 0 done, 1 nothing found (`facts` read no article, a query with no answer), 2 error
//! (missing input, no article could be read, an unwritable output folder, bad arguments: one
//! line on stderr), 3 `build --strict` wrote the graph but some input had a problem.

mod cli;
mod cmd;

/// mimalloc: extraction allocates many small strings on every core; glibc's allocator spent a
/// tenth of the build in malloc and free, and held on to freed memory per thread.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

/// The library's merge calls this once it has freed the documents' entities.
static HOOKS: switchboard::graph::BuildHooks =
    switchboard::graph::BuildHooks { entities_freed: Some(release_freed_memory) };

/// Hand the memory of the folded entities back to the system now. mimalloc keeps freed pages
/// for reuse, but the unpacked events that follow did not reuse these (about 430 MB at 100k
/// articles): a 100k build peaked at 971 to 1,018 MiB (five runs); returned here
/// (`mi_collect(true)`), the peak is 912 to 944 MiB; the events then fault in fresh pages, about
/// 0.2 s of the build.
fn release_freed_memory() {
    // SAFETY: mi_collect takes no pointers; it may be called from any thread at any time.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return bad_arguments(e),
    };
    match cmd::run(cli.command) {
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
