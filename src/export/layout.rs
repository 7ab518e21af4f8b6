//! # Layout: where the html viewer draws each node
//!
//! Computed once, at export time, so the page never runs a layout: a spring layout
//! (ForceAtlas2-like) of each connected component, then the components packed in rows,
//! largest first. The work is bounded: far nodes repel as one body (Barnes–Hut over a quadtree,
//! rebuilt each round), and every component gets a fixed number of rounds, so a layout costs
//! about `rounds × (nodes × log nodes + edges)`, the repulsion on all cores.
//!
//! Deterministic: a node starts at a point drawn from the hash of its id (not from a clock or a
//! thread), each node's force is summed in an order fixed by the tree (whatever thread sums it),
//! links are visited in the graph's order, and only `+ - × ÷`
//! and `sqrt` are used (correctly rounded on every IEEE 754 machine), so the same graph gives the
//! same positions, written as whole pixels.

use crate::graph::KnowledgeGraph;

/// Pixels per unit: a component's median link length.
const SCALE: f64 = 90.0;
/// Space a node keeps free around its drawn radius, in pixels: room for its label.
const LABEL_MARGIN: f64 = 12.0;
/// Rounds of [`separate`].
const SEPARATE_ROUNDS: usize = 40;
/// Space left between packed components, in units.
const GAP: f64 = 1.5;
/// The pull of a node of mass 1 toward its component's centre.
const GRAVITY: f64 = 1.0;

/// The positions of a graph's nodes, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// One `[x, y]` per node, in the order of `g.graph.node_indices()` (the order of graph.json's
    /// `nodes`); whole numbers, `0 <= x <= width`, `0 <= y <= height`.
    pub positions: Vec<[f64; 2]>,
    pub width: f64,
    pub height: f64,
}

/// Lay out `g` (see the module doc).
pub fn layout(g: &KnowledgeGraph) -> Layout {
    let order: Vec<_> = g.graph.node_indices().collect();
    let n = order.len();
    let bound = order.iter().map(|ix| ix.index() + 1).max().unwrap_or(0);
    let mut slot = vec![usize::MAX; bound];
    for (i, ix) in order.iter().enumerate() {
        slot[ix.index()] = i;
    }
    // the undirected simple graph: one pair per linked couple, no self-loops
    let mut pairs: Vec<(u32, u32)> = g
        .graph
        .edge_indices()
        .filter_map(|e| g.graph.edge_endpoints(e))
        .map(|(a, b)| (slot[a.index()] as u32, slot[b.index()] as u32))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let adjacency = Adjacency::new(n, &pairs);
    let seeds: Vec<u64> = order.iter().map(|&ix| fnv1a(g.graph[ix].id.as_bytes())).collect();
    // the room a node needs, in units: its drawn radius (the viewer draws a node
    // 18 + min(26, 4 √edges) px wide, a call 18 px) and a margin for its label
    let mut edges_at = vec![0usize; n];
    for (a, b) in g.graph.edge_indices().filter_map(|e| g.graph.edge_endpoints(e)) {
        edges_at[slot[a.index()]] += 1;
        if a != b {
            edges_at[slot[b.index()]] += 1;
        }
    }
    let room: Vec<f64> = order
        .iter()
        .zip(&edges_at)
        .map(|(&ix, &k)| {
            let px = if g.graph[ix].kind == crate::graph::NodeKind::Call {
                18.0
            } else {
                18.0 + (4.0 * (k as f64).sqrt()).min(26.0)
            };
            (px / 2.0 + LABEL_MARGIN) / SCALE
        })
        .collect();

    // components, each laid out on its own
    let mut placed: Vec<Component> = components(&adjacency)
        .into_iter()
        .map(|nodes| {
            let mut pos = spring(&nodes, &adjacency, &seeds);
            let radius: Vec<f64> = nodes.iter().map(|&v| room[v as usize]).collect();
            separate(&mut pos, &radius);
            Component::new(nodes, pos)
        })
        .collect();
    // largest first; among equals, the one holding the earliest node
    placed.sort_by(|a, b| b.nodes.len().cmp(&a.nodes.len()).then(a.nodes[0].cmp(&b.nodes[0])));
    pack(n, &placed)
}

/// Compressed adjacency lists of the undirected graph.
struct Adjacency {
    start: Vec<usize>,
    next: Vec<u32>,
}

