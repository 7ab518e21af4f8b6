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
    e.plover = some("ACCUSE");
    (e.first_seen, e.last_seen) = (some("2024-01-02"), some("2024-02-03"));
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

/// Invented articles with one statement, refusal or call of each code family.
const CODED_WORDS: &str = "Ministers trade words\n\n\
Ruritanian Foreign Minister Jane Roe warned Bordurian Foreign Minister Ivan Petrov against any escalation.\n\n\
Petrov accused Roe of stalling the negotiations.\n\n\
Roe denied that her government had stalled the talks.\n\n\
Roe and Petrov will speak by phone next week, the ministry said.\n\n\
Roe urged Petrov to return to the table.\n\n\
Petrov declined Roe's requests for talks.\n\n\
Petrov said the line remained open.\n";
const CODED_REQUEST: &str = "Request turned down\n\n\
Bordurian President Karl Weiss met Ruritanian President Nina Holt.\n\n\
Weiss also refused Holt's offer.\n";
const CODED_DENIAL: &str = "Call denied\n\n\
Ruritanian Trade Minister Mark Stone denied that he had spoken by phone with Bordurian Trade Minister Lena Vogel.\n";
const CODED_VIDEO: &str = "Video talks\n\n\
Ruritanian Defence Minister Oleg Sokol and Bordurian Defence Minister Anna Berg held a video call on Monday.\n\n\
Sokol condemned the strikes, calling them reckless.\n\n\
Sokol called on Berg to end the blockade.\n";

#[test]
fn edges_are_coded_by_cue_refusal_and_call() {
    let g = graph_of(&[
        ("a.txt", "2024-06-26", CODED_WORDS),
        ("b.txt", "2024-06-26", CODED_REQUEST),
        ("c.txt", "2024-06-26", CODED_DENIAL),
        ("d.txt", "2024-06-26", CODED_VIDEO),
        ("e.txt", "2024-06-26", LOWE_CALLS),
    ]);
    let codes = |e: &Edge| (e.cameo.clone().unwrap_or_default(), e.plover.clone().unwrap_or_default());
    let statement = |cue: &str| {
        let found: BTreeSet<(String, String)> = g
            .graph
            .edge_weights()
            .filter(|e| e.kind == EdgeKind::Statement && e.cue.as_deref() == Some(cue))
            .map(codes)
            .collect();
        assert_eq!(found.len(), 1, "the statements cued {cue:?} have one code: {found:?}");
        found.into_iter().next().unwrap_or_default()
    };
    let pair = |c: &str, p: &str| (c.to_string(), p.to_string());
    assert_eq!(statement("warned"), pair("130", "THREATEN"));
    assert_eq!(statement("accused"), pair("112", "ACCUSE"));
    assert_eq!(statement("denied"), pair("016", ""));
    assert_eq!(statement("urged"), pair("020", ""));
    assert_eq!(statement("condemned"), pair("111", "ACCUSE"));
    // "called on Berg to ..." is an appeal, cued so; "said" a plain statement
    assert_eq!(statement("called on"), pair("020", ""));
    assert_eq!(statement("said"), pair("010", ""));

    let refusals: BTreeSet<(String, String, String)> = g
        .graph
        .edge_weights()
        .filter(|e| e.kind == EdgeKind::Refusal)
        .map(|e| (e.what.clone().unwrap_or_default(), codes(e).0, codes(e).1))
        .collect();
    let expected = [("request", "120", "REJECT"), ("talks", "125", "REJECT/meet")];
    assert_eq!(refusals, expected.iter().map(|(w, c, p)| (w.to_string(), c.to_string(), p.to_string())).collect());

    // each call's contact edges, by the call's status and medium
    let mut contacts: BTreeMap<(String, String), BTreeSet<(String, String)>> = BTreeMap::new();
    for e in g.graph.edge_indices() {
        let (_, call) = g.graph.edge_endpoints(e).expect("ends");
        let (edge, node) = (&g.graph[e], &g.graph[call]);
        if edge.kind == EdgeKind::Contact {
            let key = (node.status.clone().unwrap_or_default(), node.medium.clone().unwrap_or_default());
            contacts.entry(key).or_default().insert(codes(edge));
        }
    }
    let one = |c: &str, p: &str| BTreeSet::from([pair(c, p)]);
    let expected: BTreeMap<(String, String), BTreeSet<(String, String)>> = [
        (pair("held", "phone"), one("041", "CONSULT/phone")),
        (pair("held", "video"), one("040", "CONSULT/video")),
        (pair("planned", "phone"), one("036", "AGREE")),
        // a denied call is no consultation: no code at all
        (pair("denied", "phone"), one("", "")),
    ]
    .into_iter()
    .collect();
    assert_eq!(contacts, expected);
}

#[test]
fn an_affiliation_is_seen_from_its_first_report_to_its_last() {
    let g = graph_of(&[
        ("a.txt", "2024-03-05", "Danish Defence Minister Ann Lowe spoke by phone with Ivo Brandt on Monday.\n"),
        ("b.txt", "2024-05-20", "Danish Defence Minister Ann Lowe said the talks would go on.\n"),
        ("c.txt", "2024-04-01", "Danish Defence Minister Ann Lowe said she was hopeful.\n"),
    ]);
    let lowe = g.nodes().find(|n| n.label == "Ann Lowe").expect("Lowe").id.clone();
    let seen: Vec<(Option<String>, Option<String>)> = g
        .graph
        .edge_indices()
        .filter(|&e| g.graph[e].kind == EdgeKind::Affiliation)
        .filter(|&e| g.graph.edge_endpoints(e).is_some_and(|(a, _)| g.graph[a].id == lowe))
        .map(|e| (g.graph[e].first_seen.clone(), g.graph[e].last_seen.clone()))
        .collect();
    // one affiliation (with Denmark), seen from the first publication to the last
    assert_eq!(seen, vec![(Some("2024-03-05".into()), Some("2024-05-20".into()))]);
}

#[test]
fn bare_surnames_take_the_full_names_of_other_articles_only_when_one_person_fits() {
    const FULL: &str = "Ruritanian Defence Minister Ann Lowe met Bordurian Defence Minister Ivo Brandt \
                        in Geneva on Friday.\n";
    const BARE: &str = "Lowe spoke by phone with Brandt on Monday, officials said. Fighting went on \
                        near Kestrel.\n";
    let g = graph_of(&[("a.txt", "2024-03-02", FULL), ("b.txt", "2024-03-05", BARE)]);
    assert_eq!(ids(&g, NodeKind::Call), ["call:2024-03-04-ann-lowe-ivo-brandt"]);
    assert_eq!(ids(&g, NodeKind::Person), ["person:ann-lowe", "person:ivo-brandt"]);
    // alone, the bare surnames are no one
    let alone = graph_of(&[("b.txt", "2024-03-05", BARE)]);
    assert!(ids(&alone, NodeKind::Person).is_empty() && ids(&alone, NodeKind::Call).is_empty());
    // two people of that surname: "Lowe" is neither, and Brandt alone makes no call
    const OTHER: &str = "Ruritanian Finance Minister Paul Lowe met bankers on Friday.\n";
    let two = graph_of(&[("a.txt", "2024-03-02", FULL), ("b.txt", "2024-03-05", BARE), ("c.txt", "2024-03-02", OTHER)]);
    assert!(ids(&two, NodeKind::Call).is_empty(), "{:?}", ids(&two, NodeKind::Call));
    assert!(!ids(&two, NodeKind::Person).contains(&"person:lowe".to_string()));
}
