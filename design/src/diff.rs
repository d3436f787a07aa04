//! Field-by-field differences between two designs, for comparing milestones.

use serde::Serialize;
use serde_json::Value;

use crate::model::PlatformDesign;

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Change {
    /// Dotted path, as in validation errors (`spec.cluster.zones`).
    pub path: String,
    /// The value before, as compact JSON (`null` when the field was added).
    pub old: String,
    /// The value after, as compact JSON (`null` when the field was removed).
    pub new: String,
}

fn walk(path: &str, old: &Value, new: &Value, out: &mut Vec<Change>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(
                    &child,
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                    out,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                walk(&format!("{path}[{i}]"), x, y, out);
            }
        }
        _ if old != new => out.push(Change {
            path: path.to_owned(),
            old: old.to_string(),
            new: new.to_string(),
        }),
        _ => {}
    }
}

/// Every field that differs between `old` and `new`, in path order.
/// Lists of different lengths are reported as one change of the whole list.
pub fn diff(old: &PlatformDesign, new: &PlatformDesign) -> Vec<Change> {
    let (a, b) = (
        serde_json::to_value(old).unwrap_or_default(),
        serde_json::to_value(new).unwrap_or_default(),
    );
    let mut out = Vec::new();
    walk("", &a, &b, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_designs_have_no_changes() {
        assert_eq!(
            diff(&PlatformDesign::default(), &PlatformDesign::default()),
            vec![]
        );
    }

    #[test]
    fn changed_fields_are_listed_with_old_and_new_values() {
        let old = PlatformDesign::default();
        let mut new = old.clone();
        new.spec.cluster.zones = 2;
        new.spec.workload.services[0].count = 5;
        new.spec
            .cluster
            .node_pools
            .push(new.spec.cluster.node_pools[0].clone());
        let changes = diff(&old, &new);
        let paths: Vec<&str> = changes.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "spec.cluster.nodePools",
                "spec.cluster.zones",
                "spec.workload.services[0].count"
            ]
        );
        assert_eq!(
            (changes[1].old.as_str(), changes[1].new.as_str()),
            ("3", "2")
        );
    }
}
