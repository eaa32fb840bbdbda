//! Suggestions for undefined terms: a defined term that looks the same (letters from other scripts
//! that look Latin, different case) or is one or two edits away.

use super::context::Context;

/// Maps letters that look like Latin ones (Greek, Cyrillic) to those Latin letters.
fn skeleton(term: &str) -> String {
    term.chars()
        .map(|c| match c {
            'Α' | 'А' => 'A',
            'Β' | 'В' => 'B',
            'Ε' | 'Е' => 'E',
            'Η' | 'Н' => 'H',
            'Ι' | 'І' | 'Ӏ' => 'I',
            'Κ' | 'К' => 'K',
            'Μ' | 'М' => 'M',
            'Ν' => 'N',
            'Ο' | 'О' => 'O',
            'Ρ' | 'Р' => 'P',
            'Τ' | 'Т' => 'T',
            'Χ' | 'Х' => 'X',
            'Υ' | 'У' => 'Y',
            'Ζ' => 'Z',
            'ο' | 'о' => 'o',
            'а' => 'a',
            'е' => 'e',
            'р' => 'p',
            'с' => 'c',
            'х' => 'x',
            'і' => 'i',
            other => other,
        })
        .collect()
}

/// The Levenshtein distance of `a` and `b`, or anything above `bound` once it is sure to exceed it.
fn edit_distance(a: &[char], b: &[char], bound: usize) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current[j + 1] = (previous[j] + cost)
                .min(previous[j + 1] + 1)
                .min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > bound {
            return bound + 1;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The defined term most like `term`, if one is close.
pub(crate) fn similar_term(ctx: &Context, term: &str) -> Option<String> {
    let look = skeleton(term);
    let look_chars: Vec<char> = look.chars().collect();
    let mut candidate_chars: Vec<char> = Vec::new();
    let mut best: Option<(usize, &String)> = None;
    for candidate in ctx.terms.keys() {
        if candidate == term {
            continue;
        }
        let score = if *candidate == look {
            0
        } else if candidate.eq_ignore_ascii_case(&look) {
            1
        } else {
            if candidate.len().abs_diff(look.len()) > 2 {
                continue;
            }
            candidate_chars.clear();
            candidate_chars.extend(candidate.chars());
            let d = edit_distance(&candidate_chars, &look_chars, 2);
            if d > 2 || d * 4 > term.chars().count() {
                continue;
            }
            d + 1
        };
        if best.is_none_or(|(s, c)| score < s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c.clone())
}
