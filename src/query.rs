//! # Query: names, paths, neighbourhoods, profiles and call timelines over a loaded graph
//!
//! Everything here reads a [`KnowledgeGraph`] and returns plain answer values (`Serialize` and
//! `Deserialize`, so `--format json` is these structs and tests decode them back). Printing is
//! [`crate::report`]'s job.
//!
//! * Names resolve through labels, aliases and ids, folded for case, accents and punctuation
//!   ("a.r. roe" finds "A.R. Roe"); an unknown name suggests the closest ones, an ambiguous one
//!   lists the candidates.
//! * Paths run on the graph itself through petgraph adaptors: [`EdgeFiltered`] keeps the edges a
//!   [`Filter`] allows (kinds, dates), [`UndirectedAdaptor`] ignores direction unless asked. The
//!   traversals are free functions generic over `IntoNeighbors`, so no graph is copied. Neighbours
//!   are visited in node-index order, which is id order, so answers are deterministic.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use chrono::NaiveDate;
use petgraph::Direction;
use petgraph::stable_graph::{EdgeReference, NodeIndex};
use petgraph::visit::{EdgeFiltered, EdgeRef, IntoNeighbors, NodeIndexable, UndirectedAdaptor};
use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::facts::Evidence;
use crate::graph::{Edge, EdgeKind, KnowledgeGraph, Node, NodeKind};
use crate::normalize::fold;
use crate::rules::Rules;

/// Why a question could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("no person or institution is called {name:?}{}", suggest(.suggestions))]
    Unknown { name: String, suggestions: Vec<String> },
    #[error("{name:?} could be any of: {}; give a fuller name or an id", .candidates.join("; "))]
    Ambiguous { name: String, candidates: Vec<String> },
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() { String::new() } else { format!("; did you mean {}?", s.join(", ")) }
}

/// The comparison key of a name: folded, punctuation as spaces, a leading "the" dropped.
pub fn name_key(s: &str) -> String {
    let f: String = fold(s).chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let k = f.split_whitespace().collect::<Vec<_>>().join(" ");
    match k.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => k,
    }
}

/// Labels, aliases and ids of people and institutions, for looking names up; `rules` give the
/// given-name families ("Andrey" finds "Andrei").
pub struct NameIndex<'r> {
    by_key: HashMap<String, Vec<NodeIndex>>,
    rules: &'r Rules,
}

impl<'r> NameIndex<'r> {
    pub fn new(g: &KnowledgeGraph, rules: &'r Rules) -> Self {
        let mut by_key: HashMap<String, Vec<NodeIndex>> = HashMap::new();
        for ix in g.graph.node_indices() {
            let n = &g.graph[ix];
            if n.kind == NodeKind::Call {
                continue;
            }
            for name in std::iter::once(&n.label).chain(&n.aliases) {
                let list = by_key.entry(name_key(name)).or_default();
                if !list.contains(&ix) {
                    list.push(ix);
                }
            }
        }
        for list in by_key.values_mut() {
            list.sort();
        }
        NameIndex { by_key, rules }
    }

