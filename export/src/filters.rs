//! Quoting filters: the only way user text enters a generated file.
//!
//! `yaml` writes a double-quoted YAML scalar (a JSON string, which every YAML
//! 1.1 and 1.2 parser reads the same way), `hcl` a Terraform string with
//! template sequences escaped, `md` text safe inside a Markdown line. Numbers
//! and booleans pass through `yaml` and `hcl` unquoted.

use std::collections::HashMap;

use tera::{Result, Value};

/// A value as a YAML flow scalar that no text can break out of.
pub fn yaml_scalar(value: &Value) -> String {
    match value {
        Value::String(text) => json_string(text),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// A value as an HCL expression: strings quoted with `${` and `%{` escaped.
pub fn hcl_scalar(value: &Value) -> String {
    match value {
        Value::String(text) => json_string(text).replace("${", "$${").replace("%{", "%%{"),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(hcl_scalar).collect::<Vec<_>>().join(", ")
        ),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// Text safe inside one Markdown line or table cell.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// A whole document as block YAML that every YAML 1.1 and 1.2 reader and
/// yamllint's defaults accept: a document start, indented sequences, every
/// string double-quoted (so `off` stays a string for YAML 1.1 readers).
pub fn yaml_document(value: &Value) -> String {
    let mut out = String::from("---\n");
    match value {
        Value::Object(map) if !map.is_empty() => emit_map(map, 0, &mut out),
        other => {
            out.push_str(&yaml_scalar(other));
            out.push('\n');
        }
    }
    out
}

/// A mapping as block YAML indented by `indent` spaces, without a trailing
/// newline, for values a template nests inside a document.
pub fn yaml_block_text(value: &Value, indent: usize) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => emit_map(map, indent, &mut out),
        other => {
            out.push_str(&" ".repeat(indent));
            out.push_str(&yaml_scalar(other));
        }
    }
    out.trim_end_matches('\n').to_owned()
}

fn yaml_key(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        && !matches!(
            key,
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        )
    {
        key.to_owned()
    } else {
        json_string(key)
    }
}

fn emit_value_after_key(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            emit_map(map, indent + 2, out);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            emit_seq(items, indent + 2, out);
        }
        Value::Object(_) => out.push_str(" {}\n"),
        Value::Array(_) => out.push_str(" []\n"),
        scalar => {
            out.push(' ');
            out.push_str(&yaml_scalar(scalar));
            out.push('\n');
        }
    }
}

fn emit_map(map: &serde_json::Map<String, Value>, indent: usize, out: &mut String) {
    for (key, value) in map {
        out.push_str(&" ".repeat(indent));
        out.push_str(&yaml_key(key));
        out.push(':');
        emit_value_after_key(value, indent, out);
    }
}

fn emit_seq(items: &[Value], indent: usize, out: &mut String) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match item {
            Value::Object(map) if !map.is_empty() => {
                // The first key sits on the dash's line, the rest align with it.
                for (i, (key, value)) in map.iter().enumerate() {
                    out.push_str(&" ".repeat(if i == 0 { 1 } else { indent + 2 }));
                    out.push_str(&yaml_key(key));
                    out.push(':');
                    emit_value_after_key(value, indent + 2, out);
                }
            }
            // After the dash, anything else reads as it would after a key.
            other => emit_value_after_key(other, indent, out),
        }
    }
}

