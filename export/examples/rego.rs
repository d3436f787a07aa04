//! Evaluates Gatekeeper constraint templates the way Gatekeeper does, for the
//! admission rehearsal in `tools/validate/dayone.py` (run by
//! `make validate-export`).
//!
//! Reads one JSON object on stdin:
//! `{"templates": {"<package>": "<rego>"}, "reviews": [{"package": "...", "input": {...}}]}`
//! and prints one JSON array: for each review, the messages of its violations
//! (empty when admitted), or an error text when the Rego does not evaluate.

use std::io::Read;

use serde_json::{json, Value};

fn main() {
    let mut text = String::new();
    if let Err(error) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("rego: cannot read stdin: {error}");
        std::process::exit(2);
    }
    let request: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(error) => {
            eprintln!("rego: input is not JSON: {error}");
            std::process::exit(2);
        }
    };
    let empty = serde_json::Map::new();
    let templates = request["templates"].as_object().unwrap_or(&empty);
    let reviews = request["reviews"].as_array().cloned().unwrap_or_default();
    let results: Vec<Value> = reviews
        .iter()
        .map(|review| match evaluate(templates, review) {
            Ok(messages) => json!(messages),
            Err(error) => json!({ "error": error }),
        })
        .collect();
    println!("{}", Value::Array(results));
}

/// The violation messages of one review against its template's package.
fn evaluate(
    templates: &serde_json::Map<String, Value>,
    review: &Value,
) -> Result<Vec<String>, String> {
    let package = review["package"]
        .as_str()
        .ok_or("review without a package")?;
    let source = templates
        .get(package)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("no template for package {package}"))?;
    let mut engine = regorus::Engine::new();
    // Gatekeeper's templates are written in Rego v0 syntax.
    engine.set_rego_v0(true);
    engine
        .add_policy(format!("{package}.rego"), source.to_owned())
        .map_err(|e| e.to_string())?;
    let input =
        regorus::Value::from_json_str(&review["input"].to_string()).map_err(|e| e.to_string())?;
    engine.set_input(input);
    let value = engine
        .eval_rule(format!("data.{package}.violation"))
        .map_err(|e| e.to_string())?;
    let json: Value = serde_json::from_str(&value.to_json_str().map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    Ok(json
        .as_array()
        .map(|violations| {
            violations
                .iter()
                .map(|v| v["msg"].as_str().unwrap_or("violation").to_owned())
                .collect()
        })
        .unwrap_or_default())
}
