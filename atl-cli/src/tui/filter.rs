//! The `/` filter: k9s syntax plus kubetui column terms.
//!
//! Whitespace separates terms and every term must match (AND). A term is a case-insensitive
//! regular expression matched against any column; `COL:re` matches only the column whose header
//! starts with `COL` (case-insensitive); a leading `!` inverts the term. A term that is not a valid
//! regular expression is matched as literal text, so typing never fails half-way.

use regex::{Regex, RegexBuilder};

#[derive(Debug, Clone)]
struct Term {
    /// Column index, or any column.
    column: Option<usize>,
    re: Regex,
    invert: bool,
}

/// A parsed filter; the empty filter matches everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    text: String,
    terms: Vec<Term>,
    /// Terms that were taken literally because they were not valid regexes.
    pub literal_fallbacks: usize,
}

impl Filter {
    /// Parses `text` against the table's column names.
    pub fn parse(text: &str, columns: &[&str]) -> Filter {
        let mut literal_fallbacks = 0;
        let terms = text
            .split_whitespace()
            .filter_map(|raw| {
                let (invert, rest) = match raw.strip_prefix('!') {
                    Some(r) => (true, r),
                    None => (false, raw),
                };
                let (column, pattern) = split_column(rest, columns);
                if pattern.is_empty() {
                    return None;
                }
                let re = match build(pattern) {
                    Some(re) => re,
                    None => {
                        literal_fallbacks += 1;
                        build(&regex::escape(pattern))?
                    }
                };
                Some(Term { column, re, invert })
            })
            .collect();
        Filter {
            text: text.to_string(),
            terms,
            literal_fallbacks,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether a row passes; `cell(i)` gives the text of column `i`, `n` is the column count.
    pub fn matches<'a>(&self, n: usize, cell: impl Fn(usize) -> std::borrow::Cow<'a, str>) -> bool {
        self.terms.iter().all(|t| {
            let hit = match t.column {
                Some(c) => t.re.is_match(&cell(c)),
                None => (0..n).any(|c| t.re.is_match(&cell(c))),
            };
            hit != t.invert
        })
    }
}

fn build(pattern: &str) -> Option<Regex> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 20)
        .build()
        .ok()
}

/// `COL:re` when `COL` is a prefix of exactly one column name (or equals one); otherwise the
/// whole term is a pattern (so `http://x` or `a:b` still work as plain text).
fn split_column<'a>(term: &'a str, columns: &[&str]) -> (Option<usize>, &'a str) {
    let Some((col, pattern)) = term.split_once(':') else {
        return (None, term);
    };
    if col.is_empty() {
        return (None, term);
    }
    let col_l = col.to_ascii_lowercase();
    if let Some(i) = columns.iter().position(|c| c.eq_ignore_ascii_case(col)) {
        return (Some(i), pattern);
    }
    let prefixed: Vec<usize> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.to_ascii_lowercase().starts_with(&col_l))
        .map(|(i, _)| i)
        .collect();
    match prefixed.as_slice() {
        [i] => (Some(*i), pattern),
        _ => (None, term),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    const COLS: [&str; 3] = ["NAME", "STATUS", "NODE"];

    fn row<'a>(r: &'a [&'a str; 3]) -> impl Fn(usize) -> Cow<'a, str> {
        move |i| Cow::Borrowed(r[i])
    }

    #[test]
    fn terms_columns_and_inversion() {
        let a = ["api-1", "Running", "node-1"];
        let b = ["web-2", "CrashLoopBackOff", "node-2"];
        let f = Filter::parse("status:crash", &COLS);
        assert!(!f.matches(3, row(&a)) && f.matches(3, row(&b)));
        let f = Filter::parse("!crash", &COLS);
        assert!(f.matches(3, row(&a)) && !f.matches(3, row(&b)));
        let f = Filter::parse("NODE:^node-2$ web", &COLS);
        assert!(!f.matches(3, row(&a)) && f.matches(3, row(&b)));
        // "N" is ambiguous (NAME, NODE): the term is plain text, which matches nothing here.
        let f = Filter::parse("n:api", &COLS);
        assert!(!f.matches(3, row(&a)));
    }

    #[test]
    fn invalid_regex_is_literal() {
        let f = Filter::parse("api-(", &COLS);
        assert_eq!(f.literal_fallbacks, 1);
        assert!(f.matches(3, row(&["api-(1", "x", "y"])));
        assert!(!f.matches(3, row(&["api-1", "x", "y"])));
        assert!(Filter::parse("  ", &COLS).is_empty());
    }
}
