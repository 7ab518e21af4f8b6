//! # The html viewer: one self-contained page
//!
//! One file a browser opens with no network at all: the page's markup, its stylesheet
//! (`assets/viewer.css`), Cytoscape.js (`assets/cytoscape.min.js`, the npm package's build, MIT,
//! licence beside it) and the viewer (`assets/viewer.js`) inline, and two data blocks:
//!
//! * `<script type="application/json" id="graph">`: the graph.json document, byte for byte what
//!   [`json::write`] writes (so every field graph.json gains reaches the page), except that `</`
//!   is written `<\/` and `<!--` is written `\u003c!--`. Both are JSON escapes of the same text, and
//!   with them no string in the data can end the script element (`</script>`) or put the HTML
//!   parser in its "escaped" script state (`<!--` then `<script>`), where `</script>` no longer ends it.
//! * `<script type="application/json" id="layout">`: `{"width", "height", "positions"}`, the node
//!   positions of [`layout::layout`] as a flat list `[x0, y0, x1, y1, ...]` in the order of the
//!   graph's `nodes`: the page never computes a layout.
//!
//! A Content-Security-Policy meta tag (`default-src 'none'`) forbids the page any request, so
//! a future change that fetches something fails loudly in the browser tests. Pure and
//! deterministic like every writer: a graph in, the same bytes out.

use super::{json, layout};
use crate::graph::KnowledgeGraph;

/// Cytoscape.js 3.34.4 (`tests/clients/node_modules/cytoscape/dist/cytoscape.min.js`).
pub const CYTOSCAPE_JS: &str = include_str!("assets/cytoscape.min.js");
/// The viewer: search, filters, side panel (no external URL, a unit test checks).
pub const VIEWER_JS: &str = include_str!("assets/viewer.js");
pub const VIEWER_CSS: &str = include_str!("assets/viewer.css");

/// The page's markup up to the stylesheet.
const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; \
style-src 'unsafe-inline'; img-src data: blob:\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>switchboard graph</title>\n<style>\n";

/// The page's markup from the end of the stylesheet to the data.
const BODY: &str = r#"</style>
</head>
<body>
<header id="bar">
  <div id="find">
    <input id="search" type="search" placeholder="Search names and aliases" autocomplete="off" spellcheck="false" aria-label="Search names and aliases">
    <ul id="results" hidden></ul>
  </div>
  <fieldset id="kinds"><legend>Edges</legend></fieldset>
  <fieldset id="dates"><legend>Dates</legend>
    <label>from <input id="since" type="date"></label>
    <label>to <input id="until" type="date"></label>
  </fieldset>
  <div id="view"><button id="show-all" type="button" hidden>Show all</button></div>
  <div id="status" role="status">loading…</div>
</header>
<main>
  <div id="cy"></div>
  <aside id="panel"><p class="hint">Click a node for its profile, an edge for its evidence.</p></aside>
  <div id="legend"></div>
</main>
<script type="application/json" id="graph">"#;

/// Write `json` (a JSON document) into `out` so that it cannot end or confuse the `<script>`
/// element it sits in: `</` becomes `<\/`, `<!--` becomes `\u003c!--`. `<` only occurs inside
/// JSON strings, where both are escapes of the same characters.
pub fn push_script_safe(out: &mut Vec<u8>, json: &[u8]) {
    let mut from = 0;
    for at in memchr::memchr_iter(b'<', json) {
        let rest = &json[at..];
        if rest.starts_with(b"</") {
            out.extend_from_slice(&json[from..at]);
            out.extend_from_slice(b"<\\/");
            from = at + 2;
        } else if rest.starts_with(b"<!--") {
            out.extend_from_slice(&json[from..at]);
            out.extend_from_slice(b"\\u003c!--");
            from = at + 4;
        }
    }
    out.extend_from_slice(&json[from..]);
}

/// The layout as the page reads it: `{"width": W, "height": H, "positions": [x0, y0, ...]}`.
fn layout_json(l: &layout::Layout) -> String {
    let mut s = String::with_capacity(16 + l.positions.len() * 12);
    let mut num = itoa::Buffer::new();
    s.push_str("{\"width\": ");
    s.push_str(num.format(l.width as i64));
    s.push_str(", \"height\": ");
    s.push_str(num.format(l.height as i64));
    s.push_str(", \"positions\": [");
    for (i, p) in l.positions.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(num.format(p[0] as i64));
        s.push(',');
        s.push_str(num.format(p[1] as i64));
    }
    s.push_str("]}");
    s
}

/// The page, as bytes.
pub fn to_bytes(g: &KnowledgeGraph) -> Vec<u8> {
    // the layout (one thread) beside graph.json (rendered on the others)
    let (doc, layout_text) = rayon::join(
        || {
            let mut doc = Vec::new();
            // writing into a Vec cannot fail
            let _ = json::write(g, &mut doc);
            doc
        },
        || layout_json(&layout::layout(g)),
    );
    let mut out = Vec::with_capacity(doc.len() + CYTOSCAPE_JS.len() + VIEWER_JS.len() + layout_text.len() + 8192);
    out.extend_from_slice(HEAD.as_bytes());
    out.extend_from_slice(VIEWER_CSS.as_bytes());
    out.extend_from_slice(BODY.as_bytes());
    push_script_safe(&mut out, &doc);
    out.extend_from_slice(b"</script>\n<script type=\"application/json\" id=\"layout\">");
    push_script_safe(&mut out, layout_text.as_bytes());
    out.extend_from_slice(b"</script>\n<script>\n");
    out.extend_from_slice(CYTOSCAPE_JS.as_bytes());
    out.extend_from_slice(b"\n</script>\n<script>\n");
    out.extend_from_slice(VIEWER_JS.as_bytes());
    out.extend_from_slice(b"\n</script>\n</body>\n</html>\n");
    out
}

