//! Unit tests of the merge.

use super::*;
use crate::input::Document;

/// The graph of invented articles (name, publication date, text).
fn graph_of(articles: &[(&str, &str, &str)]) -> KnowledgeGraph {
    let rules = Rules::builtin();
    let mut metas = BTreeMap::new();
    let docs: Vec<DocFacts> = articles
        .iter()
        .map(|(name, date, text)| {
            let meta = DocMeta { published: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(), ..Default::default() };
            metas.insert(name.to_string(), meta.clone());
            crate::analyze_document(&Document { name: name.to_string(), text: text.to_string(), meta }, rules)
        })
        .collect();
    build(docs, metas, rules)
}

fn ids(g: &KnowledgeGraph, kind: NodeKind) -> Vec<String> {
    g.nodes().filter(|n| n.kind == kind).map(|n| n.id.clone()).collect()
}

const LOWE_CALLS: &str = "Ruritanian Defence Minister Ann Lowe spoke by phone with Bordurian \
                          Defence Minister Ivo Brandt on Monday.\n";
const BRANDT_CALLS: &str = "Bordurian Defence Minister Ivo Brandt and Ruritania's Ann Lowe held a \
                            phone call on Monday, the ministry said.\n";

/// An edge with every attribute and some evidence.
pub(crate) fn full_edge() -> Edge {
    let mut e = Edge::new(EdgeKind::Statement);
    let some = |s: &str| Some(s.to_string());
    (e.role, e.what, e.quote, e.cue) = (some("r"), some("w"), some("q"), some("c"));
    (e.target_role, e.title, e.cameo, e.date) = (some("audience"), some("t"), some("010"), some("2024-01-02"));
    e.direct = Some(true);
    e.evidence =
        vec![Evidence { doc: "a.txt".into(), sentence: 1, start: 2, end: 3, text: "x".into(), rule: "r".into() }];
    e
}

#[test]
fn the_attribute_list_names_every_field_of_an_edge() {
    let e = full_edge();
    let serde_keys: BTreeSet<String> = crate::export::flat::fields(&e).keys().cloned().collect();
    let listed: BTreeSet<String> =
        ["kind", "evidence"].into_iter().chain(Edge::ATTRIBUTES.iter().map(|(n, _)| *n)).map(String::from).collect();
    assert_eq!(serde_keys, listed);
    assert!(e.attributes().iter().all(Option::is_some), "attributes() gives every value");
    for ((name, ty), v) in Edge::ATTRIBUTES.iter().zip(e.attributes()) {
        let ok =
            matches!((ty, v), (AttrType::Text, Some(AttrValue::Text(_))) | (AttrType::Bool, Some(AttrValue::Bool(_))));
        assert!(ok, "{name}: {v:?} is not a {ty:?}");
    }
}

#[test]
fn one_call_reported_by_two_documents_is_one_node_with_both_sources() {
    let g = graph_of(&[("a.txt", "2024-06-26", LOWE_CALLS), ("b.txt", "2024-06-26", BRANDT_CALLS)]);
    assert_eq!(ids(&g, NodeKind::Call), ["call:2024-06-24-ann-lowe-ivo-brandt"]);
    let call = g.node("call:2024-06-24-ann-lowe-ivo-brandt").expect("call");
    assert_eq!(call.sources, ["a.txt", "b.txt"]);
    assert_eq!(call.participants, ["person:ann-lowe", "person:ivo-brandt"]);
    assert_eq!(g.count_edges(EdgeKind::Contact), 2, "one contact edge a participant");
}

#[test]
fn calls_on_different_days_stay_two_calls() {
    let g = graph_of(&[("a.txt", "2024-06-26", LOWE_CALLS), ("b.txt", "2024-07-10", BRANDT_CALLS)]);
    assert_eq!(ids(&g, NodeKind::Call), ["call:2024-06-24-ann-lowe-ivo-brandt", "call:2024-07-08-ann-lowe-ivo-brandt"]);
}

#[test]
fn a_surname_alone_in_another_document_joins_the_person_named_in_full() {
    let g = graph_of(&[
        ("a.txt", "2024-06-26", LOWE_CALLS),
        ("b.txt", "2024-06-27", "\"We keep talking,\" Defence Minister Lowe said on Thursday.\n"),
    ]);
    assert_eq!(ids(&g, NodeKind::Person), ["person:ann-lowe", "person:ivo-brandt"]);
    let lowe = g.node("person:ann-lowe").expect("Lowe");
    assert_eq!(lowe.sources, ["a.txt", "b.txt"]);
    assert!(lowe.aliases.contains(&"Lowe".to_string()), "{:?}", lowe.aliases);
}

#[test]
fn a_middle_name_in_one_document_joins_the_full_name_of_another() {
    let g = graph_of(&[
        ("a.txt", "2024-06-26", "Foreign Minister Omar Ishaq Venn spoke by phone with Ivo Brandt on Monday.\n"),
        ("b.txt", "2024-06-27", "Foreign Minister Ishaq Venn said the talks would go on.\n"),
    ]);
    let people = ids(&g, NodeKind::Person);
    assert_eq!(people.iter().filter(|p| p.contains("venn")).count(), 1, "{people:?}");
}

#[test]
fn a_country_named_in_passing_is_no_node_but_one_that_acts_is() {
    let passing = graph_of(&[("a.txt", "2024-06-26", LOWE_CALLS)]);
    assert!(ids(&passing, NodeKind::Institution).is_empty(), "{:?}", ids(&passing, NodeKind::Institution));
    let acting = graph_of(&[(
        "a.txt",
        "2024-06-26",
        "France said on Tuesday that the border would stay open.\n\nThe ministers met in Madrid last year.\n",
    )]);
    let inst = ids(&acting, NodeKind::Institution);
    assert!(inst.iter().any(|i| i.contains("france")), "{inst:?}");
    assert!(!inst.iter().any(|i| i.contains("madrid") || i.contains("spain")), "{inst:?}");
}

#[test]
fn the_graph_does_not_depend_on_the_order_of_the_documents() {
    let a = ("a.txt", "2024-06-26", LOWE_CALLS);
    let b = ("b.txt", "2024-06-27", "\"We keep talking,\" Defence Minister Lowe said on Thursday.\n");
    let c = ("c.txt", "2024-06-26", BRANDT_CALLS);
    let one = crate::export::json::to_string(&graph_of(&[a, b, c]));
    let other = crate::export::json::to_string(&graph_of(&[c, a, b]));
    assert_eq!(one, other);
}

#[test]
fn a_refusal_reported_twice_is_one_edge_with_the_evidence_of_both() {
    let refused = "Bordurian Defence Minister Ivo Brandt refused to take a phone call from Defence Minister \
                   Ann Lowe, officials said.\n";
    let g = graph_of(&[("a.txt", "2024-06-26", refused), ("b.txt", "2024-06-27", refused)]);
    let refusals: Vec<&Edge> = g.graph.edge_weights().filter(|e| e.kind == EdgeKind::Refusal).collect();
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    let docs: Vec<&str> = refusals[0].evidence.iter().map(|e| &*e.doc).collect();
    assert_eq!(docs, ["a.txt", "b.txt"]);
    assert_eq!(refusals[0].date.as_deref(), Some("2024-06-26"), "the first report's date");
    assert!(g.graph.edge_weights().all(|e| !e.evidence.is_empty()));
}