    /// Find the one node a name means.
    pub fn resolve(&self, g: &KnowledgeGraph, name: &str) -> Result<NodeIndex, QueryError> {
        if let Some(&ix) = g.index.get(name.trim()) {
            return Ok(ix);
        }
        let key = name_key(name);
        match self.by_key.get(&key).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(many) if !many.is_empty() => {
                // a full label beats an alias shared by several ("Roe" for two people)
                let exact: Vec<NodeIndex> =
                    many.iter().copied().filter(|&ix| name_key(&g.graph[ix].label) == key).collect();
                if let [one] = exact.as_slice() {
                    return Ok(*one);
                }
                Err(QueryError::Ambiguous {
                    name: name.to_string(),
                    candidates: many.iter().map(|&ix| describe(&g.graph[ix])).collect(),
                })
            }
            _ => {
                let loose = self.loose_person_matches(g, &key);
                match loose.as_slice() {
                    [one] => Ok(*one),
                    [] => Err(QueryError::Unknown { name: name.to_string(), suggestions: self.closest(g, &key) }),
                    many => Err(QueryError::Ambiguous {
                        name: name.to_string(),
                        candidates: many.iter().map(|&ix| describe(&g.graph[ix])).collect(),
                    }),
                }
            }
        }
    }

    /// People whose surname is the key's last word and whose given name is the key's first in
    /// another spelling or nickname ("Andrey" for "Andrei", "Pat" for "Patrick", via the given-name
    /// families of `name_variants.tsv`) or its initial ("A. V. Roe", "a roe").
    fn loose_person_matches(&self, g: &KnowledgeGraph, key: &str) -> Vec<NodeIndex> {
        let words: Vec<&str> = key.split(' ').collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else { return Vec::new() };
        if words.len() < 2 || last.len() < 2 {
            return Vec::new();
        }
        let rules = self.rules;
        let mut out: Vec<NodeIndex> = Vec::new();
        for (k, ixs) in &self.by_key {
            let kw: Vec<&str> = k.split(' ').collect();
            if kw.len() < 2 || kw.last() != Some(last) {
                continue;
            }
            if crate::identity::given_fits(first, kw[0], rules) {
                for &ix in ixs {
                    if g.graph[ix].kind == NodeKind::Person && !out.contains(&ix) {
                        out.push(ix);
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// Up to three labels whose keys are nearest to `key` (edit distance; a shared word helps).
    fn closest(&self, g: &KnowledgeGraph, key: &str) -> Vec<String> {
        let words: BTreeSet<&str> = key.split(' ').collect();
        let mut scored: Vec<(usize, String)> = Vec::new();
        for (k, ixs) in &self.by_key {
            let d = levenshtein(key, k);
            let shared = k.split(' ').any(|w| words.contains(w) && w.len() > 2);
            let score = if shared { d.min(2) } else { d };
            if score <= (key.len() / 3).max(2) {
                for &ix in ixs {
                    scored.push((score, g.graph[ix].label.clone()));
                }
            }
        }
        scored.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, l) in scored {
            if !out.contains(&l) {
                out.push(l);
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

/// "Jane Roe (person, US Defense Secretary)"
pub fn describe(n: &Node) -> String {
    let mut extra = vec![n.kind.as_str().to_string()];
    if let Some(t) = n.titles.iter().min_by_key(|t| t.len()) {
        extra.push(t.clone());
    }
    format!("{} ({})", n.label, extra.join(", "))
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Which edges a question may use.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only these kinds (all when `None`).
    pub via: Option<BTreeSet<EdgeKind>>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Follow edges only from source to target.
    pub directed: bool,
    /// Follow contacts of calls that were not held as well (planned, denied, disputed).
    pub any_status: bool,
}

/// The days a partial date may mean: "2024-05" is May 1 to May 31, "2025-W06" its week.
fn date_span(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    PartialDate::parse(s)?.span()
}

impl Filter {
    fn dated(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// Does a date (ISO, year-month or year) fall in the limits? An unknown date does not.
    pub fn date_ok(&self, date: Option<&str>) -> bool {
        if !self.dated() {
            return true;
        }
        let Some((first, last)) = date.and_then(date_span) else { return false };
        self.since.is_none_or(|s| last >= s) && self.until.is_none_or(|u| first <= u)
    }

    /// May a question use this edge? Kinds must be allowed; a contact's call and a dated fact must
    /// fall in the date limits (undated affiliations and successions stay).
    pub fn allows(&self, g: &KnowledgeGraph, e: EdgeReference<'_, Edge>) -> bool {
        let edge = e.weight();
        if self.via.as_ref().is_some_and(|v| !v.contains(&edge.kind)) {
            return false;
        }
        let call = || if g.graph[e.target()].kind == NodeKind::Call { e.target() } else { e.source() };
        // a planned or denied call is no contact unless asked for
        if edge.kind == EdgeKind::Contact && !self.any_status && !is_held(&g.graph[call()]) {
            return false;
        }
        if !self.dated() {
            return true;
        }
        match edge.kind {
            EdgeKind::Contact => self.date_ok(g.graph[call()].date.as_deref()),
            EdgeKind::Refusal | EdgeKind::Statement => self.date_ok(edge.date.as_deref()),
            EdgeKind::Affiliation | EdgeKind::Succeeded | EdgeKind::PartOf => true,
        }
    }
}

/// Was the call held (by every report that gives its status)?
fn is_held(call: &Node) -> bool {
    call.status.as_deref().is_none_or(|s| s == "held")
}

/// Neighbours of `n` in `g`, in index order, each once.
fn sorted_neighbors<G>(g: G, n: G::NodeId) -> Vec<G::NodeId>
where
    G: IntoNeighbors<NodeId = NodeIndex>,
{
    let mut v: Vec<NodeIndex> = g.neighbors(n).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Breadth-first shortest path from `from` to `to` in any petgraph view.
pub fn bfs_path<G>(g: G, from: NodeIndex, to: NodeIndex) -> Option<Vec<NodeIndex>>
where
    G: IntoNeighbors<NodeId = NodeIndex> + NodeIndexable,
{
    let mut prev: Vec<Option<NodeIndex>> = vec![None; g.node_bound()];
    let mut seen = vec![false; g.node_bound()];
    let mut queue = VecDeque::from([from]);
    seen[g.to_index(from)] = true;
    while let Some(n) = queue.pop_front() {
        if n == to {
            let mut path = vec![to];
            let mut cur = to;
            while let Some(p) = prev[g.to_index(cur)] {
                path.push(p);
                cur = p;
            }
            path.reverse();
            return Some(path);
        }
        for m in sorted_neighbors(g, n) {
            let i = g.to_index(m);
            if !seen[i] {
                seen[i] = true;
                prev[i] = Some(n);
                queue.push_back(m);
            }
        }
    }
    None
}

/// Every simple path of at most `max_hops` edges, shortest first, at most `limit` of them.
pub fn simple_paths<G>(g: G, from: NodeIndex, to: NodeIndex, max_hops: usize, limit: usize) -> Vec<Vec<NodeIndex>>
where
    G: IntoNeighbors<NodeId = NodeIndex> + NodeIndexable,
{
    let mut out: Vec<Vec<NodeIndex>> = Vec::new();
    // iterative deepening keeps the shortest paths first and bounds the work
    for depth in 1..=max_hops {
        let mut stack: Vec<(Vec<NodeIndex>, Vec<NodeIndex>)> = vec![(vec![from], sorted_neighbors(g, from))];
        while let Some((path, mut rest)) = stack.pop() {
            let Some(next) = rest.pop() else { continue };
            stack.push((path.clone(), rest));
            if path.contains(&next) {
                continue;
            }
            let mut p = path;
            p.push(next);
            if next == to {
                if p.len() - 1 == depth {
                    out.push(p);
                    if out.len() >= limit {
                        return sorted_paths(out, g);
                    }
                }
                continue;
            }
            if p.len() - 1 < depth {
                let mut ns = sorted_neighbors(g, next);
                ns.reverse();
                stack.push((p, ns));
            }
        }
    }
    sorted_paths(out, g)
}

fn sorted_paths<G: NodeIndexable<NodeId = NodeIndex>>(mut paths: Vec<Vec<NodeIndex>>, _g: G) -> Vec<Vec<NodeIndex>> {
    paths.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    paths.dedup();
    paths
}

/// Run `f` on the graph view the filter asks for: edges it allows, with or without direction.
fn with_view<R>(g: &KnowledgeGraph, filter: &Filter, f: impl Fn(&dyn Fn(NodeIndex) -> Vec<NodeIndex>) -> R) -> R {
    let ef = EdgeFiltered::from_fn(&g.graph, |e: EdgeReference<'_, Edge>| filter.allows(g, e));
    if filter.directed {
        f(&|n| sorted_neighbors(&ef, n))
    } else {
        let und = UndirectedAdaptor(&ef);
        f(&|n| sorted_neighbors(und, n))
    }
}

/// The shortest path between two nodes under a filter.
pub fn shortest_path(g: &KnowledgeGraph, from: NodeIndex, to: NodeIndex, filter: &Filter) -> Option<Vec<NodeIndex>> {
    let ef = EdgeFiltered::from_fn(&g.graph, |e: EdgeReference<'_, Edge>| filter.allows(g, e));
    if filter.directed { bfs_path(&ef, from, to) } else { bfs_path(UndirectedAdaptor(&ef), from, to) }
}

/// Every simple path up to `max_hops`, shortest first.
pub fn all_paths(
    g: &KnowledgeGraph,
    from: NodeIndex,
    to: NodeIndex,
    filter: &Filter,
    max_hops: usize,
) -> Vec<Vec<NodeIndex>> {
    const LIMIT: usize = 200;
    let ef = EdgeFiltered::from_fn(&g.graph, |e: EdgeReference<'_, Edge>| filter.allows(g, e));
    if filter.directed {
        simple_paths(&ef, from, to, max_hops, LIMIT)
    } else {
        simple_paths(UndirectedAdaptor(&ef), from, to, max_hops, LIMIT)
    }
}

/// Where a fact was read, in short: the document and the sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub doc: String,
    pub sentence: usize,
}

impl From<&Evidence> for Source {
    fn from(e: &Evidence) -> Self {
        Source { doc: e.doc.to_string(), sentence: e.sentence }
    }
}

/// One step of a path, told in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    pub text: String,
    pub sources: Vec<Source>,
}

/// A path and its hops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathAnswer {
    pub from: String,
    pub to: String,
    pub hops: Vec<Hop>,
}

fn kind_rank(k: EdgeKind) -> u8 {
    match k {
        EdgeKind::Contact => 0,
        EdgeKind::Refusal => 1,
        EdgeKind::Succeeded => 2,
        EdgeKind::Affiliation => 3,
        EdgeKind::PartOf => 4,
        EdgeKind::Statement => 5,
    }
}

fn call_name(n: &Node) -> String {
    // a call that was not held says so: "the planned call of 2024-05-17"
    let status = n.status.as_deref().filter(|_| !is_held(n)).map(|s| format!("{s} ")).unwrap_or_default();
    match &n.date {
        Some(d) => format!("the {status}call of {d}"),
        None if status.is_empty() => "a call (date unknown)".to_string(),
        None => format!("a {status}call (date unknown)"),
    }
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}\u{2026}", s.chars().take(max).collect::<String>())
    }
}

/// Tell one edge in words, read from `a` towards `b`.
pub fn tell(g: &KnowledgeGraph, a: NodeIndex, b: NodeIndex, e: &Edge, forward: bool) -> String {
    let (s, t) = if forward { (&g.graph[a], &g.graph[b]) } else { (&g.graph[b], &g.graph[a]) };
    match e.kind {
        EdgeKind::Contact => {
            let initiated = if e.role.as_deref() == Some("initiator") { " (and initiated it)" } else { "" };
            format!("{} took part in {}{initiated}", s.label, call_name(t))
        }
        EdgeKind::Refusal => format!("{} refused {} from {}", s.label, e.what.as_deref().unwrap_or("contact"), t.label),
        EdgeKind::Statement => {
            let quote = short(e.quote.as_deref().unwrap_or(""), 90);
            match e.target_role.as_deref() {
                Some("audience") => format!("{} told {}: \u{201c}{quote}\u{201d}", s.label, t.label),
                Some("target") => format!("{} addressed {}: \u{201c}{quote}\u{201d}", s.label, t.label),
                _ => format!("{} spoke of {}: \u{201c}{quote}\u{201d}", s.label, t.label),
            }
        }
        EdgeKind::Affiliation => match &e.title {
            Some(title) => format!("{} is affiliated with {} ({title})", s.label, t.label),
            None => format!("{} is affiliated with {}", s.label, t.label),
        },
        EdgeKind::Succeeded => format!("{} succeeded {}", s.label, t.label),
        EdgeKind::PartOf => format!("{} is an institution of {}", s.label, t.label),
    }
}

/// Explain each hop of a path with the best edge between its two nodes.
pub fn explain(g: &KnowledgeGraph, path: &[NodeIndex], filter: &Filter) -> PathAnswer {
    let mut hops = Vec::new();
    for w in path.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut options: Vec<(EdgeReference<'_, Edge>, bool)> =
            g.graph.edges_connecting(a, b).map(|e| (e, true)).filter(|(e, _)| filter.allows(g, *e)).collect();
        if !filter.directed {
            options.extend(g.graph.edges_connecting(b, a).map(|e| (e, false)).filter(|(e, _)| filter.allows(g, *e)));
        }
        options.sort_by(|(x, fx), (y, fy)| {
            (kind_rank(x.weight().kind), !fx, &x.weight().evidence).cmp(&(
                kind_rank(y.weight().kind),
                !fy,
                &y.weight().evidence,
            ))
        });
        let Some((e, forward)) = options.first().copied() else { continue };
        hops.push(Hop {
            from: g.graph[a].id.clone(),
            to: g.graph[b].id.clone(),
            kind: e.weight().kind,
            text: tell(g, a, b, e.weight(), forward),
            sources: e.weight().evidence.iter().map(Source::from).collect(),
        });
    }
    PathAnswer {
        from: path.first().map(|&n| g.graph[n].id.clone()).unwrap_or_default(),
        to: path.last().map(|&n| g.graph[n].id.clone()).unwrap_or_default(),
        hops,
    }
}

/// A node near another, and how it is reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbor {
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    pub distance: usize,
    /// The kinds of the edges that join it to the ring before.
    pub via: Vec<EdgeKind>,
}

/// The nodes within `depth` hops of `from`, nearest first, then by id.
pub fn neighbors(g: &KnowledgeGraph, from: NodeIndex, depth: usize, filter: &Filter) -> Vec<Neighbor> {
    let ring = with_view(g, filter, |next| {
        let mut dist: BTreeMap<NodeIndex, usize> = BTreeMap::from([(from, 0)]);
        let mut frontier = vec![from];
        for d in 1..=depth {
            let mut new = Vec::new();
            for &n in &frontier {
                for m in next(n) {
                    if let std::collections::btree_map::Entry::Vacant(v) = dist.entry(m) {
                        v.insert(d);
                        new.push(m);
                    }
                }
            }
            new.sort_unstable();
            frontier = new;
        }
        dist
    });
    let mut out: Vec<Neighbor> = ring
        .iter()
        .filter(|(n, _)| **n != from)
        .map(|(&n, &d)| {
            let mut via: BTreeSet<EdgeKind> = BTreeSet::new();
            for dir in [Direction::Outgoing, Direction::Incoming] {
                if filter.directed && dir == Direction::Incoming {
                    continue;
                }
                for e in g.graph.edges_directed(n, dir.opposite()) {
                    let other = if dir == Direction::Incoming { e.target() } else { e.source() };
                    if ring.get(&other).is_some_and(|&od| od + 1 == d) && filter.allows(g, e) {
                        via.insert(e.weight().kind);
                    }
                }
            }
            let node = &g.graph[n];
            Neighbor {
                id: node.id.clone(),
                label: node.label.clone(),
                kind: node.kind,
                distance: d,
                via: via.into_iter().collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.distance, &a.id).cmp(&(b.distance, &b.id)));
    out
}

/// A call as a line of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallEntry {
    pub id: String,
    pub date: Option<String>,
    pub status: String,
    pub participants: Vec<String>,
    pub initiator: Option<String>,
    pub sources: Vec<String>,
    /// What the reports disagree on ("date", "initiator", "status"), and each one's account.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountEntry>,
}

/// One source's account of a disputed call, names as labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountEntry {
    pub source: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub initiator: Option<String>,
    pub status: String,
    /// The sentences it reports the call in.
    pub sentences: Vec<String>,
}

fn call_entry(g: &KnowledgeGraph, n: &Node) -> CallEntry {
    let label = |id: &String| g.node(id).map(|x| x.label.clone()).unwrap_or_else(|| id.clone());
    CallEntry {
        id: n.id.clone(),
        date: n.date.clone(),
        status: n.status.clone().unwrap_or_else(|| "held".into()),
        participants: n.participants.iter().map(label).collect(),
        initiator: n.initiator.as_ref().map(label),
        sources: n.sources.clone(),
        disputed: n.disputed.clone(),
        accounts: n
            .accounts
            .iter()
            .map(|a| AccountEntry {
                source: a.source.clone(),
                outlet: a.outlet.clone(),
                date: a.date.clone(),
                initiator: a.initiator.as_ref().map(label),
                status: a.status.clone(),
                sentences: a.evidence.iter().map(|e| e.text.to_string()).collect(),
            })
            .collect(),
    }
}

fn timeline_order(a: &CallEntry, b: &CallEntry) -> std::cmp::Ordering {
    // dated calls first, by date; undated after, by id
    (a.date.is_none(), &a.date, &a.id).cmp(&(b.date.is_none(), &b.date, &b.id))
}

/// The calls with every one of `with` taking part, in the date limits, as a timeline.
pub fn calls(g: &KnowledgeGraph, with: &[NodeIndex], filter: &Filter) -> Vec<CallEntry> {
    let ids: Vec<&String> = with.iter().map(|&n| &g.graph[n].id).collect();
    let mut out: Vec<CallEntry> = g
        .nodes()
        .filter(|n| n.kind == NodeKind::Call)
        .filter(|n| ids.iter().all(|id| n.participants.contains(id)))
        .filter(|n| filter.date_ok(n.date.as_deref()))
        .map(|n| call_entry(g, n))
        .collect();
    out.sort_by(timeline_order);
    out
}

/// An affiliation in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub id: String,
    pub label: String,
    pub title: Option<String>,
    /// Publication dates of the first and last article that say so.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub sources: Vec<String>,
}

fn membership(g: &KnowledgeGraph, other: &Node, w: &Edge) -> Membership {
    let dates: BTreeSet<String> = w
        .evidence
        .iter()
        .filter_map(|e| g.documents.get(&*e.doc).and_then(|d| d.published))
        .map(|d| d.to_string())
        .collect();
    Membership {
        id: other.id.clone(),
        label: other.label.clone(),
        title: w.title.clone(),
        first_seen: dates.iter().next().cloned(),
        last_seen: dates.iter().next_back().cloned(),
        sources: docs_of(&w.evidence),
    }
}

/// A refusal in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalEntry {
    pub other: String,
    pub what: String,
    pub date: Option<String>,
    pub sources: Vec<Source>,
}

/// A statement in a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementEntry {
    pub other: String,
    pub role: String,
    pub quote: String,
    pub date: Option<String>,
    pub source: Option<Source>,
}

/// Everything the graph knows about one actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    pub aliases: Vec<String>,
    pub titles: Vec<String>,
    pub country: Option<String>,
    pub institutions: Vec<Membership>,
    pub members: Vec<Membership>,
    pub calls: Vec<CallEntry>,
    pub refused: Vec<RefusalEntry>,
    pub refused_by: Vec<RefusalEntry>,
    pub said: Vec<StatementEntry>,
    pub spoken_of: Vec<StatementEntry>,
    pub succeeded: Vec<String>,
    pub succeeded_by: Vec<String>,
    /// Institutions: the country they belong to; countries: their institutions.
    pub part_of: Vec<String>,
    pub parts: Vec<String>,
    pub sources: Vec<String>,
}

fn docs_of(ev: &[Evidence]) -> Vec<String> {
    let set: BTreeSet<String> = ev.iter().map(|e| e.doc.to_string()).collect();
    set.into_iter().collect()
}

/// The profile of an actor.
pub fn profile(g: &KnowledgeGraph, n: NodeIndex) -> Profile {
    let node = &g.graph[n];
    let mut p = Profile {
        id: node.id.clone(),
        label: node.label.clone(),
        kind: node.kind,
        aliases: node.aliases.clone(),
        titles: node.titles.clone(),
        country: node.country.clone(),
        institutions: Vec::new(),
        members: Vec::new(),
        calls: Vec::new(),
        refused: Vec::new(),
        refused_by: Vec::new(),
        said: Vec::new(),
        spoken_of: Vec::new(),
        succeeded: Vec::new(),
        succeeded_by: Vec::new(),
        part_of: Vec::new(),
        parts: Vec::new(),
        sources: node.sources.clone(),
    };
    for e in g.graph.edges_directed(n, Direction::Outgoing) {
        let (t, w) = (&g.graph[e.target()], e.weight());
        match w.kind {
            EdgeKind::Affiliation => p.institutions.push(membership(g, t, w)),
            EdgeKind::Contact => p.calls.push(call_entry(g, t)),
            EdgeKind::Refusal => p.refused.push(RefusalEntry {
                other: t.label.clone(),
                what: w.what.clone().unwrap_or_default(),
                date: w.date.clone(),
                sources: w.evidence.iter().map(Source::from).collect(),
            }),
            EdgeKind::Statement => p.said.push(StatementEntry {
                other: if e.target() == n { String::new() } else { t.label.clone() },
                role: w.target_role.clone().unwrap_or_default(),
                quote: w.quote.clone().unwrap_or_default(),
                date: w.date.clone(),
                source: w.evidence.first().map(Source::from),
            }),
            EdgeKind::Succeeded => p.succeeded.push(t.label.clone()),
            EdgeKind::PartOf => p.part_of.push(t.label.clone()),
        }
    }
    for e in g.graph.edges_directed(n, Direction::Incoming) {
        let (s, w) = (&g.graph[e.source()], e.weight());
        if e.source() == n {
            continue;
        }
        match w.kind {
            EdgeKind::Affiliation => p.members.push(membership(g, s, w)),
            EdgeKind::Contact => p.calls.push(call_entry(g, s)),
            EdgeKind::Refusal => p.refused_by.push(RefusalEntry {
                other: s.label.clone(),
                what: w.what.clone().unwrap_or_default(),
                date: w.date.clone(),
                sources: w.evidence.iter().map(Source::from).collect(),
            }),
            EdgeKind::Statement => p.spoken_of.push(StatementEntry {
                other: s.label.clone(),
                role: w.target_role.clone().unwrap_or_default(),
                quote: w.quote.clone().unwrap_or_default(),
                date: w.date.clone(),
                source: w.evidence.first().map(Source::from),
            }),
            EdgeKind::Succeeded => p.succeeded_by.push(s.label.clone()),
            EdgeKind::PartOf => p.parts.push(s.label.clone()),
        }
    }
    p.calls.sort_by(timeline_order);
    p.calls.dedup_by(|a, b| a.id == b.id);
    // over time: the earliest first
    p.institutions.sort_by(|a, b| (&a.first_seen, &a.id).cmp(&(&b.first_seen, &b.id)));
    p.members.sort_by(|a, b| (&a.first_seen, &a.id).cmp(&(&b.first_seen, &b.id)));
    let by_date = |a: &StatementEntry, b: &StatementEntry| {
        (&a.date, &a.source.as_ref().map(|s| (&s.doc, s.sentence)))
            .cmp(&(&b.date, &b.source.as_ref().map(|s| (&s.doc, s.sentence))))
    };
    p.said.sort_by(by_date);
    p.spoken_of.sort_by(by_date);
    p.refused.sort_by(|a, b| (&a.date, &a.other).cmp(&(&b.date, &b.other)));
    p.refused_by.sort_by(|a, b| (&a.date, &a.other).cmp(&(&b.date, &b.other)));
    p
}

/// `path --format json`: every path found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathsAnswer {
    pub from: String,
    pub to: String,
    pub paths: Vec<PathAnswer>,
}

