//! Label selectors as kubectl writes them: `app=web,tier!=db,env in (prod,stage),!canary,release`.

use std::collections::BTreeMap;

/// One requirement of a label selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    Eq(String, String),
    NotEq(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    NotExists(String),
}

/// A parsed label selector; all requirements must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelSelector(pub Vec<Requirement>);

/// The selector text could not be parsed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "invalid label selector {text:?}: {why} (examples: app=web, tier!=db, env in (prod,stage), !canary)"
)]
pub struct InvalidSelector {
    pub text: String,
    pub why: String,
}

impl LabelSelector {
    pub fn parse(text: &str) -> Result<Self, InvalidSelector> {
        let fail = |why: &str| InvalidSelector {
            text: text.to_string(),
            why: why.to_string(),
        };
        let mut reqs = Vec::new();
        for term in split_top_level(text) {
            let term = term.trim();
            if term.is_empty() {
                continue;
            }
            let req = if let Some(key) = term.strip_prefix('!') {
                Requirement::NotExists(
                    valid_key(key.trim()).ok_or_else(|| fail("bad key after !"))?,
                )
            } else if let Some((k, v)) = term.split_once("!=") {
                Requirement::NotEq(
                    valid_key(k.trim()).ok_or_else(|| fail("bad key"))?,
                    v.trim().to_string(),
                )
            } else if let Some((k, v)) = term.split_once("==").or_else(|| term.split_once('=')) {
                Requirement::Eq(
                    valid_key(k.trim()).ok_or_else(|| fail("bad key"))?,
                    v.trim().to_string(),
                )
            } else if let Some((k, rest)) = split_set_op(term, " notin ") {
                Requirement::NotIn(
                    valid_key(k).ok_or_else(|| fail("bad key"))?,
                    parse_set(rest).ok_or_else(|| fail("expected (a,b) after notin"))?,
                )
            } else if let Some((k, rest)) = split_set_op(term, " in ") {
                Requirement::In(
                    valid_key(k).ok_or_else(|| fail("bad key"))?,
                    parse_set(rest).ok_or_else(|| fail("expected (a,b) after in"))?,
                )
            } else {
                Requirement::Exists(valid_key(term).ok_or_else(|| fail("bad key"))?)
            };
            reqs.push(req);
        }
        Ok(LabelSelector(reqs))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.0.iter().all(|r| match r {
            Requirement::Eq(k, v) => labels.get(k) == Some(v),
            Requirement::NotEq(k, v) => labels.get(k) != Some(v),
            Requirement::In(k, vs) => labels.get(k).is_some_and(|l| vs.contains(l)),
            Requirement::NotIn(k, vs) => labels.get(k).is_none_or(|l| !vs.contains(l)),
            Requirement::Exists(k) => labels.contains_key(k),
            Requirement::NotExists(k) => !labels.contains_key(k),
        })
    }
}

/// Splits on commas that are not inside parentheses.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

fn split_set_op<'a>(term: &'a str, op: &str) -> Option<(&'a str, &'a str)> {
    term.find(op)
        .map(|i| (term[..i].trim(), term[i + op.len()..].trim()))
}

fn parse_set(rest: &str) -> Option<Vec<String>> {
    let inner = rest.strip_prefix('(')?.strip_suffix(')')?;
    Some(
        inner
            .split(',')
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect(),
    )
}

fn valid_key(k: &str) -> Option<String> {
    let ok = !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    ok.then(|| k.to_string())
}

/// Deterministic `k=v,k2=v2` text of a label map (sorted by key; the original iterated a Go map).
pub fn to_string(labels: &BTreeMap<String, String>) -> String {
    labels
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn matches_all_operators() {
        let l = labels(&[("app", "web"), ("env", "prod"), ("release", "1")]);
        let yes = [
            "app=web",
            "app==web",
            "app!=db",
            "env in (prod, stage)",
            "env notin (dev)",
            "release",
            "!canary",
            "app=web,env in (prod)",
        ];
        for s in yes {
            let sel = LabelSelector::parse(s).unwrap_or_else(|e| panic!("{e}"));
            assert!(sel.matches(&l), "{s} should match");
        }
        let no = [
            "app=db",
            "env in (dev)",
            "!release",
            "canary",
            "app=web,env=dev",
        ];
        for s in no {
            let sel = LabelSelector::parse(s).unwrap_or_else(|e| panic!("{e}"));
            assert!(!sel.matches(&l), "{s} should not match");
        }
    }

    #[test]
    fn rejects_bad_selectors_with_reason() {
        let e = LabelSelector::parse("env in prod").err();
        assert!(e.is_some());
        assert!(LabelSelector::parse("=x").is_err());
        assert!(
            LabelSelector::parse("")
                .map(|s| s.is_empty())
                .unwrap_or(false)
        );
    }

    #[test]
    fn selector_string_is_sorted() {
        assert_eq!(to_string(&labels(&[("b", "2"), ("a", "1")])), "a=1,b=2");
    }
}
