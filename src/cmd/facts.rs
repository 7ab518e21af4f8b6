//! `switchboard facts`: what is extracted from each article, one fact a line.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use switchboard::rules::Rules;

use super::Stdout;
use crate::cli::FactsArgs;

pub(super) fn run(a: FactsArgs) -> Result<ExitCode> {
    let (docs, warnings) = switchboard::input::read_mapped(&a.inputs)?;
    for w in &warnings {
        eprintln!("switchboard: warning: {w}");
    }
    let rules = Rules::builtin();
    let mut out = Stdout::new();
    for (d, map) in &docs {
        writeln!(out, "== {}", d.name)?;
        write!(out, "{}", switchboard::analyze_mapped(d, map, rules).dump_readings())?;
    }
    out.done()?;
    Ok(if docs.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
