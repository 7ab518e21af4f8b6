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

mod calls;

use calls::{Call, call_nodes, contact_edges, merge_calls};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::facts::{DocFacts, Evidence};
use crate::input::DocMeta;
use crate::normalize::{fold, slug};
use crate::resolve::EntityKind;
use crate::rules::Rules;
use crate::rules::event_codes::EventCodes;

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
    /// Calls whose reports disagree: each source's account, in document order (empty when the
    /// reports agree).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<CallAccount>,
    /// Calls: the fields the accounts disagree on ("date", "initiator", "status"), sorted. A
    /// disputed initiator is left out (`initiator` none, every contact a "participant"), a
    /// disputed status is "disputed", a disputed date keeps the earliest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<String>,
}

/// What one document says of a call whose reports disagree (see [`Node::accounts`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallAccount {
    /// The document.
    pub source: String,
    #[serde(default)]
    pub outlet: Option<String>,
    /// The date it gives, `null` when none.
    #[serde(default)]
    pub date: Option<String>,
    /// Who it says placed or asked for the call (a node id), `null` when it does not say.
    #[serde(default)]
    pub initiator: Option<String>,
    /// "held", "planned" or "denied" ("disputed" when the one document says both).
    pub status: String,
    /// Its sentences that report the call.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
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
    /// CAMEO event code, for joining with event data (041 phone, 125 reject talks, 112 accuse),
    /// from `event_codes.tsv`; none where the table gives none (a denied call)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// PLOVER event type and mode beside the CAMEO code ("CONSULT/phone", "REJECT/meet",
    /// "ACCUSE"); none where PLOVER codes nothing (a plain statement, an appeal)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plover: Option<String>,
    /// the date of the fact where known (calls' date for contacts; the document's date otherwise)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// affiliation: the first and last publication dates of the documents that report it
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
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
            accounts: Vec::new(),
            disputed: Vec::new(),
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

/// The type of an edge attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    Text,
    Bool,
}

/// An edge attribute's value, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrValue<'a> {
    Text(&'a str),
    Bool(bool),
}

impl Edge {
    /// The optional attributes of an edge beside its kind and evidence, with their types: the one
    /// list of their names and order. The flat formats (`export::flat`) are made from it; the
    /// JSON reader and writer (`export::json`) and serde's field names are checked against it by
    /// tests, so a new field of [`Edge`] fails them until it is listed here.
    pub const ATTRIBUTES: [(&'static str, AttrType); 12] = [
        ("role", AttrType::Text),
        ("what", AttrType::Text),
        ("quote", AttrType::Text),
        ("direct", AttrType::Bool),
        ("cue", AttrType::Text),
        ("target_role", AttrType::Text),
        ("title", AttrType::Text),
        ("cameo", AttrType::Text),
        ("plover", AttrType::Text),
        ("date", AttrType::Text),
        ("first_seen", AttrType::Text),
        ("last_seen", AttrType::Text),
    ];

    /// The attributes' values in [`Edge::ATTRIBUTES`] order; `None` where the edge has none.
    pub fn attributes(&self) -> [Option<AttrValue<'_>>; 12] {
        fn t(v: &Option<String>) -> Option<AttrValue<'_>> {
            v.as_deref().map(AttrValue::Text)
        }
        [
            t(&self.role),
            t(&self.what),
            t(&self.quote),
            self.direct.map(AttrValue::Bool),
            t(&self.cue),
            t(&self.target_role),
            t(&self.title),
            t(&self.cameo),
            t(&self.plover),
            t(&self.date),
            t(&self.first_seen),
            t(&self.last_seen),
        ]
    }

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
            plover: None,
            date: None,
            first_seen: None,
            last_seen: None,
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
    /// the documents, by index, in order (the documents are sorted by name, so this is name order)
    sources: Vec<usize>,
}

/// Merge the facts of every document into one graph.
pub fn build(docs: Vec<DocFacts>, metas: BTreeMap<String, DocMeta>, rules: &Rules) -> KnowledgeGraph {
    build_staged(docs, InMemory, metas, rules)
}

