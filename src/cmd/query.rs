//! The questions asked of a built graph: `path`, `neighbors`, `show` and `calls`. Each resolves
//! names through [`NameIndex`], asks [`switchboard::query`] and prints the answer as text, JSON
//! or DOT (exit 1 when there is no answer).

use std::collections::BTreeSet;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use switchboard::export::{self, dot::DotOptions};
use switchboard::query::{self, Filter, NameIndex};
use switchboard::report;
use switchboard::rules::Rules;

use super::{Stdout, filter_of, limits, load};
use crate::cli::{self, CallsArgs, NeighborsArgs, PathArgs, ShowArgs};

const MODE: export::json::LoadMode = export::json::LoadMode::Query;

pub(super) fn path(a: PathArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    let g = load(&a.out.graph, MODE)?;
    let loaded = t0.elapsed();
    let t1 = Instant::now();
    let names = NameIndex::new(&g, Rules::builtin());
    let (from, to) = (names.resolve(&g, &a.from)?, names.resolve(&g, &a.to)?);
    let f = filter_of(&a.filter);
    let found = if a.all {
        query::all_paths(&g, from, to, &f, a.max_hops)
    } else {
        query::shortest_path(&g, from, to, &f).into_iter().collect()
    };
    let answers: Vec<query::PathAnswer> = found.iter().map(|p| query::explain(&g, p, &f)).collect();
    let answered = t1.elapsed();
    if a.timings {
        eprintln!(
            "loaded {} ({} nodes, {} edges) in {} ms; answered in {} ms",
            a.out.graph.display(),
            g.graph.node_count(),
            g.graph.edge_count(),
            loaded.as_millis(),
            answered.as_millis()
        );
    }
    let (fl, tl) = (g.graph[from].label.clone(), g.graph[to].label.clone());
    if answers.is_empty() {
        eprintln!("switchboard: no path from {fl} to {tl}{}", limits(&f));
        return Ok(ExitCode::from(1));
    }
    let mut out = Stdout::new();
    match a.out.format {
        cli::Format::Text => out.text(&report::paths(&fl, &tl, &answers))?,
        cli::Format::Json => out.json(&query::PathsAnswer {
            from: g.graph[from].id.clone(),
            to: g.graph[to].id.clone(),
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
            out.text(&export::dot::to_string(&g, &opts))?;
        }
    }
    out.done()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn neighbors(a: NeighborsArgs) -> Result<ExitCode> {
    let g = load(&a.out.graph, MODE)?;
    let center = NameIndex::new(&g, Rules::builtin()).resolve(&g, &a.name)?;
    let f = filter_of(&a.filter);
    let depth = a.depth;
    let list = query::neighbors(&g, center, depth, &f);
    let label = g.graph[center].label.clone();
    if list.is_empty() {
        eprintln!("switchboard: nothing within {depth} hop(s) of {label}{}", limits(&f));
        return Ok(ExitCode::from(1));
    }
    let mut out = Stdout::new();
    match a.out.format {
        cli::Format::Text => out.text(&report::neighbors(&label, &list))?,
        cli::Format::Json => {
            out.json(&query::NeighborsAnswer { center: g.graph[center].id.clone(), depth, neighbors: list })?
        }
        cli::Format::Dot => {
            let mut nodes: BTreeSet<String> = list.iter().map(|n| n.id.clone()).collect();
            nodes.insert(g.graph[center].id.clone());
            let opts = DotOptions {
                subset: Some(nodes),
                title: Some(format!("within {depth} hop(s) of {label}")),
                ..Default::default()
            };
            out.text(&export::dot::to_string(&g, &opts))?;
        }
    }
    out.done()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn show(a: ShowArgs) -> Result<ExitCode> {
    let g = load(&a.out.graph, MODE)?;
    let n = NameIndex::new(&g, Rules::builtin()).resolve(&g, &a.name)?;
    let p = query::profile(&g, n);
    let mut out = Stdout::new();
    match a.out.format {
        cli::Format::Text => out.text(&report::profile(&p))?,
        cli::Format::Json => out.json(&p)?,
        cli::Format::Dot => anyhow::bail!("show answers as text or json, not dot"),
    }
    out.done()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn calls(a: CallsArgs) -> Result<ExitCode> {
    let g = load(&a.out.graph, MODE)?;
    let names = NameIndex::new(&g, Rules::builtin());
    let mut who = Vec::new();
    for n in a.with.iter().chain(a.between.iter().flatten()) {
        who.push(names.resolve(&g, n)?);
    }
    // a timeline lists every call with its status
    let f = Filter { since: a.since, until: a.until, any_status: true, ..Default::default() };
    let list = query::calls(&g, &who, &f);
    if list.is_empty() {
        eprintln!("switchboard: no calls found{}", limits(&f));
        return Ok(ExitCode::from(1));
    }
    let mut out = Stdout::new();
    match a.out.format {
        cli::Format::Text => out.text(&report::calls(&list))?,
        cli::Format::Json => out.json(&query::CallsAnswer { calls: list })?,
        cli::Format::Dot => anyhow::bail!("calls answers as text or json, not dot"),
    }
    out.done()?;
    Ok(ExitCode::SUCCESS)
}
