//! # The knowledge graph: per-document facts merged into one graph with stable ids
//!
//! People from all documents merge by (folded surname, given-name family); initials-only and
//! surname-only people join the one person they can be (or stay apart when that is ambiguous).
//! Institutions merge by canonical label. Reports of the same call (same participants, dates
//! that fit, or an undated report published within 30 days after a dated one) become one call
//! node listing every source. Node ids are readable slugs (`person:jane-roe`); nodes and
//! edges are sorted, so the same documents give the same graph in any order.
//!
//! No regular expressions and no text analysis here: only merging, naming and sorting.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::events::{DocFacts, Evidence};
use crate::input::DocMeta;
use crate::normalize::{fold, slug};
use crate::resolve::EntityKind;
use crate::rules::Rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Person,
    Institution,
    Call,
}

impl NodeKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            NodeKind::Person => "person",
            NodeKind::Institution => "institution",
            NodeKind::Call => "call",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    Contact,
    Refusal,
    Statement,
    Affiliation,
    Succeeded,
    /// An institution or capital and its country.
    PartOf,
}

impl EdgeKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EdgeKind::Contact => "contact",
            EdgeKind::Refusal => "refusal",
            EdgeKind::Statement => "statement",
            EdgeKind::Affiliation => "affiliation",
            EdgeKind::Succeeded => "succeeded",
            EdgeKind::PartOf => "part_of",
        }
    }
}

/// A node. Fields that do not apply to its kind are empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// Institutions: government, military, organisation, outlet, country, capital.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub inst_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Calls: ISO date (or year-month), `null` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
}

/// An edge. Fields that do not apply to its kind are empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub kind: EdgeKind,
    /// contact: "initiator" or "participant"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// refusal: what was refused (call, talks, meeting, request)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    /// statement: the words
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// statement: how the target relates: audience, target, subject, none (target is the speaker)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_role: Option<String>,
    /// affiliation: the title held
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// CAMEO event code, for joining with event data (041 phone, 125 reject talks, 010 statement)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// the date of the fact where known (calls' date for contacts; the document's date otherwise)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

impl Node {
    /// A node with only its id, kind and label set.
    pub fn new(id: &str, kind: NodeKind, label: &str) -> Self {
        Node {
            id: id.to_string(),
            kind,
            label: label.to_string(),
            aliases: Vec::new(),
            titles: Vec::new(),
            inst_type: None,
            country: None,
            sources: Vec::new(),
            date: None,
            status: None,
            initiator: None,
            participants: Vec::new(),
            medium: None,
        }
    }
}

impl KnowledgeGraph {
    /// Add a node (its id must be new).
    pub fn add_node(&mut self, node: Node) -> NodeIndex {
        let id = node.id.clone();
        let ix = self.graph.add_node(node);
        self.index.insert(id, ix);
        ix
    }
}

impl Edge {
    /// An edge of `kind` with no attributes and no evidence.
    pub fn new(kind: EdgeKind) -> Self {
        Edge {
            kind,
            role: None,
            what: None,
            quote: None,
            direct: None,
            cue: None,
            target_role: None,
            title: None,
            cameo: None,
            date: None,
            evidence: Vec::new(),
        }
    }
}

/// The knowledge graph: nodes and edges in petgraph, documents beside.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    pub graph: StableDiGraph<Node, Edge>,
    pub index: HashMap<String, NodeIndex>,
    pub documents: BTreeMap<String, DocMeta>,
}

impl KnowledgeGraph {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.graph[i])
    }
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_indices().map(|i| &self.graph[i])
    }
    pub fn count(&self, kind: NodeKind) -> usize {
        self.nodes().filter(|n| n.kind == kind).count()
    }
    pub fn count_edges(&self, kind: EdgeKind) -> usize {
        self.graph.edge_indices().filter(|&e| self.graph[e].kind == kind).count()
    }
}