impl Adjacency {
    fn new(n: usize, pairs: &[(u32, u32)]) -> Self {
        let mut degree = vec![0usize; n + 1];
        for &(a, b) in pairs {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut start = vec![0usize; n + 1];
        for i in 0..n {
            start[i + 1] = start[i] + degree[i];
        }
        let mut fill = start.clone();
        let mut next = vec![0u32; start[n]];
        for &(a, b) in pairs {
            next[fill[a as usize]] = b;
            fill[a as usize] += 1;
            next[fill[b as usize]] = a;
            fill[b as usize] += 1;
        }
        Adjacency { start, next }
    }

    fn of(&self, i: usize) -> &[u32] {
        &self.next[self.start[i]..self.start[i + 1]]
    }
}

/// The connected components, each a list of nodes in the order a breadth-first search from its
/// lowest node reaches them.
fn components(adj: &Adjacency) -> Vec<Vec<u32>> {
    let n = adj.start.len() - 1;
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    for first in 0..n {
        if seen[first] {
            continue;
        }
        seen[first] = true;
        let mut nodes = vec![first as u32];
        let mut at = 0;
        while at < nodes.len() {
            for &m in adj.of(nodes[at] as usize) {
                if !seen[m as usize] {
                    seen[m as usize] = true;
                    nodes.push(m);
                }
            }
            at += 1;
        }
        out.push(nodes);
    }
    out
}

/// FNV-1a of some bytes: a node's seed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// splitmix64: two numbers in [0, 1) from a seed.
fn unit_pair(seed: u64) -> (f64, f64) {
    let mix = |mut z: u64| {
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let a = mix(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
    let b = mix(a.wrapping_add(0x9e37_79b9_7f4a_7c15));
    ((a >> 11) as f64 / (1u64 << 53) as f64, (b >> 11) as f64 / (1u64 << 53) as f64)
}

/// How many rounds a component of `n` nodes gets: small ones settle fully, large ones are
/// bounded in time.
fn rounds(n: usize) -> usize {
    match n {
        0..=2 => 0,
        3..=200 => 400,
        201..=2000 => 200,
        _ => 80,
    }
}

/// Barnes–Hut: a cell seen from further than its side divided by this is taken as one body.
const THETA: f64 = 0.9;
/// Points per leaf of the quadtree.
const LEAF: usize = 8;

/// A quadtree over positions, for the repulsion of far nodes as one body (Barnes–Hut).
struct QuadTree {
    cells: Vec<Cell>,
    /// Node numbers, each leaf's a range of them.
    order: Vec<u32>,
}

struct Cell {
    /// Centre of mass and the number of nodes.
    com: [f64; 2],
    mass: f64,
    /// The side of the cell's square.
    side: f64,
    /// Children (cell numbers; `u32::MAX` for none), or for a leaf its range of `order`.
    children: [u32; 4],
    leaf: Option<(u32, u32)>,
}

impl QuadTree {
    fn new(pos: &[[f64; 2]], mass: &[f64]) -> Self {
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for p in pos {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let side = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-9);
        let mut t = QuadTree { cells: Vec::new(), order: (0..pos.len() as u32).collect() };
        let n = pos.len();
        t.build(pos, mass, 0, n, lo, side, 0);
        t
    }

    /// The cell of `order[from..to]` in the square at `corner` with `side`; its number.
    #[allow(clippy::too_many_arguments)]
    fn build(
        &mut self,
        pos: &[[f64; 2]],
        masses: &[f64],
        from: usize,
        to: usize,
        corner: [f64; 2],
        side: f64,
        depth: u32,
    ) -> u32 {
        let id = self.cells.len() as u32;
        let (mut com, mut mass) = ([0.0, 0.0], 0.0);
        for &v in &self.order[from..to] {
            let m = masses[v as usize];
            com[0] += m * pos[v as usize][0];
            com[1] += m * pos[v as usize][1];
            mass += m;
        }
        com = [com[0] / mass, com[1] / mass];
        self.cells.push(Cell { com, mass, side, children: [u32::MAX; 4], leaf: None });
        if to - from <= LEAF || depth >= 40 {
            self.cells[id as usize].leaf = Some((from as u32, to as u32));
            return id;
        }
        let half = side / 2.0;
        let (mx, my) = (corner[0] + half, corner[1] + half);
        // partition by y, then each half by x: quadrants 0 (low x, low y), 1, 2, 3
        let split = |order: &mut [u32], k: usize, at: f64| -> usize {
            let mut i = 0;
            for j in 0..order.len() {
                if pos[order[j] as usize][k] < at {
                    order.swap(i, j);
                    i += 1;
                }
            }
            i
        };
        let ymid = from + split(&mut self.order[from..to], 1, my);
        let x_low = from + split(&mut self.order[from..ymid], 0, mx);
        let x_high = ymid + split(&mut self.order[ymid..to], 0, mx);
        let parts = [
            (from, x_low, [corner[0], corner[1]]),
            (x_low, ymid, [mx, corner[1]]),
            (ymid, x_high, [corner[0], my]),
            (x_high, to, [mx, my]),
        ];
        for (q, (a, b, c)) in parts.into_iter().enumerate() {
            if b > a {
                let child = self.build(pos, masses, a, b, c, half, depth + 1);
                self.cells[id as usize].children[q] = child;
            }
        }
        id
    }

    /// The repulsion `m_i m_j / d` on node `i` from every other node `j`, per unit of `m_i`.
    fn push(&self, pos: &[[f64; 2]], mass: &[f64], i: usize, stack: &mut Vec<u32>) -> [f64; 2] {
        let p = pos[i];
        let mut f = [0.0, 0.0];
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c as usize];
            if let Some((a, b)) = cell.leaf {
                for &j in &self.order[a as usize..b as usize] {
                    let j = j as usize;
                    if j != i {
                        let (dx, dy, d2) = apart(p, pos[j], i < j);
                        f[0] += mass[j] * dx / d2;
                        f[1] += mass[j] * dy / d2;
                    }
                }
                continue;
            }
            let dx = p[0] - cell.com[0];
            let dy = p[1] - cell.com[1];
            let d2 = dx * dx + dy * dy;
            if cell.side * cell.side < THETA * THETA * d2 {
                f[0] += cell.mass * dx / d2;
                f[1] += cell.mass * dy / d2;
            } else {
                stack.extend(cell.children.iter().copied().filter(|&k| k != u32::MAX));
            }
        }
        f
    }
}

/// The vector from `q` to `p` and its squared length; two nodes at one point are parted along a
/// fixed direction (`first`: which of the two `p` is).
fn apart(p: [f64; 2], q: [f64; 2], first: bool) -> (f64, f64, f64) {
    let (dx, dy) = (p[0] - q[0], p[1] - q[1]);
    let d2 = dx * dx + dy * dy;
    if d2 > 1e-12 {
        return (dx, dy, d2);
    }
    let (dx, dy) = if first { (0.01, 0.007) } else { (-0.01, -0.007) };
    (dx, dy, dx * dx + dy * dy)
}

/// A ForceAtlas2-like spring layout of one component (Jacomy et al. 2014): a node's mass is its
/// degree + 1; repulsion `m_i m_j / d` between all nodes (Barnes–Hut, on all cores: each node's
/// force is a sum in an order fixed by the tree, so the result does not depend on the thread
/// count), attraction `d` along links, gravity `m_i` toward the centre; each step is capped by
/// a temperature that cools linearly. Hubs push each other apart and keep their leaves around
/// them, which suits graphs of a few busy people. Positions in the order of `nodes`.
fn spring(nodes: &[u32], adj: &Adjacency, seeds: &[u64]) -> Vec<[f64; 2]> {
    use rayon::prelude::*;
    let n = nodes.len();
    if n == 1 {
        return vec![[0.0, 0.0]];
    }
    if n == 2 {
        return vec![[0.0, 0.0], [1.0, 0.0]];
    }
    // local numbering
    let mut local = rustc_hash::FxHashMap::default();
    for (i, &v) in nodes.iter().enumerate() {
        local.insert(v, i as u32);
    }
    let links: Vec<(usize, usize)> = nodes
        .iter()
        .enumerate()
        .flat_map(|(i, &v)| adj.of(v as usize).iter().map(move |m| (i, *m)))
        .filter_map(|(i, m)| local.get(&m).map(|&j| (i, j as usize)))
        .filter(|&(i, j)| i < j)
        .collect();
    let mass: Vec<f64> = nodes.iter().map(|&v| adj.of(v as usize).len() as f64 + 1.0).collect();
    let total_mass: f64 = mass.iter().sum();
    let side = total_mass.sqrt() * 1.5;
    let mut pos: Vec<[f64; 2]> = nodes
        .iter()
        .map(|&v| {
            let (a, b) = unit_pair(seeds[v as usize]);
            [(a - 0.5) * side, (b - 0.5) * side]
        })
        .collect();
    let total = rounds(n);
    let mut disp = vec![[0.0f64; 2]; n];
    for round in 0..total {
        let temperature = side * 0.1 * (1.0 - round as f64 / total as f64) + 0.02;
        let tree = QuadTree::new(&pos, &mass);
        disp.par_iter_mut().enumerate().for_each_init(Vec::new, |stack, (i, d)| {
            let f = tree.push(&pos, &mass, i, stack);
            *d = [f[0] * mass[i], f[1] * mass[i]];
        });
        // attraction d along each link
        for &(i, j) in &links {
            let dx = pos[i][0] - pos[j][0];
            let dy = pos[i][1] - pos[j][1];
            disp[i][0] -= dx;
            disp[i][1] -= dy;
            disp[j][0] += dx;
            disp[j][1] += dy;
        }
        for ((p, d), m) in pos.iter_mut().zip(&disp).zip(&mass) {
            // gravity: m toward the centre
            let r = (p[0] * p[0] + p[1] * p[1]).sqrt().max(1e-9);
            let fx = d[0] - GRAVITY * m * p[0] / r;
            let fy = d[1] - GRAVITY * m * p[1] / r;
            let len = (fx * fx + fy * fy).sqrt();
            if len > 0.0 {
                // a heavy node moves less (ForceAtlas2's speed per node)
                let step = (len / m).min(temperature);
                p[0] += fx / len * step;
                p[1] += fy / len * step;
            }
        }
    }
    // in units of the median link length, so that every component is drawn at one scale
    let mut lengths: Vec<f64> = links
        .iter()
        .map(|&(i, j)| {
            let (dx, dy) = (pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]);
            (dx * dx + dy * dy).sqrt()
        })
        .collect();
    lengths.sort_unstable_by(f64::total_cmp);
    let median = lengths.get(lengths.len() / 2).copied().filter(|&m| m > 1e-9 && m.is_finite()).unwrap_or(1.0);
    for p in &mut pos {
        p[0] /= median;
        p[1] /= median;
    }
    pos
}

