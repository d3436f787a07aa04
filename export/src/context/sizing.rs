//! Each chart's `sizing.yaml`: the requests, replicas and volume sizes the
//! plan's footprint counts, written where the chart reads them. The values
//! file a chart is installed with lists it after `values.yaml`, so these
//! numbers are the ones the cluster runs, and the same ones the Cost step adds up.

use std::collections::BTreeMap;

use design::plan::footprint::{Layout, SetBy, Spread};
use design::plan::{Plan, Requests};
use serde_json::{json, Map, Value};

/// A container's resources as the chart spells them.
pub fn resources(requests: Requests, memory_limit_mebibytes: u64, layout: Layout) -> Value {
    let cpu = format!("{}m", requests.cpu_millicores);
    let memory = format!("{}Mi", requests.memory_mebibytes);
    let limit = format!("{memory_limit_mebibytes}Mi");
    match layout {
        Layout::Kubernetes => json!({
            "requests": {"cpu": cpu, "memory": memory},
            "limits": {"memory": limit},
        }),
        Layout::Linkerd => json!({
            "cpu": {"request": cpu},
            "memory": {"request": memory, "limit": limit},
        }),
    }
}

/// Sets `value` at the dotted `path` of `root`, making maps on the way.
fn put(root: &mut Map<String, Value>, path: &str, value: Value) {
    let mut keys = path.split('.').peekable();
    let mut node = root;
    while let Some(key) = keys.next() {
        if keys.peek().is_none() {
            node.insert(key.to_owned(), value);
            return;
        }
        let next = node
            .entry(key.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        let Value::Object(map) = next else { return };
        node = map;
    }
}

/// The sizing values of every chart with sized workloads, by catalogue key.
pub fn sizing(plan: &Plan) -> BTreeMap<&'static str, Value> {
    let mut out: BTreeMap<&'static str, Map<String, Value>> = BTreeMap::new();
    for w in &plan.footprint.workloads {
        if w.set_by != SetBy::Export {
            continue;
        }
        let map = out.entry(w.component).or_default();
        if let Some(at) = w.resources_at {
            put(
                map,
                at,
                resources(w.requests, w.memory_limit_mebibytes, w.layout),
            );
        }
        if let (Some(at), Spread::Replicas(n)) = (w.replicas_at, w.spread) {
            put(map, at, json!(n));
        }
        if let Some(volume) = w.volume {
            put(map, volume.at, json!(format!("{}Gi", volume.gib)));
        }
        for (at, value) in &w.settings {
            put(map, at, json!(value));
        }
    }
    if let Some(sidecar) = &plan.footprint.sidecar {
        let map = out.entry(sidecar.component).or_default();
        let mut proxy = resources(
            sidecar.requests,
            sidecar.memory_limit_mebibytes,
            sidecar.layout,
        );
        // The proxy declares a CPU limit too: the namespaces' quotas count it.
        let cpu_limit = json!(format!("{}m", sidecar.cpu_limit_millicores));
        match sidecar.layout {
            Layout::Kubernetes => proxy["limits"]["cpu"] = cpu_limit,
            Layout::Linkerd => proxy["cpu"]["limit"] = cpu_limit,
        }
        put(map, sidecar.resources_at, proxy);
    }
    out.into_iter()
        .map(|(key, map)| (key, Value::Object(map)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_paths_nest_and_share_parents() {
        let mut map = Map::new();
        put(&mut map, "a.b.c", json!(1));
        put(&mut map, "a.b.d", json!(2));
        put(&mut map, "e", json!("x"));
        assert_eq!(
            Value::Object(map),
            json!({"a": {"b": {"c": 1, "d": 2}}, "e": "x"})
        );
    }

    #[test]
    fn linkerd_spells_resources_its_own_way() {
        let r = Requests {
            cpu_millicores: 50,
            memory_mebibytes: 64,
        };
        assert_eq!(
            resources(r, 256, Layout::Linkerd),
            json!({"cpu": {"request": "50m"}, "memory": {"request": "64Mi", "limit": "256Mi"}})
        );
        assert_eq!(
            resources(r, 256, Layout::Kubernetes),
            json!({"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "256Mi"}})
        );
    }
}