/// A global entity while merging.
#[derive(Debug, Default)]
struct Global {
    kind: Option<EntityKind>,
    surname: String,
    family: Option<String>,
    initial: Option<char>,
    first_word_surname: Option<String>,
    /// surface -> number of documents using it
    surfaces: BTreeMap<String, usize>,
    titles: BTreeSet<String>,
    written: BTreeSet<String>,
    nationality: Option<usize>,
    label: String,
    inst_type: Option<String>,
    country: Option<usize>,
    /// the documents, by index (the documents are sorted by name, so this is name order)
    sources: BTreeSet<usize>,
}

struct Call {
    participants: BTreeSet<usize>,
    date: Option<PartialDate>,
    published: Option<NaiveDate>,
    initiator: Option<usize>,
    status: crate::events::CallStatus,
    medium: Option<String>,
    /// the document, by index
    doc: usize,
    evidence: Vec<(Evidence, Vec<usize>)>,
}

/// Merge the facts of every document into one graph.
pub fn build(docs: Vec<DocFacts>, metas: BTreeMap<String, DocMeta>, rules: &Rules) -> KnowledgeGraph {
    build_staged(docs, InMemory, metas, rules)
}

/// Where the merge finds each document's events (calls, refusals, statements, affiliations,
/// successions, parts) once the entities are merged: it reads them once (calls, and which places
/// act), then takes them to make the edges, in both cases one document after another, in the
/// order of `heads`. A large build keeps them packed until then (`store::Packed`), so the
/// entities and the events of every document are never all in memory at once, nor all the
/// events unpacked (a source may unpack a few hundred documents ahead, on all cores).
pub trait EventSource {
    /// Call `f(i, facts)` for each document `heads[i]` in order, the facts (named and dated as
    /// in the head) holding its events.
    fn read_all(&self, heads: &[DocFacts], f: &mut dyn FnMut(usize, &DocFacts));
    /// Call `f(i, facts)` for each document `heads[i]` in order, with its events, to use up.
    fn take_all(&mut self, heads: Vec<DocFacts>, f: &mut dyn FnMut(usize, DocFacts));
}

/// Events that are in the facts already.
pub struct InMemory;

impl EventSource for InMemory {
    fn read_all(&self, heads: &[DocFacts], f: &mut dyn FnMut(usize, &DocFacts)) {
        heads.iter().enumerate().for_each(|(i, d)| f(i, d))
    }
    fn take_all(&mut self, heads: Vec<DocFacts>, f: &mut dyn FnMut(usize, DocFacts)) {
        heads.into_iter().enumerate().for_each(|(i, d)| f(i, d))
    }
}