/// Push apart the nodes of a laid out component that overlap: two nodes closer than the sum of
/// their `radius` are moved apart, each half the overlap, over a few rounds (a grid of cells as
/// wide as the largest reach finds the close pairs). Deterministic: the pairs are visited in a
/// fixed order and the moves of a round are applied together.
fn separate(pos: &mut [[f64; 2]], radius: &[f64]) {
    let n = pos.len();
    if n < 2 {
        return;
    }
    let reach = 2.0 * radius.iter().copied().fold(0.0, f64::max);
    if reach <= 0.0 {
        return;
    }
    let mut head: Vec<u32> = Vec::new();
    let mut next = vec![u32::MAX; n];
    let mut cell_of = vec![(0usize, 0usize); n];
    let mut moves = vec![[0.0f64; 2]; n];
    // a large component gets fewer rounds: its overlaps are seen in neighbourhood views only
    let rounds = if n > 2000 { SEPARATE_ROUNDS / 2 } else { SEPARATE_ROUNDS };
    for _ in 0..rounds {
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for p in pos.iter() {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        // cells of side `reach`, at most about 4n of them (wider when the component is sparse)
        let area = (hi[0] - lo[0]).max(reach) * (hi[1] - lo[1]).max(reach);
        let cell = reach.max((area / (4.0 * n as f64)).sqrt());
        let gw = ((hi[0] - lo[0]) / cell) as usize + 1;
        let gh = ((hi[1] - lo[1]) / cell) as usize + 1;
        head.clear();
        head.resize(gw * gh, u32::MAX);
        for i in (0..n).rev() {
            let cx = (((pos[i][0] - lo[0]) / cell) as usize).min(gw - 1);
            let cy = (((pos[i][1] - lo[1]) / cell) as usize).min(gh - 1);
            cell_of[i] = (cx, cy);
            next[i] = head[cy * gw + cx];
            head[cy * gw + cx] = i as u32;
        }
        for m in moves.iter_mut() {
            *m = [0.0, 0.0];
        }
        let mut any = false;
        for i in 0..n {
            let (cx, cy) = cell_of[i];
            for y in cy.saturating_sub(1)..=(cy + 1).min(gh - 1) {
                for x in cx.saturating_sub(1)..=(cx + 1).min(gw - 1) {
                    let mut j = head[y * gw + x];
                    while j != u32::MAX {
                        let ju = j as usize;
                        if ju > i {
                            let (dx, dy, d2) = apart(pos[i], pos[ju], true);
                            let want = radius[i] + radius[ju];
                            if d2 < want * want {
                                let d = d2.sqrt();
                                let push = (want - d) / 2.0 / d;
                                moves[i][0] += dx * push;
                                moves[i][1] += dy * push;
                                moves[ju][0] -= dx * push;
                                moves[ju][1] -= dy * push;
                                any = true;
                            }
                        }
                        j = next[ju];
                    }
                }
            }
        }
        if !any {
            break;
        }
        for (p, m) in pos.iter_mut().zip(&moves) {
            p[0] += m[0];
            p[1] += m[1];
        }
    }
}

/// A laid out component: its nodes and their positions, moved so that the box starts at 0.
struct Component {
    nodes: Vec<u32>,
    pos: Vec<[f64; 2]>,
    size: [f64; 2],
}

impl Component {
    fn new(nodes: Vec<u32>, mut pos: Vec<[f64; 2]>) -> Self {
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for p in &mut pos {
            for k in 0..2 {
                if !p[k].is_finite() {
                    p[k] = 0.0;
                }
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        for p in &mut pos {
            p[0] -= lo[0];
            p[1] -= lo[1];
        }
        Component { nodes, pos, size: [hi[0] - lo[0], hi[1] - lo[1]] }
    }
}

/// The components in rows (shelves) of about the width that makes the whole picture square.
fn pack(n: usize, comps: &[Component]) -> Layout {
    let area: f64 = comps.iter().map(|c| (c.size[0] + GAP) * (c.size[1] + GAP)).sum();
    let widest = comps.iter().map(|c| c.size[0]).fold(0.0, f64::max);
    let row_width = (area.sqrt() * 1.2).max(widest);
    let mut positions = vec![[0.0, 0.0]; n];
    let (mut x, mut y, mut row_height, mut width) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for c in comps {
        if x > 0.0 && x + c.size[0] > row_width {
            y += row_height + GAP;
            x = 0.0;
            row_height = 0.0;
        }
        for (&v, p) in c.nodes.iter().zip(&c.pos) {
            positions[v as usize] = [((x + p[0]) * SCALE).round(), ((y + p[1]) * SCALE).round()];
        }
        width = width.max(x + c.size[0]);
        row_height = row_height.max(c.size[1]);
        x += c.size[0] + GAP;
    }
    let height = if comps.is_empty() { 0.0 } else { y + row_height };
    Layout { positions, width: (width * SCALE).round(), height: (height * SCALE).round() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> KnowledgeGraph {
        let (docs, _) =
            crate::input::read(&[std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")]).expect("seeds");
        crate::build_graph(&docs, crate::rules::Rules::builtin())
    }

    #[test]
    fn positions_are_finite_whole_pixels_inside_the_box() {
        for g in [demo(), KnowledgeGraph::default()] {
            let l = layout(&g);
            assert_eq!(l.positions.len(), g.graph.node_count());
            assert!(l.width.is_finite() && l.height.is_finite());
            // the box is about square and grows with the square root of the node count
            let n = g.graph.node_count() as f64;
            assert!(l.width <= SCALE * (8.0 * n.sqrt() + 10.0), "{}", l.width);
            for p in &l.positions {
                assert!(p.iter().all(|c| c.is_finite() && c.fract() == 0.0), "{p:?}");
                assert!((0.0..=l.width).contains(&p[0]) && (0.0..=l.height).contains(&p[1]), "{p:?}");
            }
        }
    }

    #[test]
    fn linked_nodes_sit_closer_than_unlinked_ones() {
        let g = demo();
        let l = layout(&g);
        let slot: std::collections::HashMap<_, _> = g.graph.node_indices().enumerate().map(|(i, ix)| (ix, i)).collect();
        let dist = |a: usize, b: usize| {
            let (p, q) = (l.positions[a], l.positions[b]);
            ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt()
        };
        let linked: Vec<f64> = g
            .graph
            .edge_indices()
            .filter_map(|e| g.graph.edge_endpoints(e))
            .filter(|(a, b)| a != b)
            .map(|(a, b)| dist(slot[&a], slot[&b]))
            .collect();
        let mean_linked = linked.iter().sum::<f64>() / linked.len() as f64;
        let n = l.positions.len();
        let all: Vec<f64> = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).map(|(a, b)| dist(a, b)).collect();
        let mean_all = all.iter().sum::<f64>() / all.len() as f64;
        assert!(mean_linked * 3.0 < mean_all, "linked {mean_linked:.0} px, any two {mean_all:.0} px");
        // no two nodes on one spot
        let mut spots: Vec<_> = l.positions.iter().map(|p| (p[0] as i64, p[1] as i64)).collect();
        spots.sort_unstable();
        spots.dedup();
        assert_eq!(spots.len(), n);
    }

    #[test]
    fn the_same_graph_gives_the_same_layout() {
        let (a, b) = (layout(&demo()), layout(&demo()));
        assert_eq!(a, b);
    }
}
