//! Terraform laid out the way `terraform fmt` lays it out.
//!
//! Templates switch attributes on and off, so no hand alignment survives
//! every design: the rendered file is re-laid here instead. Two rules of
//! HashiCorp's formatter: two spaces of indentation per open bracket, and the
//! `=` of single-line attributes on consecutive lines aligned one column
//! after the longest name (a line that opens a multi-line value, a comment
//! line or a blank line ends such a run). Only whitespace at the start of a
//! line and before an aligned `=` changes; heredoc bodies are left alone.
//! `tools/validate/hclfmt.py` checks the result independently.

/// One line as the formatter sees it.
struct Line<'a> {
    /// The text without its indentation.
    text: &'a str,
    /// Net change in open brackets (outside strings and comments).
    net: i32,
    /// Byte offset in `text` of the `=` that assigns a single-line value.
    assign: Option<usize>,
    /// Inside a heredoc: copied as it is.
    verbatim: bool,
}

/// Lays `source` out as `terraform fmt` would (indentation and alignment).
pub fn layout(source: &str) -> String {
    let lines = classify(source);
    let mut indents: Vec<i32> = Vec::new();
    let mut indented: Vec<(usize, &Line)> = Vec::with_capacity(lines.len());
    for line in &lines {
        if line.verbatim || line.text.is_empty() {
            indented.push((0, line));
            continue;
        }
        if line.net < 0 {
            let mut closed = -line.net;
            while closed > 0 {
                let Some(top) = indents.last_mut() else { break };
                if closed >= *top {
                    closed -= *top;
                    indents.pop();
                } else {
                    *top -= closed;
                    closed = 0;
                }
            }
        }
        indented.push((2 * indents.len(), line));
        if line.net > 0 {
            indents.push(line.net);
        }
    }

    let mut out = String::with_capacity(source.len() + 64);
    let mut run: Vec<(usize, &Line)> = Vec::new();
    let flush = |run: &mut Vec<(usize, &Line)>, out: &mut String| {
        let width = run
            .iter()
            .filter_map(|(indent, l)| l.assign.map(|a| indent + l.text[..a].trim_end().len()))
            .max()
            .unwrap_or(0);
        for (indent, l) in run.drain(..) {
            let Some(at) = l.assign else { continue };
            let name = l.text[..at].trim_end();
            out.push_str(&" ".repeat(indent));
            out.push_str(name);
            out.push_str(&" ".repeat(width + 1 - indent - name.len()));
            out.push('=');
            let value = l.text[at + 1..].trim_start();
            if !value.is_empty() {
                out.push(' ');
                out.push_str(value);
            }
            out.push('\n');
        }
    };
    for (indent, line) in indented {
        if line.assign.is_some() && !line.verbatim {
            run.push((indent, line));
            continue;
        }
        flush(&mut run, &mut out);
        if !line.verbatim && !line.text.is_empty() {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(line.text);
        out.push('\n');
    }
    flush(&mut run, &mut out);
    if !source.ends_with('\n') {
        out.pop();
    }
    out
}

fn classify(source: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut heredoc: Option<String> = None;
    for raw in source.lines() {
        if let Some(end) = &heredoc {
            if raw.trim() == end {
                heredoc = None;
            }
            out.push(Line {
                text: raw,
                net: 0,
                assign: None,
                verbatim: true,
            });
            continue;
        }
        let text = raw.trim();
        let (net, assign) = scan(text);
        let opens = heredoc_marker(text);
        out.push(Line {
            text,
            net,
            assign: if opens.is_some() { None } else { assign },
            verbatim: false,
        });
        heredoc = opens;
    }
    out
}

/// The terminator of a heredoc the line opens (`<<EOT`, `<<-EOT`).
fn heredoc_marker(text: &str) -> Option<String> {
    let at = text.rfind("<<")?;
    let marker = text[at + 2..].trim_start_matches('-');
    (!marker.is_empty() && marker.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .then(|| marker.to_owned())
}

/// Net bracket change of a line, and where its first `=` is when the
/// brackets after it close on the same line (hclwrite's "assign" cell).
fn scan(text: &str) -> (i32, Option<usize>) {
    let bytes = text.as_bytes();
    let (mut net, mut at_assign) = (0i32, None::<(usize, i32)>);
    // Open strings (`"`), interpolations (`$`) and brackets, innermost last.
    let mut open: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if open.last() == Some(&b'"') {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    open.pop();
                }
                b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                    open.push(b'$');
                    net += 1;
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => open.push(b'"'),
            b'#' => break,
            b'/' if bytes.get(i + 1) == Some(&b'/') => break,
            b'{' | b'[' | b'(' => {
                open.push(c);
                net += 1;
            }
            b'}' | b']' | b')' => {
                open.pop();
                net -= 1;
            }
            b'=' if at_assign.is_none()
                && open.is_empty()
                && i > 0
                && !matches!(bytes[i - 1], b'=' | b'!' | b'<' | b'>')
                && !matches!(bytes.get(i + 1), Some(b'=') | Some(b'>')) =>
            {
                at_assign = Some((i, net));
            }
            _ => {}
        }
        i += 1;
    }
    let assign = at_assign.and_then(|(at, before)| (net == before).then_some(at));
    (net, assign)
}

#[cfg(test)]
mod tests {
    use super::layout;

    #[test]
    fn consecutive_single_line_attributes_align_their_equals() {
        let source = "x {\n  a = 1\n  long_name = 2\n}\n";
        assert_eq!(layout(source), "x {\n  a         = 1\n  long_name = 2\n}\n");
    }

    #[test]
    fn a_comment_a_blank_line_or_a_multi_line_value_ends_the_run() {
        let source = "a = 1\n# note\nlonger = 2\n\nb = 3\ntags = {\n  k = \"v\"\n}\nlong = 4\n";
        assert_eq!(
            layout(source),
            "a = 1\n# note\nlonger = 2\n\nb = 3\ntags = {\n  k = \"v\"\n}\nlong = 4\n"
        );
    }

    #[test]
    fn indentation_follows_the_brackets_not_the_template() {
        let source =
            "module \"m\" {\n      list = [\n  \"a\",\n        ]\n    inner {\nx = 1\n }\n}\n";
        assert_eq!(
            layout(source),
            "module \"m\" {\n  list = [\n    \"a\",\n  ]\n  inner {\n    x = 1\n  }\n}\n"
        );
    }

    #[test]
    fn brackets_and_equals_inside_strings_count_for_nothing() {
        let source = "a = \"{x = [\"\nbb = \"${var.y}\"\n";
        assert_eq!(layout(source), "a  = \"{x = [\"\nbb = \"${var.y}\"\n");
    }

    #[test]
    fn an_object_value_on_one_line_aligns_with_its_neighbours() {
        let source = "  vpc-cni = { before_compute = true }\n  eks-pod-identity-agent = {}\n";
        assert_eq!(
            layout(source),
            "vpc-cni                = { before_compute = true }\neks-pod-identity-agent = {}\n"
        );
    }

    #[test]
    fn heredoc_bodies_are_left_as_written() {
        let source = "x = <<-EOT\n   keep   = this\nEOT\ny = 1\n";
        assert_eq!(layout(source), source);
    }
}
