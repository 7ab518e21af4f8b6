#!/usr/bin/env python3
"""Load switchboard exports with real third-party readers and summarise them.

Usage:
    check_formats.py graphml FILE [--path A B] [--dump]   # networkx + python-igraph
    check_formats.py gexf FILE [--path A B] [--dump]      # networkx (GEXF 1.3)
    check_formats.py jgf FILE [--dump]                    # jsonschema vs vendored JGF v2 schema
    check_formats.py neo4j DIR                            # DIR/nodes.csv + DIR/edges.csv (neo4j-admin import)
    check_formats.py json FILE                            # graph.json with networkx.node_link_graph

--dump adds every edge with its attributes as the reader gives them ("edge_data").

Prints exactly one JSON object on stdout. On any failure prints
"check_formats: <subcommand>: <reason>" on stderr and exits 1 (2 for usage
errors).
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
JGF_SCHEMA = HERE / "jgf-v2.schema.json"


class CheckError(Exception):
    pass


def fail(msg: str) -> None:
    raise CheckError(msg)


def emit(obj: dict) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


def jsonable(value):
    """Make a reader's attribute value JSON-serialisable without changing it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if value == value and value not in (float("inf"), float("-inf")) else repr(value)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return repr(value)


# --------------------------------------------------------------------------
# networkx-based summaries (GraphML, GEXF)
# --------------------------------------------------------------------------