/// Where the merge finds each document's events (calls, refusals, statements, affiliations,
/// successions, parts) once the entities are merged: it takes them once, in the order of `heads`,
/// to make the calls and edges. A large build keeps them packed until then (`store::Packed`), so
/// the entities and the events of every document are never all in memory at once, nor all the
/// events unpacked: a source unpacks and uses a few hundred documents at a time, on all cores.
pub trait EventSource {
    /// For each document `heads[i]`: `each(i, facts)` with its facts (named and dated as in the
    /// head) holding its events, on all cores a few hundred documents at a time, and `fold` of
    /// what it gave, in the order of `heads`.
    fn take_each<R: Send>(
        &mut self,
        heads: Vec<DocFacts>,
        each: &(dyn Fn(usize, DocFacts) -> R + Sync),
        fold: &mut (dyn FnMut(R) + Send),
    );
}

/// Events that are in the facts already.
pub struct InMemory;

impl EventSource for InMemory {
    fn take_each<R: Send>(
        &mut self,
        heads: Vec<DocFacts>,
        each: &(dyn Fn(usize, DocFacts) -> R + Sync),
        fold: &mut (dyn FnMut(R) + Send),
    ) {
        in_chunks(heads.into_iter().enumerate(), |(i, d)| each(i, d), fold)
    }
}

/// How many items [`in_chunks`] maps at a time, on all cores: enough to share out, few enough
/// that a few hundred documents' events are in memory at once.
pub(crate) const CHUNK: usize = 512;

/// `fold(each(item))` for every item, in order, `each` on all cores [`CHUNK`] items at a time.
/// One chunk is folded while the next is mapped.
pub(crate) fn in_chunks<T: Send, R: Send>(
    mut items: impl Iterator<Item = T>,
    each: impl Fn(T) -> R + Sync,
    fold: &mut (dyn FnMut(R) + Send),
) {
    let mut done: Vec<R> = Vec::new();
    loop {
        let chunk: Vec<T> = items.by_ref().take(CHUNK).collect();
        if chunk.is_empty() && done.is_empty() {
            break;
        }
        let ((), next) = rayon::join(
            || done.into_iter().for_each(&mut *fold),
            || chunk.into_par_iter().map(&each).collect::<Vec<R>>(),
        );
        done = next;
    }
}

/// [`build`] with the events of each document from `events` (the facts hold their entities).
pub fn build_staged(
    mut docs: Vec<DocFacts>,
    events: impl EventSource,
    metas: BTreeMap<String, DocMeta>,
    rules: &Rules,
) -> KnowledgeGraph {
    docs.sort_by(|a, b| a.doc.cmp(&b.doc));
    let keys = entity_keys(&docs, rules);
    build_from_keys(docs, keys, events, metas, rules, &BuildHooks::default())
}

/// What the caller's process does at points of a large merge: the library calls no allocator
/// of its own, a binary hands its calls in here (`main.rs` gives mimalloc's `mi_collect`).
#[derive(Clone, Copy, Debug, Default)]
pub struct BuildHooks {
    /// Called once the entities of every document are folded into the globals and freed, before
    /// the events are unpacked: a caching allocator can hand the freed pages back to the system
    /// here (docs/performance.md: a 100k build's peak memory drops by about 60 MiB).
    pub entities_freed: Option<fn()>,
}

/// Which global entity each entity of each document is: the first stage of the merge. It only
/// reads the documents, so a caller can do something else with them meanwhile (write the facts
/// file, say) before [`build_from_keys`] uses them up.
pub struct EntityKeys {
    globals: Vec<Global>,
    /// (document index, entity index) -> global
    map: Vec<Vec<usize>>,
    /// The documents whose second reading is taken ([`second_readings`]), by index.
    alts: BTreeMap<usize, DocFacts>,
}

/// The documents whose second reading ([`DocFacts::alt`]) the merge takes: those with a
/// tentative person whose surname (folded, as [`crate::identity::surname_key`] keys it) is that
/// of exactly one person other documents name in full (one given-name family, one initial),
/// each read with only such tentative people. The rest keep their first reading. Made from the
/// facts alone, so a build, an update and a merge of the same documents agree.
fn second_readings(docs: &[DocFacts]) -> BTreeMap<usize, DocFacts> {
    if !docs.iter().any(|d| d.alt.is_some()) {
        return BTreeMap::new();
    }
    // surname -> (families, initials) of the people named in full
    let mut full: HashMap<&str, (BTreeSet<&str>, BTreeSet<char>)> = HashMap::new();
    for e in docs.iter().flat_map(|d| &d.entities) {
        if e.kind != EntityKind::Person || e.tentative || (e.family.is_none() && e.initial.is_none()) {
            continue;
        }
        let keys =
            std::iter::once(e.surname.as_str()).chain(e.first_word_surname.as_deref().filter(|w| *w != e.surname));
        for k in keys {
            let (families, initials) = full.entry(k).or_default();
            families.extend(e.family.as_deref());
            initials.extend(e.initial);
        }
    }
    let known = |e: &crate::resolve::Entity| {
        full.get(e.surname.as_str()).is_some_and(|(families, initials)| families.len() <= 1 && initials.len() == 1)
    };
    docs.par_iter()
        .enumerate()
        .filter(|(_, d)| d.alt.is_some())
        .filter_map(|(di, d)| d.second_reading(known).map(|f| (di, f)))
        .collect()
}