/// [`build`] with the events of each document from `events` (the facts hold their entities).
pub fn build_staged(
    mut docs: Vec<DocFacts>,
    mut events: impl EventSource,
    metas: BTreeMap<String, DocMeta>,
    rules: &Rules,
) -> KnowledgeGraph {
    docs.sort_by(|a, b| a.doc.cmp(&b.doc));
    let mut globals: Vec<Global> = Vec::new();
    // (doc index, entity index) -> global
    let mut map: Vec<Vec<usize>> = docs.iter().map(|d| vec![usize::MAX; d.entities.len()]).collect();
    // people by (surname, family name or "initial:X" or ""), borrowed from the entities
    let mut by_key: BTreeMap<(&str, Cow<str>), usize> = BTreeMap::new();
    // institutions by folded label, and by label as written (most labels repeat: fold each once)
    let mut by_label: FxHashMap<&str, usize> = FxHashMap::default();
    let mut by_folded: FxHashMap<String, usize> = FxHashMap::default();

    // people with a given name, then initials, then lone surnames; institutions by label
    // (globals of people with a given name or an initial, by surname and by a compound surname's
    // first word: built when pass 2 starts, as no later global can be a candidate)
    let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for pass in 0..4 {
        if pass == 2 {
            for (i, g) in globals.iter().enumerate() {
                if g.kind == Some(EntityKind::Person)
                    && !g.surname.is_empty()
                    && (g.family.is_some() || g.initial.is_some())
                {
                    by_surname.entry(g.surname.clone()).or_default().push(i);
                    if let Some(w) = g.first_word_surname.as_ref().filter(|w| **w != g.surname) {
                        by_surname.entry(w.clone()).or_default().push(i);
                    }
                }
            }
        }
        for (di, d) in docs.iter().enumerate() {
            for (ei, e) in d.entities.iter().enumerate() {
                let new_global = |globals: &mut Vec<Global>| {
                    globals.push(Global {
                        kind: Some(e.kind),
                        surname: e.surname.clone(),
                        family: e.family.clone(),
                        initial: e.initial,
                        first_word_surname: e.first_word_surname.clone(),
                        ..Default::default()
                    });
                    globals.len() - 1
                };
                let key = match (pass, e.kind) {
                    (0, EntityKind::Person) if e.family.is_some() => {
                        (e.surname.as_str(), Cow::Borrowed(e.family.as_deref().unwrap_or_default()))
                    }
                    (1, EntityKind::Person) if e.family.is_none() && e.initial.is_some() => {
                        let ini = e.initial.unwrap_or('?');
                        // the keys of this surname are contiguous from (surname, ""): is there exactly one?
                        let mut cands = by_key
                            .range((e.surname.as_str(), Cow::Borrowed(""))..)
                            .take_while(|((s, _), _)| *s == e.surname)
                            .filter(|((_, f), g)| {
                                (f.starts_with(ini) || globals[**g].initial == Some(ini)) && !f.starts_with("initial:")
                            })
                            .map(|(_, g)| *g);
                        if let (Some(only), None) = (cands.next(), cands.next()) {
                            map[di][ei] = only;
                            continue;
                        }
                        (e.surname.as_str(), Cow::Owned(format!("initial:{ini}")))
                    }
                    (2, EntityKind::Person) if e.family.is_none() && e.initial.is_none() => {
                        // the one global of this surname (listed once or more)?
                        let cands = by_surname.get(&e.surname).map(Vec::as_slice).unwrap_or_default();
                        if let Some((&only, rest)) = cands.split_first() {
                            if rest.iter().all(|&c| c == only) {
                                map[di][ei] = only;
                                continue;
                            }
                        }
                        (e.surname.as_str(), Cow::Borrowed(""))
                    }
                    (3, EntityKind::Institution) => {
                        let g = match by_label.get(e.label.as_str()) {
                            Some(&g) => g,
                            None => {
                                let g = *by_folded.entry(fold(&e.label)).or_insert_with(|| new_global(&mut globals));
                                by_label.insert(&e.label, g);
                                g
                            }
                        };
                        map[di][ei] = g;
                        continue;
                    }
                    _ => continue,
                };
                let g = *by_key.entry(key).or_insert_with(|| new_global(&mut globals));
                map[di][ei] = g;
            }
        }
    }
    drop((by_key, by_label, by_folded));
    redirect_middle_names(&docs, &mut map, &globals, rules);
    // the entities are used up here (their names move into the globals): a large build frees
    // them before the graph is made
    let doc_names: Vec<String> = docs.iter().map(|d| d.doc.clone()).collect();
    for (di, d) in docs.iter_mut().enumerate() {
        for (ei, e) in std::mem::take(&mut d.entities).into_iter().enumerate() {
            let g = &mut globals[map[di][ei]];
            for s in e.surfaces {
                *g.surfaces.entry(s).or_default() += 1;
            }
            g.written.extend(e.written);
            if e.kind == EntityKind::Institution {
                g.label = e.label;
                g.inst_type = e.inst_type.as_ref().map(|t| t.as_str().to_string());
                g.country = g.country.or(e.country);
            }
            g.titles.extend(e.titles);
            g.nationality = g.nationality.or(e.nationality);
            g.sources.insert(di);
        }
    }
    for g in &mut globals {
        if g.kind == Some(EntityKind::Person) {
            g.label = crate::resolve::best_person_label(g.surfaces.iter().map(|(s, n)| (s, *n)), g.family.as_deref());
        }
    }

    // calls, and which entities act (countries and capitals are nodes only where they act: speak,
    // are spoken to, call, refuse, employ; a place named in passing is no actor)
    let mut calls: Vec<Call> = Vec::new();
    let mut used = vec![false; globals.len()];
    // (part, its country) of every document, for the parts that tie their country in
    let mut parts: Vec<(usize, usize)> = Vec::new();
    events.read_all(&docs, &mut |di, d| {
        let m = &map[di];
        {
            for c in &d.calls {
                calls.push(Call {
                    participants: c.participants.iter().map(|&e| m[e]).collect(),
                    date: c.date,
                    published: d.published,
                    initiator: c.initiator.map(|e| m[e]),
                    status: c.status,
                    medium: c.medium.clone(),
                    doc: di,
                    evidence: c
                        .evidence
                        .iter()
                        .map(|(ev, named)| (ev.clone(), named.iter().map(|&e| m[e]).collect()))
                        .collect(),
                });
            }
            let mut mark = |e: usize| used[m[e]] = true;
            d.calls.iter().for_each(|c| c.participants.iter().for_each(|&p| mark(p)));
            d.refusals.iter().for_each(|r| {
                mark(r.refuser);
                mark(r.requester)
            });
            d.statements.iter().for_each(|s| {
                mark(s.speaker);
                if let Some(t) = s.target {
                    mark(t)
                }
            });
            d.affiliations.iter().for_each(|a| {
                mark(a.person);
                mark(a.institution)
            });
            parts.extend(d.part_of.iter().map(|p| (m[p.part], m[p.country])));
        }
    });
    let groups = merge_calls(&calls, &doc_names);

    // nodes
    let mut g = KnowledgeGraph { documents: metas, ..Default::default() };
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut unique = |base: String| -> String {
        let n = ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    };
    // ids in a stable order: by kind, slug, then merge key
    let slugs: Vec<String> = globals.iter().map(|g| slug(&g.label)).collect();
    let mut order: Vec<usize> = (0..globals.len()).collect();
    order.sort_by(|&a, &b| {
        let (ga, gb) = (&globals[a], &globals[b]);
        (ga.kind, &slugs[a], &ga.surname, &ga.family, ga.sources.iter().next()).cmp(&(
            gb.kind,
            &slugs[b],
            &gb.surname,
            &gb.family,
            gb.sources.iter().next(),
        ))
    });
    let mut gid = vec![String::new(); globals.len()];
    for &i in &order {
        let gl = &globals[i];
        let kind = if gl.kind == Some(EntityKind::Person) { NodeKind::Person } else { NodeKind::Institution };
        gid[i] = unique(format!("{}:{}", kind.as_str(), slugs[i]));
    }
    // a part ties its country in only when the part is drawn itself: a capital named in passing
    // ("in Seoul") stays out, and so does its edge
    let is_place = |g: &Global| matches!(g.inst_type.as_deref(), Some("country") | Some("capital"));
    for (part, country) in parts {
        if used[part] || !is_place(&globals[part]) {
            used[country] = true;
        }
    }
    // each global's node on its own: made on all cores, kept in the globals' order
    use rayon::prelude::*;
    let mut nodes: Vec<Node> = globals
        .par_iter()
        .enumerate()
        .filter_map(|(i, gl)| {
            if gl.sources.is_empty()
                || (!used[i] && matches!(gl.inst_type.as_deref(), Some("country") | Some("capital")))
            {
                return None;
            }
            let kind = if gl.kind == Some(EntityKind::Person) { NodeKind::Person } else { NodeKind::Institution };
            let mut aliases: BTreeSet<String> = gl.surfaces.keys().chain(gl.written.iter()).cloned().collect();
            aliases.remove(&gl.label);
            let mut aliases: Vec<String> = aliases.into_iter().collect();
            if kind == NodeKind::Person {
                // the lone surname is a name users type
                let last = gl.label.split(' ').next_back().unwrap_or("").to_string();
                if !last.is_empty() && last != gl.label && !aliases.contains(&last) {
                    aliases.push(last);
                    aliases.sort();
                }
            }
            Some(Node {
                id: gid[i].clone(),
                kind,
                label: gl.label.clone(),
                aliases,
                // "Defense Secretary" says less than "US Defense Secretary": keep the fuller form
                titles: gl.titles.iter().filter(|t| !gl.titles.iter().any(|o| ends_with_word(o, t))).cloned().collect(),
                inst_type: gl.inst_type.clone(),
                country: gl.nationality.or(gl.country).map(|c| rules.countries[c].name.clone()),
                sources: gl.sources.iter().map(|&di| doc_names[di].clone()).collect(),
                date: None,
                status: None,
                initiator: None,
                participants: Vec::new(),
                medium: None,
            })
        })
        .collect();
    let surname_of = |p: usize| -> String { globals[p].label.split(' ').next_back().unwrap_or("").to_string() };
    let mut call_nodes = Vec::new();
    let mut call_order: Vec<(String, usize)> = Vec::new();
    for (k, members) in groups.iter().enumerate() {
        let first = &calls[members[0]];
        let date = members.iter().filter_map(|&m| calls[m].date).max_by_key(|d| (d.precision(), std::cmp::Reverse(*d)));
        let mut parts: Vec<usize> = first.participants.iter().copied().collect();
        parts.sort_by(|a, b| gid[*a].cmp(&gid[*b]));
        let base = format!(
            "call:{}-{}",
            date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
            parts.iter().map(|&p| slugs[p].as_str()).collect::<Vec<_>>().join("-")
        );
        call_order.push((base, k));
    }
    call_order.sort();
    for (base, k) in call_order {
        let members = &groups[k];
        let first = &calls[members[0]];
        let date = members.iter().filter_map(|&m| calls[m].date).max_by_key(|d| (d.precision(), std::cmp::Reverse(*d)));
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in members {
            if let Some(i) = calls[m].initiator {
                *votes.entry(i).or_default() += 1;
            }
        }
        let initiator = votes.iter().max_by_key(|(i, n)| (**n, std::cmp::Reverse(gid[**i].clone()))).map(|(i, _)| *i);
        let mut parts: Vec<usize> = first.participants.iter().copied().collect();
        parts.sort_by(|a, b| gid[*a].cmp(&gid[*b]));
        let id = unique(base);
        let sources: BTreeSet<String> = members.iter().map(|&m| doc_names[calls[m].doc].clone()).collect();
        let label = format!(
            "{} \u{2013} {}",
            parts.iter().map(|&p| surname_of(p)).collect::<Vec<_>>().join(" \u{2013} "),
            date.map(|d| d.to_string()).unwrap_or_else(|| "date unknown".into())
        );
        let medium = members.iter().filter_map(|&m| calls[m].medium.clone()).min();
        call_nodes.push((
            Node {
                id: id.clone(),
                kind: NodeKind::Call,
                label,
                aliases: Vec::new(),
                titles: Vec::new(),
                inst_type: None,
                country: None,
                sources: sources.into_iter().collect(),
                date: date.map(|d| d.to_string()),
                status: Some(merged_status(members.iter().map(|&m| calls[m].status)).to_string()),
                initiator: initiator.map(|i| gid[i].clone()),
                participants: parts.iter().map(|&p| gid[p].clone()).collect(),
                medium,
            },
            k,
            initiator,
            date,
        ));
    }
    nodes.extend(call_nodes.iter().map(|(n, ..)| n.clone()));
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    for n in nodes {
        let id = n.id.clone();
        let ix = g.graph.add_node(n);
        g.index.insert(id, ix);
    }

    // edges, collected then sorted; an end is an index into `ends`: the globals, then the calls
    let global_of: HashMap<&String, usize> = gid.iter().enumerate().map(|(i, id)| (id, i)).collect();
    let ends: Vec<&str> =
        gid.iter().map(String::as_str).chain(call_nodes.iter().map(|(n, ..)| n.id.as_str())).collect();
    let mut edges: Vec<(usize, usize, Edge)> = Vec::new();
    for (ci, (node, k, initiator, date)) in call_nodes.iter().enumerate() {
        let members = &groups[*k];
        for pid in &node.participants {
            let p = global_of.get(pid).copied().unwrap_or(usize::MAX);
            let mut ev: Vec<Evidence> = members
                .iter()
                .flat_map(|&m| calls[m].evidence.iter())
                .filter(|(_, named)| named.contains(&p))
                .map(|(e, _)| e.clone())
                .collect();
            if ev.is_empty() {
                ev = members.iter().flat_map(|&m| calls[m].evidence.iter()).map(|(e, _)| e.clone()).collect();
            }
            ev.sort();
            ev.dedup();
            let mut e = Edge::new(EdgeKind::Contact);
            e.role = Some(if Some(p) == *initiator { "initiator" } else { "participant" }.to_string());
            e.cameo = Some("041".into());
            e.date = date.map(|d| d.to_string());
            e.evidence = ev;
            edges.push((p, gid.len() + ci, e));
        }
    }
    drop(calls);
    let mut refusals: BTreeMap<(usize, usize), (String, Vec<Evidence>)> = BTreeMap::new();
    let mut affiliations: BTreeMap<(usize, usize), (Option<String>, Vec<Evidence>)> = BTreeMap::new();
    let mut successions: BTreeMap<(usize, usize), Vec<Evidence>> = BTreeMap::new();
    let mut part_of: BTreeMap<(usize, usize), Vec<Evidence>> = BTreeMap::new();
    // the facts are used up here, a document at a time: their evidence moves into the edges
    events.take_all(docs, &mut |di, d| {
        let m = &map[di];
        let date = d.published.map(|p| p.to_string());
        for r in d.refusals {
            let slot = refusals.entry((m[r.refuser], m[r.requester])).or_insert_with(|| (r.what.clone(), Vec::new()));
            slot.1.extend(r.evidence);
        }
        for s in d.statements {
            let speaker = m[s.speaker];
            let target = s.target.map(|t| m[t]).unwrap_or(speaker);
            let mut e = Edge::new(EdgeKind::Statement);
            e.quote = Some(s.quote);
            e.direct = Some(s.direct);
            e.cue = Some(s.cue);
            e.target_role = Some(s.target_role.to_string());
            e.cameo = Some("010".into());
            e.date = date.clone();
            e.evidence = vec![s.evidence];
            edges.push((speaker, target, e));
        }
        for a in d.affiliations {
            let slot =
                affiliations.entry((m[a.person], m[a.institution])).or_insert_with(|| (a.title.clone(), Vec::new()));
            if slot.0.is_none() {
                slot.0 = a.title;
            }
            slot.1.push(a.evidence);
        }
        for p in d.part_of {
            let part = m[p.part];
            if used[part] || !matches!(globals[part].inst_type.as_deref(), Some("country") | Some("capital")) {
                part_of.entry((part, m[p.country])).or_default().push(p.evidence);
            }
        }
        for s in d.successions {
            successions.entry((m[s.successor], m[s.predecessor])).or_default().push(s.evidence);
        }
    });
    for ((a, b), (what, mut ev)) in refusals {
        ev.sort();
        ev.dedup();
        let mut e = Edge::new(EdgeKind::Refusal);
        e.what = Some(what);
        e.cameo = Some("125".into());
        e.date =
            ev.iter().filter_map(|x| g.documents.get(&*x.doc).and_then(|d| d.published)).min().map(|d| d.to_string());
        e.evidence = ev;
        edges.push((a, b, e));
    }
    for ((a, b), (title, mut ev)) in affiliations {
        ev.sort();
        ev.dedup();
        let mut e = Edge::new(EdgeKind::Affiliation);
        e.title = title;
        e.evidence = ev;
        edges.push((a, b, e));
    }
    for ((a, b), mut ev) in part_of {
        if a == b {
            continue;
        }
        ev.sort();
        ev.dedup();
        // one example is proof enough for a name: keep the first three
        ev.truncate(3);
        let mut e = Edge::new(EdgeKind::PartOf);
        e.evidence = ev;
        edges.push((a, b, e));
    }
    for ((a, b), mut ev) in successions {
        ev.sort();
        ev.dedup();
        let mut e = Edge::new(EdgeKind::Succeeded);
        e.evidence = ev;
        edges.push((a, b, e));
    }
    // sort a permutation, not the edges themselves (they are large), and drop repeats
    // (on all cores; the ids of the ends are distinct, so their ranks order as the ids do)
    let mut by_id: Vec<usize> = (0..ends.len()).collect();
    by_id.par_sort_unstable_by_key(|&i| ends[i]);
    let mut rank = vec![0; ends.len()];
    by_id.into_iter().enumerate().for_each(|(r, i)| rank[i] = r);
    let mut perm: Vec<usize> = (0..edges.len()).collect();
    perm.par_sort_by(|&x, &y| {
        let (a, b) = (&edges[x], &edges[y]);
        (a.2.kind, rank[a.0], rank[a.1], &a.2.quote, &a.2.evidence)
            .partial_cmp(&(b.2.kind, rank[b.0], rank[b.1], &b.2.quote, &b.2.evidence))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let node_of: Vec<Option<NodeIndex>> = ends.iter().map(|id| g.index.get(*id).copied()).collect();
    let mut slots: Vec<Option<(usize, usize, Edge)>> = edges.into_iter().map(Some).collect();
    g.graph.reserve_edges(slots.len());
    let mut last: Option<(usize, usize, petgraph::stable_graph::EdgeIndex)> = None;
    for x in perm {
        let Some((s, t, e)) = slots[x].take() else { continue };
        if let Some((ls, lt, le)) = last {
            if (ls, lt) == (s, t) && g.graph[le] == e {
                continue;
            }
        }
        if let (Some(si), Some(ti)) = (node_of[s], node_of[t]) {
            last = Some((s, t, g.graph.add_edge(si, ti, e)));
        }
    }
    g
}

/// Does `long` end with the words of `short`, after a space ("US Defense Secretary", "Defense Secretary")?
fn ends_with_word(long: &str, short: &str) -> bool {
    long.len() > short.len() && long.ends_with(short) && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// "Ishaq Dar" in one article is "Mohammad Ishaq Dar" in another: a person known by given name and
/// surname joins the one person whose full name has that given name in the middle.
fn redirect_middle_names(docs: &[DocFacts], map: &mut [Vec<usize>], globals: &[Global], rules: &Rules) {
    let mut middles: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (di, d) in docs.iter().enumerate() {
        for (ei, e) in d.entities.iter().enumerate() {
            if e.kind != EntityKind::Person {
                continue;
            }
            // fewer than three words cannot hold a middle name (most surfaces: a cheap test first)
            for s in e.surfaces.iter().filter(|s| s.bytes().filter(|&b| b == b' ').count() >= 2) {
                let core: Vec<&str> = s
                    .split(' ')
                    .filter(|w| !crate::mentions::NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
                    .collect();
                if core.len() >= 3 {
                    middles
                        .entry(map[di][ei])
                        .or_default()
                        .extend(core[1..core.len() - 1].iter().map(|w| rules.given_family(w)));
                }
            }
        }
    }
    // the people of each (surname, middle name's family): every person looks its own key up,
    // instead of comparing itself with every person who has a middle name
    let mut hosts_of: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (&a, families) in &middles {
        for f in families {
            hosts_of.entry((globals[a].surname.as_str(), f.as_str())).or_default().push(a);
        }
    }
    let mut redirect: Vec<usize> = (0..globals.len()).collect();
    for (b, g) in globals.iter().enumerate() {
        let Some(family) = &g.family else { continue };
        let hosts = hosts_of.get(&(g.surname.as_str(), family.as_str())).map_or(&[][..], Vec::as_slice);
        let mut others = hosts.iter().filter(|&&a| a != b);
        if let (Some(&a), None) = (others.next(), others.next()) {
            redirect[b] = a;
        }
    }
    for row in map.iter_mut() {
        for g in row.iter_mut() {
            *g = redirect[*g];
        }
    }
}

/// The status of a call from its reports: held when reported held (disputed when another report
/// denies it), else denied, else planned.
fn merged_status(statuses: impl Iterator<Item = crate::events::CallStatus>) -> &'static str {
    use crate::events::CallStatus;
    let all: BTreeSet<CallStatus> = statuses.collect();
    match (all.contains(&CallStatus::Held), all.contains(&CallStatus::Denied)) {
        (true, true) => "disputed",
        (true, false) => "held",
        (false, true) => "denied",
        (false, false) => "planned",
    }
}

/// Group call reports that describe the same call. Only reports with the same participants can
/// be one call. Reports dated to the day group by day; a report dated only to the month joins the
/// one day-dated call of that month (or other month-only reports when there is none); an undated
/// report joins the one dated call in the 30 days before its publication, or else undated reports
/// published within a week of it. A less precise report never joins two calls into one.
fn merge_calls(calls: &[Call], doc_names: &[String]) -> Vec<Vec<usize>> {
    let mut by_parts: BTreeMap<&BTreeSet<usize>, Vec<usize>> = BTreeMap::new();
    for (i, c) in calls.iter().enumerate() {
        by_parts.entry(&c.participants).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for reports in by_parts.values() {
        // (date of the group, its members), in the order the groups were made
        let mut local: Vec<(Option<PartialDate>, Vec<usize>)> = Vec::new();
        let mut by_precision: Vec<usize> = reports.clone();
        by_precision.sort_by_key(|&i| (std::cmp::Reverse(calls[i].date.map(|d| d.precision())), i));
        for i in by_precision {
            let c = &calls[i];
            let fits: Vec<usize> = match c.date {
                Some(d) if d.precision() == 2 => {
                    local.iter().enumerate().filter(|(_, g)| g.0 == Some(d)).map(|(k, _)| k).collect()
                }
                Some(d) => {
                    let finer: Vec<usize> = local
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| g.0.is_some_and(|x| x.compatible(&d) && x.precision() > d.precision()))
                        .map(|(k, _)| k)
                        .collect();
                    if finer.is_empty() {
                        local.iter().enumerate().filter(|(_, g)| g.0 == Some(d)).map(|(k, _)| k).collect()
                    } else {
                        finer
                    }
                }
                None => {
                    let near =
                        |g: &(Option<PartialDate>, Vec<usize>)| match (g.0.and_then(|d| d.first_day()), c.published) {
                            (Some(day), Some(p)) => p >= day && (p - day).num_days() <= 30,
                            _ => false,
                        };
                    let dated: Vec<usize> = local.iter().enumerate().filter(|(_, g)| near(g)).map(|(k, _)| k).collect();
                    if dated.is_empty() {
                        local
                            .iter()
                            .enumerate()
                            .filter(|(_, g)| {
                                g.0.is_none()
                                    && g.1.iter().any(|&m| match (calls[m].published, c.published) {
                                        (Some(x), Some(y)) => (x - y).num_days().abs() <= 7,
                                        _ => doc_names[calls[m].doc] == doc_names[c.doc],
                                    })
                            })
                            .map(|(k, _)| k)
                            .collect()
                    } else {
                        dated
                    }
                }
            };
            match fits.as_slice() {
                [k] => local[*k].1.push(i),
                _ => local.push((c.date, vec![i])),
            }
        }
        for (_, mut members) in local {
            members.sort_unstable();
            groups.push(members);
        }
    }
    groups.sort();
    groups
}
