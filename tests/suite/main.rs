//! The integration suite: one target, one module per concern.
//!
//! * `fixtures`: every article under `tests/fixtures/articles/` against its `.expect` facts.
//! * `build`: the binary end to end: the committed `graphs/seeds/` is fresh, output is
//!   deterministic and independent of input order, errors have clear messages and exit codes.
//! * `query`: path, neighbors, show and calls on the committed demo graph.
//! * `tools`: real clients read what we write (Graphviz parses the DOT, NetworkX loads the JSON).
//! * `exports`: every export format read back by its real client (Graphviz, NetworkX, igraph,
//!   Cytoscape.js, the JGF schema, a strict CSV parse, Neo4j's Cypher linter).

mod build;
mod exports;
mod fixtures;
mod query;
mod tools;