/// The events of the documents whose second reading is taken, in place of their first.
struct WithSecondReadings<E> {
    inner: E,
    alts: BTreeMap<usize, DocFacts>,
}

impl<E: EventSource> EventSource for WithSecondReadings<E> {
    fn take_each<R: Send>(
        &mut self,
        heads: Vec<DocFacts>,
        each: &(dyn Fn(usize, DocFacts) -> R + Sync),
        fold: &mut (dyn FnMut(R) + Send),
    ) {
        let alts = std::mem::take(&mut self.alts);
        let each = |i: usize, mut f: DocFacts| {
            if let Some(a) = alts.get(&i) {
                f.calls = a.calls.clone();
                f.refusals = a.refusals.clone();
                f.statements = a.statements.clone();
                f.affiliations = a.affiliations.clone();
                f.successions = a.successions.clone();
                f.part_of = a.part_of.clone();
            }
            each(i, f)
        };
        self.inner.take_each(heads, &each, fold)
    }
}

/// [`EntityKeys`] of `docs`, which must be sorted by name.
pub fn entity_keys(docs: &[DocFacts], rules: &Rules) -> EntityKeys {
    debug_assert!(docs.windows(2).all(|w| w[0].doc <= w[1].doc), "documents out of name order");
    let alts = second_readings(docs);
    // each document's entities, of the reading taken
    let chosen: Vec<&[crate::resolve::Entity]> =
        docs.iter().enumerate().map(|(di, d)| alts.get(&di).map_or(&d.entities[..], |a| &a.entities[..])).collect();
    let mut globals: Vec<Global> = Vec::new();
    // (doc index, entity index) -> global
    let mut map: Vec<Vec<usize>> = chosen.iter().map(|es| vec![usize::MAX; es.len()]).collect();
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
        for (di, es) in chosen.iter().enumerate() {
            for (ei, e) in es.iter().enumerate() {
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
    redirect_middle_names(&chosen, &mut map, &globals, rules);
    drop(chosen);
    EntityKeys { globals, map, alts }
}

/// The rest of the merge, from the [`entity_keys`] of `docs` (sorted by name, as they were then).
/// The stages, each a function below: fold the entities into the globals; gather every
/// document's events ([`gather_events`]); group call reports ([`merge_calls`]) while the globals
/// get their ids; make the entities' nodes ([`entity_nodes`]) and the calls' ([`call_nodes`]);
/// add the nodes in id order ([`add_nodes_in_id_order`]); make the edges of the grouped events
/// ([`grouped_edges`]) and of the calls ([`contact_edges`]); add the edges sorted
/// ([`add_edges_sorted`]).
pub fn build_from_keys(
    mut docs: Vec<DocFacts>,
    keys: EntityKeys,
    events: impl EventSource,
    metas: BTreeMap<String, DocMeta>,
    rules: &Rules,
    hooks: &BuildHooks,
) -> KnowledgeGraph {
    let EntityKeys { mut globals, map, mut alts } = keys;
    // the second readings taken: their entities into the documents, their events kept for
    // when the events are gathered; the others are not needed any more
    for (di, d) in docs.iter_mut().enumerate() {
        d.alt = None;
        if let Some(a) = alts.get_mut(&di) {
            d.entities = std::mem::take(&mut a.entities);
        }
    }
    let events = WithSecondReadings { inner: events, alts };
    // the entities are used up here (their names move into the globals): a large build frees
    // them before the graph is made
    let doc_names: Vec<String> = docs.iter().map(|d| d.doc.clone()).collect();
    fold_entities(&mut docs, &map, &mut globals);
    if let Some(f) = hooks.entities_freed {
        f();
    }
    globals.par_iter_mut().filter(|g| g.kind == Some(EntityKind::Person)).for_each(|g| {
        g.label = crate::resolve::best_person_label(g.surfaces.iter().map(|(s, n)| (s, *n)), g.family.as_deref());
    });
    let mut gathered = gather_events(docs, &map, events, globals.len(), &rules.event_codes);
    drop(map);
    // the reports of one call grouped (on one core), while the globals get their ids
    let (groups, (slugs, gid)) = rayon::join(|| merge_calls(&gathered.calls, &doc_names), || global_ids(&globals));

    let mut g = KnowledgeGraph { documents: metas, ..Default::default() };
    // a global by its id (the last of that id, should two share one)
    let canonical: Vec<usize> = {
        let last: HashMap<&str, usize> = gid.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        gid.iter().map(|id| last[id.as_str()]).collect()
    };
    // a part ties its country in only when the part is drawn itself: a capital named in passing
    // ("in Seoul") stays out, and so does its edge
    for &(part, country) in &gathered.parts {
        if gathered.used[part] || !is_place(&globals[part]) {
            gathered.used[country] = true;
        }
    }
    let global_nodes = entity_nodes(&globals, &gathered.used, &gid, &doc_names, rules);
    let (call_nodes, call_info) =
        call_nodes(&gathered.calls, &groups, &globals, &gid, &slugs, (&doc_names, &g.documents), &rules.event_codes);
    let (rank, node_of) = add_nodes_in_id_order(&mut g, &gid, global_nodes, call_nodes);
    let Gathered { calls, used, mut edges, refusals, affiliations, successions, part_of, parts: _ } = gathered;
    let events = (refusals, affiliations, successions, part_of);
    let more = grouped_edges(&g.documents, &globals, &used, events, &rules.event_codes);
    // (the edges' room made at once: they are large)
    edges.reserve_exact(call_info.iter().map(|c| c.parts.len()).sum::<usize>() + more.len());
    contact_edges(&mut edges, &calls, &groups, &call_info, &canonical, gid.len());
    drop(calls);
    edges.extend(more);
    add_edges_sorted(&mut g, edges, &rank, &node_of);
    g
}

/// Countries and capitals are nodes only where they act.
fn is_place(g: &Global) -> bool {
    matches!(g.inst_type.as_deref(), Some("country") | Some("capital"))
}

/// Every document's events in global terms, gathered in document order.
struct Gathered {
    calls: Vec<Call>,
    /// which globals act (speak, are spoken to, call, refuse, employ)
    used: Vec<bool>,
    /// the statement edges
    edges: Vec<(usize, usize, Edge)>,
    refusals: Groups<Refused>,
    affiliations: Groups<(Option<String>, Vec<Evidence>)>,
    successions: Groups<(Vec<Evidence>, Option<PartialDate>)>,
    part_of: Groups<Vec<Evidence>>,
    /// (part, its country) of every document, in order, for the parts that tie their country in
    parts: Vec<(usize, usize)>,
}

/// One pass over the events of every document (each document's share made on all cores, then
/// gathered in document order): calls, statement edges, the other events grouped by their ends,
/// and which entities act (countries and capitals are nodes only where they act: speak, are
/// spoken to, call, refuse, employ; a place named in passing is no actor).
fn gather_events(
    docs: Vec<DocFacts>,
    map: &[Vec<usize>],
    mut events: impl EventSource,
    n_globals: usize,
    codes: &EventCodes,
) -> Gathered {
    let mut calls: Vec<Call> = Vec::new();
    let mut used = vec![false; n_globals];
    let mut edges: Vec<(usize, usize, Edge)> = Vec::new();
    // the other events, grouped by their ends as they come (in document order within a group)
    let mut refusals: Groups<Refused> = Groups::default();
    let mut affiliations: Groups<(Option<String>, Vec<Evidence>)> = Groups::default();
    let mut successions: Groups<(Vec<Evidence>, Option<PartialDate>)> = Groups::default();
    let mut part_of: Groups<Vec<Evidence>> = Groups::default();
    // (part, its country) of every document, in order, for the parts that tie their country in
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let each = |di: usize, d: DocFacts| -> DocEvents {
        let m = &map[di];
        let calls = d
            .calls
            .into_iter()
            .map(|c| Call {
                participants: c.participants.iter().map(|&e| m[e]).collect(),
                date: c.date,
                published: d.published,
                initiator: c.initiator.map(|e| m[e]),
                status: c.status,
                medium: c.medium,
                doc: di,
                evidence: c
                    .evidence
                    .into_iter()
                    .map(|(ev, named)| (ev, named.iter().map(|&e| m[e]).collect()))
                    .collect(),
            })
            .collect();
        let date = d.published.map(|p| p.to_string());
        let statements = d
            .statements
            .into_iter()
            .map(|s| {
                let speaker = m[s.speaker];
                let target = s.target.map(|t| m[t]).unwrap_or(speaker);
                let mut e = Edge::new(EdgeKind::Statement);
                let code = codes.statement(&s.cue);
                (e.cameo, e.plover) = (code.cameo.clone(), code.plover.clone());
                e.quote = Some(s.quote);
                e.direct = Some(s.direct);
                e.cue = Some(s.cue);
                e.target_role = Some(s.target_role.to_string());
                e.date = date.clone();
                e.evidence = vec![s.evidence];
                (speaker, target, e)
            })
            .collect();
        DocEvents {
            calls,
            statements,
            refusals: d
                .refusals
                .into_iter()
                .map(|r| (m[r.refuser], m[r.requester], (r.what, r.evidence, r.date)))
                .collect(),
            affiliations: d
                .affiliations
                .into_iter()
                .map(|a| (m[a.person], m[a.institution], (a.title, a.evidence)))
                .collect(),
            successions: d
                .successions
                .into_iter()
                .map(|s| (m[s.successor], m[s.predecessor], (s.evidence, s.date)))
                .collect(),
            part_of: d.part_of.into_iter().map(|p| (m[p.part], m[p.country], p.evidence)).collect(),
        }
    };
    events.take_each(docs, &each, &mut |d: DocEvents| {
        for c in &d.calls {
            c.participants.iter().for_each(|&p| used[p] = true);
        }
        for (a, b, _) in &d.statements {
            (used[*a], used[*b]) = (true, true);
        }
        calls.extend(d.calls);
        edges.extend(d.statements);
        for (a, b, (what, ev, date)) in d.refusals {
            (used[a], used[b]) = (true, true);
            let slot = refusals.add((a, b), || (what, Vec::new(), None));
            slot.1.extend(ev);
            slot.2 = PartialDate::most_precise(slot.2.into_iter().chain(date));
        }
        for (a, b, (title, ev)) in d.affiliations {
            (used[a], used[b]) = (true, true);
            let slot = affiliations.add((a, b), || (None, Vec::new()));
            slot.0 = slot.0.take().or(title);
            slot.1.push(ev);
        }
        for (a, b, (ev, date)) in d.successions {
            let slot = successions.add((a, b), || (Vec::new(), None));
            slot.0.push(ev);
            slot.1 = PartialDate::most_precise(slot.1.into_iter().chain(date));
        }
        for (a, b, ev) in d.part_of {
            parts.push((a, b));
            // one example is proof enough for a name: the first three are kept
            keep_least(part_of.add((a, b), Vec::new), ev, 3);
        }
    });
    Gathered { calls, used, edges, refusals, affiliations, successions, part_of, parts }
}

/// Each global's node, on all cores, in the globals' order (none for a global that is a place
/// which does not act, or has no source).
fn entity_nodes(
    globals: &[Global],
    used: &[bool],
    gid: &[String],
    doc_names: &[String],
    rules: &Rules,
) -> Vec<Option<Node>> {
    globals
        .par_iter()
        .enumerate()
        .map(|(i, gl)| {
            if gl.sources.is_empty() || (!used[i] && is_place(gl)) {
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
                accounts: Vec::new(),
                disputed: Vec::new(),
            })
        })
        .collect()
}

/// Add the nodes, globals' and calls', in id order; an end (of an edge) is an index: the globals,
/// then the calls. Each end's rank in id order, and its node.
fn add_nodes_in_id_order(
    g: &mut KnowledgeGraph,
    gid: &[String],
    mut global_nodes: Vec<Option<Node>>,
    mut call_nodes: Vec<Option<Node>>,
) -> (Vec<usize>, Vec<Option<NodeIndex>>) {
    let n_ends = gid.len() + call_nodes.len();
    fn end_id<'a>(e: usize, gid: &'a [String], call_nodes: &'a [Option<Node>]) -> &'a str {
        if e < gid.len() { &gid[e] } else { call_nodes[e - gid.len()].as_ref().map_or("", |n| n.id.as_str()) }
    }
    let mut by_id: Vec<usize> = (0..n_ends).collect();
    by_id.par_sort_by_key(|&e| end_id(e, gid, &call_nodes));
    let mut rank = vec![0; n_ends];
    by_id.iter().enumerate().for_each(|(r, &e)| rank[e] = r);
    // (ends of the same id, should there be any, find the node of that id added last)
    let same_as_before: Vec<bool> = (0..n_ends)
        .map(|r| r > 0 && end_id(by_id[r], gid, &call_nodes) == end_id(by_id[r - 1], gid, &call_nodes))
        .collect();

    g.graph.reserve_nodes(n_ends);
    g.index.reserve(n_ends);
    let mut node_of: Vec<Option<NodeIndex>> = vec![None; n_ends];
    let mut last: Option<NodeIndex> = None;
    for (r, &e) in by_id.iter().enumerate() {
        if !same_as_before[r] {
            last = None;
        }
        let node = if e < gid.len() { global_nodes[e].take() } else { call_nodes[e - gid.len()].take() };
        if let Some(n) = node {
            last = Some(g.add_node(n));
        }
        node_of[e] = last;
        // every end of this id finds the last node added with it
        let mut back = r;
        while back > 0 && same_as_before[back] {
            back -= 1;
            node_of[by_id[back]] = last;
        }
    }
    drop((global_nodes, call_nodes));
    (rank, node_of)
}

/// The edges of the events grouped by their ends (refusals, affiliations, part-of, successions),
/// on all cores where they are many.
fn grouped_edges(
    documents: &BTreeMap<String, DocMeta>,
    globals: &[Global],
    used: &[bool],
    (refusals, affiliations, successions, part_of): GroupedEvents,
    codes: &EventCodes,
) -> Vec<(usize, usize, Edge)> {
    let mut more: Vec<(usize, usize, Edge)> = refusals
        .items
        .into_par_iter()
        .map(|((a, b), (what, mut ev, date))| {
            ev.sort();
            ev.dedup();
            let mut e = Edge::new(EdgeKind::Refusal);
            let code = codes.refusal(&what);
            (e.cameo, e.plover) = (code.cameo.clone(), code.plover.clone());
            e.what = Some(what);
            // the date the texts give; else the first publication date of a report
            e.date = date.map(|d| d.to_string()).or_else(|| {
                ev.iter().filter_map(|x| documents.get(&*x.doc).and_then(|d| d.published)).min().map(|d| d.to_string())
            });
            e.evidence = ev;
            (a, b, e)
        })
        .collect();
    more.par_extend(affiliations.items.into_par_iter().map(|((a, b), (title, mut ev))| {
        ev.sort();
        ev.dedup();
        let mut e = Edge::new(EdgeKind::Affiliation);
        e.title = title;
        // when the texts show it held: their first and last publication dates
        let seen = || ev.iter().filter_map(|x| documents.get(&*x.doc).and_then(|d| d.published));
        (e.first_seen, e.last_seen) = (seen().min().map(|d| d.to_string()), seen().max().map(|d| d.to_string()));
        e.evidence = ev;
        (a, b, e)
    }));
    for ((a, b), ev) in part_of.items {
        if a == b || (!used[a] && is_place(&globals[a])) {
            continue;
        }
        let mut e = Edge::new(EdgeKind::PartOf);
        e.evidence = ev;
        more.push((a, b, e));
    }
    for ((a, b), (mut ev, date)) in successions.items {
        ev.sort();
        ev.dedup();
        let mut e = Edge::new(EdgeKind::Succeeded);
        e.date = date.map(|d| d.to_string());
        e.evidence = ev;
        more.push((a, b, e));
    }
    more
}

/// Add the edges sorted by kind and the ids of their ends, then quote and evidence, dropping
/// repeats; an edge whose end has no node is left out.
fn add_edges_sorted(
    g: &mut KnowledgeGraph,
    edges: Vec<(usize, usize, Edge)>,
    rank: &[usize],
    node_of: &[Option<NodeIndex>],
) {
    let n_ends = rank.len();
    // sort the edges by kind and the ids of their ends (as one number: the ranks of the ids),
    // then quote and evidence; equal edges keep the order they were made in. Sorted as a
    // permutation, not the edges themselves (they are large), on all cores
    let mut perm: Vec<(u64, usize)> = edges
        .par_iter()
        .enumerate()
        .map(|(i, (a, b, e))| (((e.kind as u64) << 58) | ((rank[*a] as u64) << 29) | rank[*b] as u64, i))
        .collect();
    assert!(n_ends < 1 << 29, "too many nodes to sort the edges");
    perm.par_sort_unstable_by(|x, y| {
        x.0.cmp(&y.0)
            .then_with(|| {
                let (a, b) = (&edges[x.1].2, &edges[y.1].2);
                (&a.quote, &a.evidence).cmp(&(&b.quote, &b.evidence))
            })
            .then(x.1.cmp(&y.1))
    });
    // add them, dropping repeats: an edge equal to the one before it in this order (equal
    // edges are next to each other), found on all cores
    let repeat: Vec<bool> = perm
        .par_iter()
        .enumerate()
        .map(|(i, &(_, x))| {
            i > 0 && {
                let (a, b) = (&edges[x], &edges[perm[i - 1].1]);
                (a.0, a.1) == (b.0, b.1) && a.2 == b.2
            }
        })
        .collect();
    let mut slots: Vec<Option<(usize, usize, Edge)>> = edges.into_iter().map(Some).collect();
    g.graph.reserve_edges(slots.len());
    for ((_, x), repeat) in perm.into_iter().zip(repeat) {
        let Some((s, t, e)) = slots[x].take() else { continue };
        if repeat {
            continue;
        }
        if let (Some(si), Some(ti)) = (node_of[s], node_of[t]) {
            g.graph.add_edge(si, ti, e);
        }
    }
}

/// Each global's slug and node id. Ids are given in a stable order (by kind, slug, then merge
/// key); a slug taken already is numbered (`-2`, `-3`).
fn global_ids(globals: &[Global]) -> (Vec<String>, Vec<String>) {
    let slugs: Vec<String> = globals.par_iter().map(|g| slug(&g.label)).collect();
    let mut order: Vec<usize> = (0..globals.len()).collect();
    order.par_sort_by(|&a, &b| {
        let (ga, gb) = (&globals[a], &globals[b]);
        (ga.kind, &slugs[a], &ga.surname, &ga.family, ga.sources.first()).cmp(&(
            gb.kind,
            &slugs[b],
            &gb.surname,
            &gb.family,
            gb.sources.first(),
        ))
    });
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut unique = |base: String| -> String {
        let n = ids.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { base } else { format!("{base}-{n}") }
    };
    let mut gid = vec![String::new(); globals.len()];
    for &i in &order {
        let gl = &globals[i];
        let kind = if gl.kind == Some(EntityKind::Person) { NodeKind::Person } else { NodeKind::Institution };
        gid[i] = unique(format!("{}:{}", kind.as_str(), slugs[i]));
    }
    (slugs, gid)
}

/// A refusal's reports by its ends: what was refused, the evidence, the date the texts give.
type Refused = (String, Vec<Evidence>, Option<PartialDate>);

/// A document's events, as the merge uses them (entities as globals).
struct DocEvents {
    calls: Vec<Call>,
    statements: Vec<(usize, usize, Edge)>,
    refusals: Vec<(usize, usize, Refused)>,
    affiliations: Vec<(usize, usize, (Option<String>, Evidence))>,
    successions: Vec<(usize, usize, (Evidence, Option<PartialDate>))>,
    part_of: Vec<(usize, usize, Evidence)>,
}

/// The events [`grouped_edges`] makes edges of: refusals, affiliations, successions, part-of.
type GroupedEvents = (
    Groups<Refused>,
    Groups<(Option<String>, Vec<Evidence>)>,
    Groups<(Vec<Evidence>, Option<PartialDate>)>,
    Groups<Vec<Evidence>>,
);

/// Values by a pair of ends, in the order the pairs came.
struct Groups<T> {
    at: FxHashMap<(usize, usize), usize>,
    items: Vec<((usize, usize), T)>,
}

impl<T> Default for Groups<T> {
    fn default() -> Self {
        Groups { at: FxHashMap::default(), items: Vec::new() }
    }
}

impl<T> Groups<T> {
    /// The value of `pair`, made by `new` if it has none yet.
    fn add(&mut self, pair: (usize, usize), new: impl FnOnce() -> T) -> &mut T {
        let k = *self.at.entry(pair).or_insert_with(|| {
            self.items.push((pair, new()));
            self.items.len() - 1
        });
        &mut self.items[k].1
    }
}

/// Add `x` to `least`, which holds the `n` least distinct values seen, in order.
fn keep_least<T: Ord>(least: &mut Vec<T>, x: T, n: usize) {
    if least.len() == n && least.last().is_some_and(|l| x >= *l) {
        return;
    }
    if let Err(at) = least.binary_search(&x) {
        least.insert(at, x);
        least.truncate(n);
    }
}

/// What the entities of a run of documents give one global (see [`fold_entities`]).
#[derive(Default)]
struct Share {
    surfaces: BTreeMap<String, usize>,
    titles: BTreeSet<String>,
    written: BTreeSet<String>,
    /// an institution's label and type: the last entity's
    label: Option<String>,
    inst_type: Option<Option<String>>,
    /// the first entity's that has one
    country: Option<usize>,
    nationality: Option<usize>,
    sources: Vec<usize>,
}

/// Move the names of every entity into its global (and count the documents using each surface),
/// freeing the entities: runs of documents on all cores, then their shares in document order.
fn fold_entities(docs: &mut [DocFacts], map: &[Vec<usize>], globals: &mut [Global]) {
    let per = docs.len().div_ceil(4 * rayon::current_num_threads()).max(1);
    let shares: Vec<FxHashMap<usize, Share>> = docs
        .par_chunks_mut(per)
        .enumerate()
        .map(|(c, chunk)| {
            let mut out: FxHashMap<usize, Share> = FxHashMap::default();
            for (k, d) in chunk.iter_mut().enumerate() {
                let di = c * per + k;
                for (ei, e) in std::mem::take(&mut d.entities).into_iter().enumerate() {
                    let s = out.entry(map[di][ei]).or_default();
                    for x in e.surfaces {
                        *s.surfaces.entry(x).or_default() += 1;
                    }
                    s.written.extend(e.written);
                    if e.kind == EntityKind::Institution {
                        s.label = Some(e.label);
                        s.inst_type = Some(e.inst_type.as_ref().map(|t| t.as_str().to_string()));
                        s.country = s.country.or(e.country);
                    }
                    s.titles.extend(e.titles);
                    s.nationality = s.nationality.or(e.nationality);
                    if s.sources.last() != Some(&di) {
                        s.sources.push(di);
                    }
                }
            }
            out
        })
        .collect();
    for share in shares {
        for (i, s) in share {
            let g = &mut globals[i];
            if g.surfaces.is_empty() {
                g.surfaces = s.surfaces;
            } else {
                for (x, n) in s.surfaces {
                    *g.surfaces.entry(x).or_default() += n;
                }
            }
            g.written.extend(s.written);
            g.titles.extend(s.titles);
            if let Some(l) = s.label {
                g.label = l;
            }
            if let Some(t) = s.inst_type {
                g.inst_type = t;
            }
            g.country = g.country.or(s.country);
            g.nationality = g.nationality.or(s.nationality);
            g.sources.extend(s.sources);
        }
    }
}

/// Does `long` end with the words of `short`, after a space ("US Defense Secretary", "Defense Secretary")?
fn ends_with_word(long: &str, short: &str) -> bool {
    long.len() > short.len() && long.ends_with(short) && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// "Ishaq Tarin" in one article is "Mohammad Ishaq Tarin" in another: a person known by given name and
/// surname joins the one person whose full name has that given name in the middle.
fn redirect_middle_names(
    docs: &[&[crate::resolve::Entity]],
    map: &mut [Vec<usize>],
    globals: &[Global],
    rules: &Rules,
) {
    let mut middles: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for (di, es) in docs.iter().enumerate() {
        for (ei, e) in es.iter().enumerate() {
            if e.kind != EntityKind::Person {
                continue;
            }
            // fewer than three words cannot hold a middle name (most surfaces: a cheap test first)
            for s in e.surfaces.iter().filter(|s| s.bytes().filter(|&b| b == b' ').count() >= 2) {
                let keys = crate::identity::middle_keys(&s.split(' ').collect::<Vec<_>>(), rules);
                if !keys.is_empty() {
                    middles.entry(map[di][ei]).or_default().extend(keys);
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

#[cfg(test)]
pub(crate) mod tests;