def check_xml_structure(path, expected_ns):
    """What the readers let slide: the root namespace, unique node/edge ids,
    and edges whose endpoints are not declared nodes (networkx and igraph
    both silently invent such nodes)."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(f"not well-formed XML: {e}")
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if ns != expected_ns:
        fail(f"root element is {root.tag!r}, expected namespace {expected_ns!r}")
    node_ids, edge_ids = [], []
    for el in root.iter(f"{{{expected_ns}}}node"):
        node_ids.append(el.get("id"))
    declared = set(node_ids)
    if None in declared:
        fail("a <node> has no id")
    dup = [k for k, c in collections.Counter(node_ids).items() if c > 1]
    if dup:
        fail(f"duplicate node ids (readers merge them silently): {dup[:10]}")
    for el in root.iter(f"{{{expected_ns}}}edge"):
        eid = el.get("id")
        edge_ids.append(eid)
        for end in ("source", "target"):
            if el.get(end) not in declared:
                fail(f"edge {eid!r}: {end} {el.get(end)!r} is not a declared node (readers would invent it)")
    dup = [k for k, c in collections.Counter(edge_ids).items() if c > 1]
    if dup:
        fail(f"duplicate edge ids: {dup[:10]}")
    return root


def edge_data(G):
    """{edge id: [source, target, attributes]}: the key of a multigraph's edge, else its "id"
    attribute (the GEXF reader makes a plain DiGraph when no two edges are parallel)."""
    if G.is_multigraph():
        items = G.edges(keys=True, data=True)
    else:
        items = ((u, v, d.get("id"), d) for u, v, d in G.edges(data=True))
    out = {}
    for u, v, k, d in items:
        if k is None or str(k) in out:
            fail(f"edge {u!r} -> {v!r} has no id of its own ({k!r})")
        out[str(k)] = [str(u), str(v), {a: jsonable(x) for a, x in d.items()}]
    return out


def summarise_nx(G, path_pair, dump=False):
    import networkx as nx

    node_ids = sorted(str(n) for n in G.nodes)
    node_attrs = {str(n): {k: jsonable(v) for k, v in d.items()} for n, d in G.nodes(data=True)}
    kinds = collections.Counter()
    for _u, _v, d in G.edges(data=True):
        kind = d.get("kind")
        kinds["null" if kind is None else str(kind)] += 1
    out = {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "node_ids": node_ids,
        "node_attrs": node_attrs,
        "edge_kinds": dict(sorted(kinds.items())),
    }
    if dump:
        out["edge_data"] = edge_data(G)
    if path_pair is not None:
        a, b = path_pair
        for n in (a, b):
            if n not in G:
                fail(f"--path: node {n!r} is not in the graph")
        try:
            out["path_length"] = nx.shortest_path_length(G.to_undirected(), a, b)
        except nx.NetworkXNoPath:
            out["path_length"] = None
    return out


def cmd_graphml(args):
    import networkx as nx

    try:
        G = nx.read_graphml(args.file)
    except Exception as e:  # ParseError, NetworkXError, KeyError ...
        fail(f"networkx.read_graphml rejected {args.file}: {type(e).__name__}: {e}")
    check_xml_structure(args.file, "http://graphml.graphdrawing.org/xmlns")
    out = summarise_nx(G, args.path, args.dump)
    out["networkx_multigraph"] = G.is_multigraph()
    out["networkx_directed"] = G.is_directed()

    import igraph

    try:
        g = igraph.Graph.Read_GraphML(args.file)
    except Exception as e:
        fail(f"igraph.Graph.Read_GraphML rejected {args.file}: {type(e).__name__}: {e}")
    out["igraph_nodes"] = g.vcount()
    out["igraph_edges"] = g.ecount()
    out["igraph_directed"] = g.is_directed()
    # igraph keeps the GraphML node id in the vertex attribute "id". It reads attribute values
    # through libxml2 without entity substitution, and libxml2 then hands back every "&" of an
    # attribute value (not of element text) as "&#38;"; replacing each "&#38;" by "&" undoes
    # exactly that (a literal "&#38;" comes back as "&#38;#38;").
    if "id" not in g.vs.attributes():
        fail("igraph did not expose GraphML node ids (vertex attribute 'id' missing)")
    ig_ids = [str(i).replace("&#38;", "&") for i in g.vs["id"]]
    if sorted(ig_ids) != out["node_ids"]:
        fail("igraph and networkx disagree on the node ids")
    # every value networkx read, igraph read the same
    for v, nid in zip(g.vs, ig_ids):
        for k, x in G.nodes[nid].items():
            if v[k] != x:
                fail(f"node {nid!r}: igraph reads {k} as {v[k]!r}, networkx as {x!r}")
    if "id" in g.es.attributes() and G.is_multigraph():
        by_key = {str(k): d for _u, _v, k, d in G.edges(keys=True, data=True)}
        for e in g.es:
            eid = str(e["id"]).replace("&#38;", "&")
            for k, x in by_key.get(eid, {}).items():
                if e[k] != x:
                    fail(f"edge {eid!r}: igraph reads {k} as {e[k]!r}, networkx as {x!r}")
    if (out["igraph_nodes"], out["igraph_edges"]) != (out["nodes"], out["edges"]):
        fail(
            f"igraph loaded {out['igraph_nodes']} nodes/{out['igraph_edges']} edges, "
            f"networkx {out['nodes']}/{out['edges']}"
        )
    emit(out)


def cmd_gexf(args):
    import networkx as nx
    from networkx.readwrite.gexf import GEXF

    if "1.3" not in GEXF.versions:
        fail(f"networkx {nx.__version__} cannot read GEXF 1.3 (needs networkx >= 2.6)")
    try:
        G = nx.read_gexf(args.file, version="1.3")
    except Exception as e:
        fail(f"networkx.read_gexf(version='1.3') rejected {args.file}: {type(e).__name__}: {e}")
    root = check_xml_structure(args.file, "http://gexf.net/1.3")
    if root.get("version") != "1.3":
        fail(f"<gexf version={root.get('version')!r}>, expected '1.3'")
    out = summarise_nx(G, args.path, args.dump)
    out["networkx_multigraph"] = G.is_multigraph()
    out["networkx_directed"] = G.is_directed()
    emit(out)


# --------------------------------------------------------------------------
# JGF v2
# --------------------------------------------------------------------------


def _no_duplicate_keys(pairs):
    seen = {}
    for k, v in pairs:
        if k in seen:
            fail(f"duplicate JSON object key {k!r} (a JSON reader would silently keep only one)")
        seen[k] = v
    return seen


def _no_constants(name):
    fail(f"non-standard JSON constant {name}")


def load_strict_json(path):
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"{path} is not UTF-8: {e}")
    if text.startswith("\ufeff"):
        fail(f"{path} starts with a byte-order mark")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as e:
        fail(f"{path} is not valid JSON: {e}")


def cmd_jgf(args):
    from importlib.metadata import version

    from jsonschema.validators import validator_for

    schema = json.loads(JGF_SCHEMA.read_text(encoding="utf-8"))
    cls = validator_for(schema)  # draft-07 per the schema's "$schema"
    cls.check_schema(schema)
    doc = load_strict_json(args.file)
    errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        lines = []
        for e in errors[:20]:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            msg = f"fails '{e.validator}' (see below)" if e.context else e.message[:300]
            lines.append(f"  at {where}: {msg}")
            for sub in sorted(e.context or [], key=lambda s: list(s.absolute_path))[:5]:
                swhere = "/".join(str(p) for p in sub.absolute_path) or "(root)"
                lines.append(f"    - {swhere}: {sub.message[:300]}")
        fail(
            f"{args.file} is not valid JGF v2 ({cls.__name__}, jsonschema {version('jsonschema')}); "
            f"{len(errors)} error(s):\n" + "\n".join(lines)
        )
    if "graph" not in doc:
        fail("expected a single {'graph': ...} document, got 'graphs'")
    graph = doc["graph"]
    nodes = graph.get("nodes", {})
    edges = graph.get("edges", [])
    # Beyond the schema: edges must reference declared nodes, edge ids unique.
    for i, e in enumerate(edges):
        for end in ("source", "target"):
            if e[end] not in nodes:
                fail(f"edge #{i} ({e.get('id')}) {end} {e[end]!r} is not a node id")
    edge_ids = [e["id"] for e in edges if "id" in e]
    dup = [k for k, c in collections.Counter(edge_ids).items() if c > 1]
    if dup:
        fail(f"duplicate edge ids: {dup[:10]}")
    out = {"valid": True, "nodes": len(nodes), "edges": len(edges), "node_ids": sorted(nodes)}
    if args.dump:
        out["node_data"] = nodes
        out["edge_data"] = edges
        out["graph_metadata"] = graph.get("metadata")
    emit(out)


# --------------------------------------------------------------------------
# Neo4j admin-import CSV
# --------------------------------------------------------------------------


def rfc4180_records(text: str, name: str):
    """Strict RFC 4180 tokenizer (LF or CRLF record ends).

    A field is either unquoted (no '"', ',', CR or LF inside) or fully quoted
    with embedded quotes doubled. Returns a list of records (lists of str).
    """
    records = []
    i, n = 0, len(text)
    line = 1
    if n == 0:
        return records
    while i < n:
        record = []
        rec_line = line
        while True:
            if i < n and text[i] == '"':
                i += 1
                buf = []
                while True:
                    if i >= n:
                        fail(f"{name}: record starting at line {rec_line}: unterminated quoted field")
                    c = text[i]
                    if c == '"':
                        if i + 1 < n and text[i + 1] == '"':
                            buf.append('"')
                            i += 2
                            continue
                        i += 1
                        break
                    if c == "\n":
                        line += 1
                    buf.append(c)
                    i += 1
                record.append("".join(buf))
            else:
                j = i
                while j < n and text[j] not in ',\r\n"':
                    j += 1
                if j < n and text[j] == '"':
                    fail(f"{name}: line {line}: '\"' inside an unquoted field")
                record.append(text[i:j])
                i = j
            # after a field: ',', record end, or EOF
            if i >= n:
                break
            c = text[i]
            if c == ",":
                i += 1
                continue
            if c == "\r":
                if i + 1 < n and text[i + 1] == "\n":
                    i += 2
                    line += 1
                    break
                fail(f"{name}: line {line}: bare CR outside a quoted field")
            if c == "\n":
                i += 1
                line += 1
                break
            fail(f"{name}: line {line}: unexpected {c!r} after a quoted field")
        records.append(record)
    return records


def read_csv_strict(path: Path):
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        fail(f"{path} does not exist")
    except UnicodeDecodeError as e:
        fail(f"{path} is not UTF-8: {e}")
    if text.startswith("\ufeff"):
        fail(f"{path} starts with a byte-order mark")
    mine = rfc4180_records(text, path.name)
    with open(path, encoding="utf-8", newline="") as f:
        try:
            theirs = list(csv.reader(f, strict=True))
        except csv.Error as e:
            fail(f"{path.name}: python csv (strict=True) rejected it: {e}")
    if mine != theirs:
        for k, (a, b) in enumerate(zip(mine, theirs)):
            if a != b:
                fail(f"{path.name}: record {k}: RFC 4180 reading {a!r} differs from python csv {b!r}")
        fail(f"{path.name}: RFC 4180 reader found {len(mine)} records, python csv {len(theirs)}")
    if not theirs:
        fail(f"{path.name} is empty (no header)")
    header, rows = theirs[0], theirs[1:]
    for k, row in enumerate(rows, start=2):
        if len(row) != len(header):
            fail(f"{path.name}: record {k} has {len(row)} fields, header has {len(header)}: {row[:4]!r}...")
    return header, rows


def split_header(col: str):
    """'name:type' -> (name, type); ':LABEL' -> ('', 'LABEL'); 'name' -> ('name', None)."""
    if ":" in col:
        name, _, typ = col.rpartition(":")
        return name, typ
    return col, None


NEO4J_SCALARS = {
    "int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
    "point", "date", "localtime", "time", "localdatetime", "datetime", "duration",
}


def check_typed_value(fname, rowno, col, typ, value):
    base = typ.split("{")[0]
    is_array = base.endswith("[]")
    base = base[:-2] if is_array else base
    if value == "":
        return
    values = value.split(";") if is_array else [value]
    for v in values:
        if base == "boolean" and v not in ("true", "false"):
            fail(f"{fname}: record {rowno}: column {col!r} holds {v!r}, expected true/false/empty")
        if base in ("int", "long", "short", "byte"):
            try:
                int(v)
            except ValueError:
                fail(f"{fname}: record {rowno}: column {col!r} holds {v!r}, not an integer")
        if base in ("float", "double"):
            try:
                float(v)
            except ValueError:
                fail(f"{fname}: record {rowno}: column {col!r} holds {v!r}, not a number")


def check_header(fname, header):
    dups = [c for c, k in collections.Counter(header).items() if k > 1]
    if dups:
        fail(f"{fname}: duplicate header columns {dups}")
    props = collections.Counter()
    for col in header:
        name, typ = split_header(col)
        if typ is None:
            props[name] += 1
            continue
        base = typ.split("(")[0].split("{")[0]
        if base in ("ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"):
            if base == "ID" and name:
                props[name] += 1
            continue
        scalar = base[:-2] if base.endswith("[]") else base
        if scalar.lower() not in NEO4J_SCALARS:
            fail(f"{fname}: column {col!r} has unknown Neo4j type {typ!r}")
        if not name:
            fail(f"{fname}: column {col!r} has a type but no property name")
        props[name] += 1
    dups = [p for p, k in props.items() if k > 1]
    if dups:
        fail(f"{fname}: property declared twice: {dups}")


def cmd_neo4j(args):
    d = Path(args.dir)
    if not d.is_dir():
        fail(f"{d} is not a directory")
    nh, nrows = read_csv_strict(d / "nodes.csv")
    eh, erows = read_csv_strict(d / "edges.csv")
    check_header("nodes.csv", nh)
    check_header("edges.csv", eh)

    id_cols = [c for c in nh if split_header(c)[1] is not None and split_header(c)[1].split("(")[0] == "ID"]
    if id_cols != ["id:ID"]:
        fail(f"nodes.csv must have exactly one :ID column named 'id:ID', found {id_cols}")
    if nh.count(":LABEL") != 1:
        fail(f"nodes.csv must have one ':LABEL' column, header is {nh}")
    for col in (":START_ID", ":END_ID", ":TYPE"):
        if eh.count(col) != 1:
            fail(f"edges.csv must have one {col!r} column, header is {eh}")

    for fname, header, rows in (("nodes.csv", nh, nrows), ("edges.csv", eh, erows)):
        typed = [(k, c, split_header(c)[1]) for k, c in enumerate(header) if split_header(c)[1]]
        for rowno, row in enumerate(rows, start=2):
            for k, col, typ in typed:
                if typ.split("(")[0] in ("ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"):
                    continue
                check_typed_value(fname, rowno, col, typ, row[k])

    ix_id, ix_label = nh.index("id:ID"), nh.index(":LABEL")
    node_rows = {}
    labels = collections.Counter()
    for rowno, row in enumerate(nrows, start=2):
        nid = row[ix_id]
        if nid == "":
            fail(f"nodes.csv: record {rowno} has an empty id")
        if nid in node_rows:
            fail(f"nodes.csv: duplicate node id {nid!r} (record {rowno})")
        node_rows[nid] = dict(zip(nh, row))
        row_labels = row[ix_label].split(";")
        if any(lab == "" for lab in row_labels):
            fail(f"nodes.csv: record {rowno} ({nid}) has an empty label in {row[ix_label]!r}")
        for lab in row_labels:
            labels[lab] += 1

    ix_s, ix_e, ix_t = eh.index(":START_ID"), eh.index(":END_ID"), eh.index(":TYPE")
    ix_eid = eh.index("id") if "id" in eh else None
    types = collections.Counter()
    seen_eids = set()
    edge_rows = {}
    for rowno, row in enumerate(erows, start=2):
        for ix, what in ((ix_s, ":START_ID"), (ix_e, ":END_ID")):
            if row[ix] not in node_rows:
                fail(f"edges.csv: record {rowno}: {what} {row[ix]!r} is not a node id")
        if row[ix_t] == "":
            fail(f"edges.csv: record {rowno} has an empty :TYPE")
        types[row[ix_t]] += 1
        if ix_eid is not None:
            eid = row[ix_eid]
            if eid in seen_eids:
                fail(f"edges.csv: duplicate edge id {eid!r} (record {rowno})")
            seen_eids.add(eid)
            edge_rows[eid] = dict(zip(eh, row))

    emit(
        {
            "nodes": len(nrows),
            "edges": len(erows),
            "node_ids": sorted(node_rows),
            "labels": dict(sorted(labels.items())),
            "types": dict(sorted(types.items())),
            "node_rows": node_rows,
            "edge_rows": edge_rows,
        }
    )


# --------------------------------------------------------------------------
# graph.json (NetworkX node-link)
# --------------------------------------------------------------------------


def cmd_json(args):
    import networkx as nx

    data = load_strict_json(args.file)
    try:
        G = nx.node_link_graph(data, edges="edges")
    except Exception as e:
        fail(f"networkx.node_link_graph rejected {args.file}: {type(e).__name__}: {e}")
    if not (G.is_directed() and G.is_multigraph()):
        fail("graph.json must load as a directed multigraph")
    if G.number_of_nodes() != len(data["nodes"]) or G.number_of_edges() != len(data["edges"]):
        fail(
            f"networkx holds {G.number_of_nodes()} nodes / {G.number_of_edges()} edges, "
            f"the file {len(data['nodes'])} / {len(data['edges'])}"
        )
    emit(
        {
            "nodes": G.number_of_nodes(),
            "edges": G.number_of_edges(),
            "node_ids": sorted(str(n) for n in G.nodes),
            "node_attrs": {str(n): {k: jsonable(v) for k, v in d.items()} for n, d in G.nodes(data=True)},
            "edge_list": [
                [str(u), str(v), k, {a: jsonable(x) for a, x in d.items()}]
                for u, v, k, d in G.edges(keys=True, data=True)
            ],
            "graph_attrs": {k: jsonable(v) for k, v in G.graph.items()},
        }
    )


# --------------------------------------------------------------------------


def main(argv=None):
    p = argparse.ArgumentParser(prog="check_formats.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    for name in ("graphml", "gexf"):
        s = sub.add_parser(name)
        s.add_argument("file")
        s.add_argument("--path", nargs=2, metavar=("A", "B"), default=None)
        s.add_argument("--dump", action="store_true")
    s = sub.add_parser("jgf")
    s.add_argument("file")
    s.add_argument("--dump", action="store_true")
    sub.add_parser("neo4j").add_argument("dir")
    sub.add_parser("json").add_argument("file")
    args = p.parse_args(argv)
    handlers = {"graphml": cmd_graphml, "gexf": cmd_gexf, "jgf": cmd_jgf, "neo4j": cmd_neo4j, "json": cmd_json}
    handler = handlers[args.cmd]
    try:
        handler(args)
    except CheckError as e:
        sys.stderr.write(f"check_formats: {args.cmd}: {e}\n")
        return 1
    except ImportError as e:
        sys.stderr.write(f"check_formats: {args.cmd}: missing Python package ({e}); run scripts/install-clients\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