/// `neighbors --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeighborsAnswer {
    pub center: String,
    pub depth: usize,
    pub neighbors: Vec<Neighbor>,
}

/// `calls --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallsAnswer {
    pub calls: Vec<CallEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys_fold_case_accents_punctuation_and_the() {
        assert_eq!(name_key("A.R. Roe"), "a r roe");
        assert_eq!(name_key("a. r. roe"), "a r roe");
        assert_eq!(name_key("Sébastien  Lecornu"), "sebastien lecornu");
        assert_eq!(name_key("The Pentagon"), "pentagon");
    }

    #[test]
    fn partial_dates_cover_their_whole_span() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            date_span("2024-02"),
            Some((d("2024-02-01").unwrap_or_default(), d("2024-02-29").unwrap_or_default()))
        );
        assert_eq!(date_span("2024-12").map(|x| x.1), d("2024-12-31"));
        let f = Filter { since: d("2024-02-15"), ..Default::default() };
        assert!(f.date_ok(Some("2024-02")), "February overlaps the 15th onwards");
        assert!(!f.date_ok(Some("2024-01-31")));
        assert!(!f.date_ok(None), "an unknown date is not known to be in range");
        assert!(Filter::default().date_ok(None), "no limits: everything");
    }

    #[test]
    fn edit_distance() {
        assert_eq!(levenshtein("brenan", "brennan"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("roe", "roe"), 0);
    }
}