fn json_string(text: &str) -> String {
    // Serialising a string cannot fail; the fallback keeps the document valid anyway.
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

pub fn yaml(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(Value::String(yaml_scalar(value)))
}

pub fn hcl(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    Ok(Value::String(hcl_scalar(value)))
}

pub fn md(value: &Value, _: &HashMap<String, Value>) -> Result<Value> {
    let text = match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    Ok(Value::String(markdown_inline(&text)))
}

/// `{{ map | yaml_block(indent=N) }}`: a mapping as block YAML.
pub fn yaml_block(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let indent = args.get("indent").and_then(Value::as_u64).unwrap_or(0);
    Ok(Value::String(yaml_block_text(
        value,
        usize::try_from(indent).unwrap_or(0),
    )))
}

/// Prose as a folded block scalar (`>-`) wrapped at about 72 columns, its
/// lines indented by `indent` spaces, so long sentences stay within the
/// line-length limit the repository's own YAML lint applies. Text a folded
/// scalar cannot carry exactly (line breaks, runs of spaces, control
/// characters, leading or trailing blanks) falls back to a quoted string.
pub fn yaml_prose_text(text: &str, indent: usize) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.contains("  ")
        && !text.chars().any(|c| c.is_control() || c == '\u{feff}');
    if !plain {
        return json_string(text);
    }
    let pad = " ".repeat(indent);
    let mut out = String::from(">-");
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > 72 {
            out.push('\n');
            out.push_str(&pad);
            out.push_str(&line);
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push('\n');
    out.push_str(&pad);
    out.push_str(&line);
    out
}

/// `{{ text | yaml_prose(indent=N) }}`: see [`yaml_prose_text`].
pub fn yaml_prose(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let indent = args.get("indent").and_then(Value::as_u64).unwrap_or(2);
    let text = match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    Ok(Value::String(yaml_prose_text(
        &text,
        usize::try_from(indent).unwrap_or(2),
    )))
}

/// Indents every line but the first by `width` spaces (for macros placed
/// at a nesting depth).
pub fn indent(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let width = args.get("width").and_then(Value::as_u64).unwrap_or(2) as usize;
    let pad = " ".repeat(width);
    let text = value.as_str().unwrap_or_default();
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(line);
    }
    Ok(Value::String(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_quotes_strings_and_keeps_numbers() {
        assert_eq!(yaml_scalar(&Value::from("a: b # c")), r#""a: b # c""#);
        assert_eq!(yaml_scalar(&Value::from("line\n---\n")), r#""line\n---\n""#);
        assert_eq!(yaml_scalar(&Value::from(3)), "3");
        assert_eq!(yaml_scalar(&Value::from(true)), "true");
    }

    #[test]
    fn documents_quote_strings_and_indent_sequences() {
        let doc = yaml_document(&serde_json::json!({
            "mtls": "off",
            "list": [{"a": 1, "b": ["x"]}, "y"],
            "empty": [],
            "on": true
        }));
        assert_eq!(
            doc,
            "---\nempty: []\nlist:\n  - a: 1\n    b:\n      - \"x\"\n  - \"y\"\nmtls: \"off\"\n\"on\": true\n"
        );
    }

    #[test]
    fn hcl_escapes_template_sequences() {
        assert_eq!(
            hcl_scalar(&Value::from("${var.x} %{if}")),
            r#""$${var.x} %%{if}""#
        );
        assert_eq!(
            hcl_scalar(&serde_json::json!(["a", "b\"c"])),
            r#"["a", "b\"c"]"#
        );
    }

    #[test]
    fn prose_folds_long_text_and_reads_back_the_same() {
        let text = "word ".repeat(40).trim_end().to_owned();
        let folded = yaml_prose_text(&text, 4);
        assert!(folded.starts_with(">-\n    word"));
        assert!(folded.lines().all(|l| l.len() <= 80), "{folded}");
        let doc = format!("k: {folded}\n");
        let back: serde_json::Value = serde_norway::from_str(&doc).unwrap_or_default();
        assert_eq!(back["k"], Value::from(text));
        assert_eq!(yaml_prose_text("a\nb", 4), r#""a\nb""#);
        assert_eq!(yaml_prose_text("a  b", 4), r#""a  b""#);
        assert_eq!(yaml_prose_text(" a", 4), r#"" a""#);
    }

    #[test]
    fn markdown_cannot_open_a_table_cell_or_tag() {
        assert_eq!(markdown_inline("a|b <script>\nc"), r"a\|b &lt;script&gt; c");
    }
}