/// [`to_bytes`] as text (the page is UTF-8).
pub fn to_string(g: &KnowledgeGraph) -> String {
    String::from_utf8(to_bytes(g)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(text: &str) -> KnowledgeGraph {
        let docs = vec![crate::input::Document { name: "a.txt".into(), text: text.into(), meta: Default::default() }];
        crate::build_graph(&docs, crate::rules::Rules::builtin())
    }

    fn demo() -> KnowledgeGraph {
        let (docs, _) =
            crate::input::read(&[std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")]).expect("seeds");
        crate::build_graph(&docs, crate::rules::Rules::builtin())
    }

    /// The text of the element `<script type="application/json" id="{id}">`, as an HTML parser
    /// ends it: at the first `</script` (ASCII case-insensitive).
    fn script_text<'a>(page: &'a str, id: &str) -> &'a str {
        let open = format!("<script type=\"application/json\" id=\"{id}\">");
        let start = page.find(&open).expect("the data block") + open.len();
        let end = page[start..].to_ascii_lowercase().find("</script").expect("its end") + start;
        &page[start..end]
    }

    #[test]
    fn the_same_graph_gives_the_same_bytes() {
        let g = demo();
        let a = to_bytes(&g);
        assert!(a == to_bytes(&demo()), "two exports differ");
        assert!(a == to_bytes(&g));
    }

    /// The data block holds graph.json, whatever its strings say: a quote with `</script>`,
    /// `<!--` and `<script>` ends neither the block nor the page, and reads back as written.
    #[test]
    fn a_quote_with_script_tags_cannot_break_out_of_the_data() {
        let hostile = "<!--<script>alert(1)</script></SCRIPT ><\u{2f}script>";
        let g = graph(&format!("\"{hostile} we keep talking,\" Defense Secretary Jane Roe told Ivan Petrov."));
        let quoted = g.graph.edge_weights().filter_map(|e| e.quote.as_deref()).any(|q| q.contains("</script>"));
        assert!(quoted, "the test graph has the hostile quote");
        let page = to_string(&g);
        let data = script_text(&page, "graph");
        assert!(!data.to_ascii_lowercase().contains("</script") && !data.contains("<!--"));
        let read: serde_json::Value = serde_json::from_str(data).expect("the block is JSON");
        let want: serde_json::Value = serde_json::from_str(&json::to_string(&g)).expect("graph.json");
        assert_eq!(read, want, "the block is graph.json");
        // the page goes on after the block: layout, Cytoscape, the viewer
        assert!(page.ends_with("</script>\n</body>\n</html>\n"));
        let outside = page.replacen(data, "", 1);
        assert_eq!(outside.matches("<script").count(), 4, "only the page's own four script elements");
        assert_eq!(outside.matches("</script>").count(), 4);
    }

    #[test]
    fn script_safe_escapes_only_what_ends_or_confuses_a_script() {
        let mut out = Vec::new();
        push_script_safe(&mut out, br#"{"a": "x</y <!-- <b> <"}"#);
        assert_eq!(String::from_utf8(out).expect("utf-8"), r#"{"a": "x<\/y \u003c!-- <b> <"}"#);
    }

    #[test]
    fn the_data_is_graph_json_and_the_layout_fits_it() {
        let g = demo();
        let page = to_string(&g);
        let data = script_text(&page, "graph");
        assert_eq!(data.replace("<\\/", "</").replace("\\u003c!--", "<!--"), json::to_string(&g));
        let l: serde_json::Value = serde_json::from_str(script_text(&page, "layout")).expect("layout JSON");
        let positions = l["positions"].as_array().expect("positions");
        assert_eq!(positions.len(), 2 * g.graph.node_count());
        let (w, h) = (l["width"].as_f64().expect("width"), l["height"].as_f64().expect("height"));
        for (i, p) in positions.iter().enumerate() {
            let v = p.as_f64().expect("a number");
            assert!(v.is_finite() && v >= 0.0 && v <= if i % 2 == 0 { w } else { h }, "{v}");
        }
    }

    /// Nothing the page is made of asks for a URL: the viewer's script and stylesheet name none,
    /// and the only URLs in the page outside the data are the licence links in Cytoscape's
    /// comments and strings.
    #[test]
    fn the_page_references_no_external_url() {
        for (name, text) in [("viewer.js", VIEWER_JS), ("viewer.css", VIEWER_CSS), ("markup", BODY), ("head", HEAD)] {
            for scheme in ["http://", "https://", "//cdn", "url(", "@import", "fetch(", "XMLHttpRequest", "src="] {
                assert!(!text.contains(scheme), "{name} holds {scheme:?}");
            }
        }
        let page = to_string(&demo());
        let data = script_text(&page, "graph");
        let outside = page.replace(data, "");
        let urls: std::collections::BTreeSet<&str> = outside
            .match_indices("http")
            .filter_map(|(i, _)| outside[i..].split(['"', '\'', ' ', ')', '\n']).next())
            .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
            .collect();
        let known = [
            "http://en.wikipedia.org/wiki/MIT_License",
            "http://engelschall.com",
            "http://opensource.org/licenses/MIT",
        ];
        assert!(urls.iter().all(|u| known.contains(u)), "{urls:?}");
    }
}
