//! The table test of `data/examples.tsv`: every example of what a rule does, run against the
//! built-in rules, every failing line reported at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Rules;
use super::load::{self, Row};

/// The families of rule ids, as the evidence of each kind of fact names them.
const FAMILIES: &str = "affiliation|call|part-of|refusal|statement|succession";

/// Every rule id written as a string literal in the code under `src/` (the extractor names the
/// rule of each fact's evidence with one).
fn rule_ids_in_code() -> BTreeSet<String> {
    let literal = regex::Regex::new(&format!(r#""((?:{FAMILIES})\.[a-z]+(?:-[a-z]+)*)""#)).expect("regex");
    let mut ids = BTreeSet::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src").map(|e| e.expect("entry")) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).expect("source");
                ids.extend(literal.captures_iter(&code).map(|c| c[1].to_string()));
            }
        }
    }
    ids
}

/// Why an example does not hold, or None when it does.
fn check(row: &Row, rules: &Rules) -> Option<String> {
    let (rule, sign, text, expected) = (row.get(0), row.get(1), row.get(2), row.get(3));
    let doc = crate::input::Document { name: "example.txt".into(), text: text.into(), meta: Default::default() };
    let dump = crate::analyze_document(&doc, rules).dump();
    // a rule id stands in a dump line as `rule@sentence`
    let by_rule = |l: &&str| l.contains(expected) && l.contains(&format!("{rule}@"));
    let hits: Vec<&str> = dump.lines().filter(by_rule).collect();
    let holds = if sign == "+" { !hits.is_empty() } else { hits.is_empty() };
    let want = if sign == "+" { "a fact" } else { "no fact" };
    (!holds).then(|| {
        let got: String = dump.lines().map(|l| format!("\n    {l}")).collect();
        format!(
            "{}:{}: {rule} {sign}: want {want} by {rule} with {expected:?}; the facts are:{got}",
            row.file, row.line
        )
    })
}

#[test]
fn every_example_holds() {
    let spec = &load::EXAMPLES;
    let rows = load::parse(spec, spec.name, spec.builtin).unwrap_or_else(|e| panic!("{e}")).rows;
    let known = rule_ids_in_code();
    assert!(known.len() >= 20, "rule ids found in the code: {known:?}");
    let rules = Rules::builtin();
    let mut failures: Vec<String> = Vec::new();
    let mut signs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for row in &rows {
        if !known.contains(row.get(0)) {
            failures.push(format!("{}:{}: unknown rule id {:?}", row.file, row.line, row.get(0)));
            continue;
        }
        signs.entry(row.get(0)).or_default().insert(row.get(1));
        failures.extend(check(row, rules));
    }
    for id in &known {
        for sign in ["+", "-"] {
            if !signs.get(id.as_str()).is_some_and(|s| s.contains(sign)) {
                failures.push(format!("{}: no {sign} example of {id}", spec.name));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} examples fail:\n{}", failures.len(), rows.len(), failures.join("\n"));
}

#[test]
fn a_failing_example_is_reported_with_its_line_and_the_facts() {
    let spec = &load::EXAMPLES;
    let text = "# two wrong examples\n\
                call.verb\t-\tJane Roe spoke by telephone with Ivan Petrov.\tcall:\n\
                call.verb\t+\tJane Roe spoke at a conference.\tcall:\n";
    let rows = load::parse(spec, "mine.tsv", text).expect("parses").rows;
    let errors: Vec<String> = rows.iter().filter_map(|r| check(r, Rules::builtin())).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("mine.tsv:2: call.verb -: want no fact by call.verb"), "{}", errors[0]);
    assert!(errors[0].contains("\n    call: Ivan Petrov + Jane Roe"), "{}", errors[0]);
    assert!(errors[1].starts_with("mine.tsv:3: call.verb +: want a fact by call.verb"), "{}", errors[1]);
}
