//! kubectl-style column tables: left-aligned, three spaces between columns, no borders.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
}

impl Tone {
    fn ansi(self) -> Option<&'static str> {
        match self {
            Tone::Plain => None,
            Tone::Good => Some("\x1b[32m"),
            Tone::Warn => Some("\x1b[33m"),
            Tone::Bad => Some("\x1b[31m"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub tone: Tone,
}

impl<T: Into<String>> From<T> for Cell {
    fn from(t: T) -> Self {
        Cell {
            text: t.into(),
            tone: Tone::Plain,
        }
    }
}

impl Cell {
    pub fn toned(text: impl Into<String>, tone: Tone) -> Self {
        Cell {
            text: text.into(),
            tone,
        }
    }
}

#[derive(Debug, Default, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy)]
pub struct RenderOpts {
    /// Terminal width; `None` when piped, in which case nothing is truncated.
    pub width: Option<usize>,
    pub headers: bool,
    pub color: bool,
}

const GAP: usize = 3;
const MIN_COL: usize = 6;

impl Table {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Self {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Inserts a column at `idx` in the header and every row.
    pub fn insert_column(&mut self, idx: usize, header: &str, values: Vec<String>) {
        self.headers
            .insert(idx.min(self.headers.len()), header.to_string());
        for (row, v) in self.rows.iter_mut().zip(values) {
            row.insert(idx.min(row.len()), Cell::from(v));
        }
    }

    pub fn render(&self, opts: RenderOpts) -> String {
        let ncol = self.headers.len();
        let mut widths: Vec<usize> = vec![0; ncol];
        let measure = |widths: &mut Vec<usize>, cells: &mut dyn Iterator<Item = &str>| {
            for (i, t) in cells.enumerate().take(ncol) {
                widths[i] = widths[i].max(t.chars().count());
            }
        };
        if opts.headers {
            measure(&mut widths, &mut self.headers.iter().map(String::as_str));
        }
        for row in &self.rows {
            measure(&mut widths, &mut row.iter().map(|c| c.text.as_str()));
        }
        if let Some(max) = opts.width {
            fit(&mut widths, max);
        }
        let mut out = String::new();
        if opts.headers && ncol > 0 {
            let cells: Vec<Cell> = self
                .headers
                .iter()
                .map(|h| Cell::from(h.as_str()))
                .collect();
            write_row(&mut out, &cells, &widths, false);
        }
        for row in &self.rows {
            write_row(&mut out, row, &widths, opts.color);
        }
        out
    }
}

/// Shrinks the widest columns until the row fits `max` (each column keeps at least MIN_COL).
fn fit(widths: &mut [usize], max: usize) {
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * w.len().saturating_sub(1);
    while total(widths) > max {
        let Some((i, &w)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            return;
        };
        if w <= MIN_COL {
            return;
        }
        widths[i] = w - 1;
    }
}

fn write_row(out: &mut String, cells: &[Cell], widths: &[usize], color: bool) {
    let last = widths.len().saturating_sub(1);
    for (i, w) in widths.iter().enumerate() {
        let cell = cells.get(i);
        let text = cell.map(|c| c.text.as_str()).unwrap_or("");
        let shown = truncate(text, *w);
        let len = shown.chars().count();
        match cell.and_then(|c| c.tone.ansi()).filter(|_| color) {
            Some(code) => {
                out.push_str(code);
                out.push_str(&shown);
                out.push_str("\x1b[0m");
            }
            None => out.push_str(&shown),
        }
        if i != last {
            out.extend(std::iter::repeat_n(' ', w - len + GAP));
        }
    }
    out.push('\n');
}

fn truncate(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        return s.to_string();
    }
    let mut t: String = s.chars().take(w.saturating_sub(1)).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(["NAME", "STATUS", "AGE"]);
        t.push(vec![
            "web-0".into(),
            Cell::toned("Running", Tone::Good),
            "5s".into(),
        ]);
        t.push(vec![
            "a-much-longer-pod-name".into(),
            Cell::toned("CrashLoopBackOff", Tone::Bad),
            "2d4h".into(),
        ]);
        t
    }

    #[test]
    fn aligned_like_kubectl() {
        let s = sample().render(RenderOpts {
            width: None,
            headers: true,
            color: false,
        });
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "NAME                     STATUS             AGE");
        assert_eq!(lines[1], "web-0                    Running            5s");
        assert_eq!(lines[2], "a-much-longer-pod-name   CrashLoopBackOff   2d4h");
    }

    #[test]
    fn no_headers_and_no_escapes_without_color() {
        let s = sample().render(RenderOpts {
            width: None,
            headers: false,
            color: false,
        });
        assert!(!s.contains("NAME"));
        assert!(!s.contains('\x1b'));
    }

    #[test]
    fn color_only_when_asked() {
        let s = sample().render(RenderOpts {
            width: None,
            headers: true,
            color: true,
        });
        assert!(s.contains("\x1b[31mCrashLoopBackOff\x1b[0m"));
    }

    #[test]
    fn fits_terminal_width() {
        let s = sample().render(RenderOpts {
            width: Some(30),
            headers: true,
            color: false,
        });
        for l in s.lines() {
            assert!(l.chars().count() <= 30, "{l:?}");
        }
        assert!(s.contains('…'));
    }
}
