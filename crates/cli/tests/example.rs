//! The example that ships with the project (`examples/ceasefire-appeal.txt`):
//! README's first command codes it, so a fresh clone with no `../shared`
//! beside it works. It must give the report's main events.

mod common;

use serde_json::Value;
use std::path::PathBuf;

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/ceasefire-appeal.txt")
}

fn code_of(side: &Value) -> &str {
    side.get("code").and_then(Value::as_str).unwrap_or("")
}

#[test]
fn the_shipped_example_codes_its_main_events() {
    let path = example();
    let out = common::parley(&["code", path.to_str().unwrap()], b"");
    assert!(out.status.success(), "parley failed: {}", String::from_utf8_lossy(&out.stderr));
    let events: Vec<Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    let movement = |c: &str| c.contains("NORTHERN-LIBERATION-MOVEMENT");
    // The appeal for mediation: the movement (or its commander) asks the African Union.
    assert!(
        events.iter().any(|e| e["root"] == "02" && code_of(&e["target"]).starts_with("IGOAFR")),
        "an appeal to the African Union"
    );
    // Sanctions: the European Union on the movement.
    assert!(
        events.iter().any(|e| e["cameo"] == "163" && code_of(&e["source"]).starts_with("IGOEUR") && movement(code_of(&e["target"]))),
        "EU sanctions on the movement"
    );
    // The movement is a named actor with a provisional code.
    assert!(events.iter().any(|e| movement(code_of(&e["source"])) && e["source"]["provisional"] == true));
    // Material conflict is there too: the fighting.
    assert!(events.iter().any(|e| e["quad_class"] == 4), "material conflict");
    // The document carries no date and none is invented.
    assert!(events.iter().all(|e| e["date"].is_null()));
}
