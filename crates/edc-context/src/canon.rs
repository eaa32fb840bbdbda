//! RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024), with SHA-256 or SHA-384 and a
//! bound on the work, so that a poison dataset is refused instead of running for ever.

use crate::rdf::{write_quad, Dataset, Quad, Term};
use sha2::{Digest, Sha256, Sha384};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The hash function RDFC-1.0 uses (SHA-256 unless a suite says otherwise, e.g. P-384 suites).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// SHA-256.
    #[default]
    Sha256,
    /// SHA-384.
    Sha384,
}

impl HashAlgorithm {
    /// The lowercase hex digest of `data`.
    pub fn hex_digest(self, data: &[u8]) -> String {
        match self {
            HashAlgorithm::Sha256 => hex(&Sha256::digest(data)),
            HashAlgorithm::Sha384 => hex(&Sha384::digest(data)),
        }
    }

    /// The hex digest of the concatenation of `parts`, without concatenating them.
    pub fn hex_digest_parts<'a>(self, parts: impl IntoIterator<Item = &'a [u8]>) -> String {
        match self {
            HashAlgorithm::Sha256 => {
                let mut hasher = Sha256::new();
                parts.into_iter().for_each(|p| hasher.update(p));
                hex(&hasher.finalize())
            }
            HashAlgorithm::Sha384 => {
                let mut hasher = Sha384::new();
                parts.into_iter().for_each(|p| hasher.update(p));
                hex(&hasher.finalize())
            }
        }
    }

    /// The raw digest of `data`.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            HashAlgorithm::Sha256 => Sha256::digest(data).to_vec(),
            HashAlgorithm::Sha384 => Sha384::digest(data).to_vec(),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Options for canonicalization.
#[derive(Debug, Clone, Copy)]
#[must_use]
pub struct CanonOptions {
    /// The hash function.
    pub hash: HashAlgorithm,
    /// The most steps of the Hash N-Degree Quads algorithm allowed per blank node of the input
    /// (at least 200 000, at most [`MAX_CANON_WORK`] in all, whatever the input's size). A step
    /// is a quad hashed or a blank node identifier copied: a call costs the quads that mention
    /// its node, a permutation tried the nodes it orders and the identifiers issued so far.
    /// Ordinary credentials need none or a handful; poison graphs need factorially many.
    pub work_factor: usize,
}

impl Default for CanonOptions {
    fn default() -> Self {
        CanonOptions {
            hash: HashAlgorithm::Sha256,
            work_factor: 1000,
        }
    }
}

impl CanonOptions {
    /// Uses `hash` instead of SHA-256.
    pub fn with_hash(mut self, hash: HashAlgorithm) -> Self {
        self.hash = hash;
        self
    }
}

/// The most deep-hashing steps one canonicalization may take, however large the input (about a
/// second of work): a large document cannot buy itself a larger budget.
pub const MAX_CANON_WORK: usize = 2_000_000;

/// The fewest steps any input is allowed (the W3C suite's hardest legitimate graphs, twelve
/// blank nodes in symmetric cycles, need 26 028).
const MIN_CANON_WORK: usize = 200_000;

/// Canonicalization gave up: the dataset needs more work than allowed (a poison graph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkLimitExceeded {
    /// How many blank nodes the input had.
    pub blank_nodes: usize,
    /// How many Hash N-Degree Quads calls were allowed.
    pub limit: usize,
}

impl fmt::Display for WorkLimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "canonicalization refused: the dataset's {} blank nodes need more than {} deep hashing steps \
             (a poison graph, or raise the work factor)",
            self.blank_nodes, self.limit
        )
    }
}

impl std::error::Error for WorkLimitExceeded {}

/// The result: canonical N-Quads and the blank node relabelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    /// The canonical N-Quads document (sorted lines, each ending in `\n`).
    pub nquads: String,
    /// Input blank node label → canonical label (`c14n0`, …).
    pub issued: BTreeMap<String, String>,
}

/// Canonicalizes a dataset with RDFC-1.0.
pub fn canonicalize(
    dataset: &Dataset,
    options: CanonOptions,
) -> Result<Canonical, WorkLimitExceeded> {
    let mut state = State::new(dataset, options);
    state.run()?;
    let issued = state.canonical.map.clone();
    let rename = |label: &str| issued.get(label).cloned();
    // All lines in one buffer, sorted as slices: one allocation instead of one per quad.
    let literal_bytes: usize = dataset
        .quads
        .iter()
        .map(|q| match &q.object {
            Term::Literal(l) => l.value.len(),
            _ => 0,
        })
        .sum();
    let mut buffer = String::with_capacity(dataset.quads.len() * 160 + literal_bytes);
    let mut spans = Vec::with_capacity(dataset.quads.len());
    for quad in &dataset.quads {
        let start = buffer.len();
        write_quad(&mut buffer, quad, &rename);
        buffer.push('\n');
        spans.push(start..buffer.len());
    }
    let mut lines: Vec<&str> = spans.into_iter().map(|span| &buffer[span]).collect();
    lines.sort_unstable();
    lines.dedup();
    Ok(Canonical {
        nquads: lines.concat(),
        issued,
    })
}

/// An identifier issuer: hands out `prefix0`, `prefix1`, … in order.
#[derive(Debug, Clone)]
struct Issuer {
    prefix: &'static str,
    map: BTreeMap<String, String>,
    order: Vec<String>,
}

impl Issuer {
    fn new(prefix: &'static str) -> Self {
        Issuer {
            prefix,
            map: BTreeMap::new(),
            order: Vec::new(),
        }
    }

    fn issue(&mut self, existing: &str) -> String {
        if let Some(id) = self.map.get(existing) {
            return id.clone();
        }
        let id = format!("{}{}", self.prefix, self.order.len());
        self.map.insert(existing.to_string(), id.clone());
        self.order.push(existing.to_string());
        id
    }

    fn get(&self, existing: &str) -> Option<&String> {
        self.map.get(existing)
    }
}

struct State<'a> {
    quads: &'a [Quad],
    /// Blank node → indices of the quads that mention it.
    mentions: HashMap<&'a str, Vec<usize>>,
    first_degree: HashMap<&'a str, String>,
    canonical: Issuer,
    options: CanonOptions,
    calls_left: usize,
    limit: usize,
}

fn blank_labels(quad: &Quad) -> impl Iterator<Item = &str> {
    [Some(&quad.subject), Some(&quad.object), quad.graph.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(Term::blank_label)
}

impl<'a> State<'a> {
    fn new(dataset: &'a Dataset, options: CanonOptions) -> Self {
        let mut mentions: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, quad) in dataset.quads.iter().enumerate() {
            for label in blank_labels(quad) {
                let list = mentions.entry(label).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        let limit = mentions
            .len()
            .saturating_mul(options.work_factor)
            .clamp(MIN_CANON_WORK, MAX_CANON_WORK);
        State {
            quads: &dataset.quads,
            mentions,
            first_degree: HashMap::new(),
            canonical: Issuer::new("c14n"),
            options,
            calls_left: limit,
            limit,
        }
    }

    /// Counts `steps` of deep hashing against the bound.
    fn spend(&mut self, steps: usize) -> Result<(), WorkLimitExceeded> {
        if self.calls_left < steps {
            self.calls_left = 0;
            return Err(WorkLimitExceeded {
                blank_nodes: self.mentions.len(),
                limit: self.limit,
            });
        }
        self.calls_left -= steps;
        Ok(())
    }

    fn hash(&self, data: &str) -> String {
        self.options.hash.hex_digest(data.as_bytes())
    }

    fn run(&mut self) -> Result<(), WorkLimitExceeded> {
        let mut labels: Vec<&str> = self.mentions.keys().copied().collect();
        labels.sort_unstable();
        let mut by_hash: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for &label in &labels {
            let h = self.hash_first_degree(label);
            self.first_degree.insert(label, h.clone());
            by_hash.entry(h).or_default().push(label);
        }
        // Unique first-degree hashes get their canonical identifiers in hash order.
        let mut shared = Vec::new();
        for (hash, nodes) in by_hash {
            if nodes.len() == 1 {
                self.canonical.issue(nodes[0]);
            } else {
                shared.push((hash, nodes));
            }
        }
        for (_, nodes) in shared {
            let mut results = Vec::new();
            for node in nodes {
                if self.canonical.get(node).is_some() {
                    continue;
                }
                let mut temporary = Issuer::new("b");
                temporary.issue(node);
                results.push(self.hash_n_degree(node, temporary)?);
            }
            results.sort_by(|a, b| a.0.cmp(&b.0));
            for (_, issuer) in results {
                for existing in &issuer.order {
                    self.canonical.issue(existing);
                }
            }
        }
        Ok(())
    }

    fn hash_first_degree(&self, reference: &str) -> String {
        let rename = |label: &str| {
            Some(if label == reference {
                "a".into()
            } else {
                "z".into()
            })
        };
        let mut lines: Vec<String> = self.mentions[reference]
            .iter()
            .map(|&i| {
                let mut s = String::new();
                write_quad(&mut s, &self.quads[i], &rename);
                s.push('\n');
                s
            })
            .collect();
        lines.sort();
        // Hashed line by line: no copy of the (possibly image-sized) lines into one string.
        self.options
            .hash
            .hex_digest_parts(lines.iter().map(String::as_bytes))
    }

    fn hash_related(&self, related: &str, quad: &Quad, issuer: &Issuer, position: char) -> String {
        let mut input = String::new();
        input.push(position);
        if position != 'g' {
            input.push('<');
            input.push_str(&quad.predicate);
            input.push('>');
        }
        if let Some(id) = self.canonical.get(related).or_else(|| issuer.get(related)) {
            input.push_str("_:");
            input.push_str(id);
        } else {
            input.push_str(&self.first_degree[related]);
        }
        self.hash(&input)
    }

    fn hash_n_degree(
        &mut self,
        identifier: &str,
        mut issuer: Issuer,
    ) -> Result<(String, Issuer), WorkLimitExceeded> {
        self.spend(1 + self.mentions[identifier].len())?;
        let mut related_by_hash: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for &i in &self.mentions[identifier] {
            let quad = &self.quads[i];
            let components = [
                (Some(&quad.subject), 's'),
                (Some(&quad.object), 'o'),
                (quad.graph.as_ref(), 'g'),
            ];
            for (term, position) in components {
                if let Some(Term::Blank(label)) = term {
                    if &**label != identifier {
                        let h = self.hash_related(label, quad, &issuer, position);
                        related_by_hash
                            .entry(h)
                            .or_default()
                            .push(label.to_string());
                    }
                }
            }
        }
        let mut data = String::new();
        for (related_hash, nodes) in related_by_hash {
            data.push_str(&related_hash);
            let mut chosen_path = String::new();
            let mut chosen_issuer: Option<Issuer> = None;
            for permutation in permutations(&nodes) {
                self.spend(1 + nodes.len() + issuer.order.len())?;
                let mut issuer_copy = issuer.clone();
                let mut path = String::new();
                let mut recursion = Vec::new();
                let mut skip = false;
                for related in &permutation {
                    if let Some(id) = self.canonical.get(related) {
                        path.push_str("_:");
                        path.push_str(id);
                    } else {
                        if issuer_copy.get(related).is_none() {
                            recursion.push(related.clone());
                        }
                        path.push_str("_:");
                        path.push_str(&issuer_copy.issue(related));
                    }
                    if worse_than_chosen(&path, &chosen_path) {
                        skip = true;
                        break;
                    }
                }
                if skip {
                    continue;
                }
                for related in recursion {
                    let (hash, result_issuer) =
                        self.hash_n_degree(&related, issuer_copy.clone())?;
                    path.push_str("_:");
                    path.push_str(&issuer_copy.issue(&related));
                    path.push('<');
                    path.push_str(&hash);
                    path.push('>');
                    issuer_copy = result_issuer;
                    if worse_than_chosen(&path, &chosen_path) {
                        skip = true;
                        break;
                    }
                }
                if skip {
                    continue;
                }
                if chosen_path.is_empty() || path < chosen_path {
                    chosen_path = path;
                    chosen_issuer = Some(issuer_copy);
                }
            }
            data.push_str(&chosen_path);
            if let Some(chosen) = chosen_issuer {
                issuer = chosen;
            }
        }
        Ok((self.hash(&data), issuer))
    }
}

/// All orderings of `items`, one at a time (Heap's algorithm).
struct Permutations {
    items: Vec<String>,
    c: Vec<usize>,
    i: usize,
    first: bool,
}

fn permutations(items: &[String]) -> Permutations {
    Permutations {
        items: items.to_vec(),
        c: vec![0; items.len()],
        i: 0,
        first: true,
    }
}

impl Iterator for Permutations {
    type Item = Vec<String>;

    fn next(&mut self) -> Option<Vec<String>> {
        if self.first {
            self.first = false;
            return Some(self.items.clone());
        }
        let n = self.items.len();
        while self.i < n {
            if self.c[self.i] < self.i {
                if self.i % 2 == 0 {
                    self.items.swap(0, self.i);
                } else {
                    self.items.swap(self.c[self.i], self.i);
                }
                self.c[self.i] += 1;
                self.i = 0;
                return Some(self.items.clone());
            }
            self.c[self.i] = 0;
            self.i += 1;
        }
        None
    }
}

/// RDFC-1.0 4.8.3 step 5.4.4.3 and 5.4.5.5: a candidate path that is already longer, and
/// later in code-point order, than the chosen one cannot win; stop building it.
fn worse_than_chosen(path: &str, chosen: &str) -> bool {
    !chosen.is_empty() && path.len() >= chosen.len() && path > chosen
}
