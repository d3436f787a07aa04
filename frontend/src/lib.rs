//! Hydrates the server-rendered page in the browser.

// Deep Leptos view types need more than the default 128 in release builds.
#![recursion_limit = "512"]

/// Room for the split build to lay out the data. `cargo leptos --split`
/// gives each piece of the front end its own share of the read-only data,
/// packed with alignment padding; should the packed shares outgrow the
/// linked data segment, the splitter puts the whole segment (every text of
/// every page, about 230 KB) into the main module instead, and every page
/// downloads it. Nothing reads these bytes, so no piece carries them: they
/// only lengthen the linked segment by more than the padding can take.
#[used]
static SPLIT_DATA_SLACK: [u8; 16 * 1024] = [0x5a; 16 * 1024];

/// Called by the generated JavaScript once the WebAssembly module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes (split points) hydrate once their code has arrived.
    leptos::mount::hydrate_lazy(app::App);
}

/// Milliseconds for `iterations` full critiques of the largest preset, run in
/// this WebAssembly module; `end2end/bench/browser-critique.mjs` calls it to
/// measure the engine where users run it.
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn critique_benchmark(iterations: u32) -> f64 {
    critique_runs(iterations).await
}

/// The benchmark's loop; lazy, so a split build keeps the engine out of the
/// code every page loads.
#[leptos::prelude::lazy]
fn critique_runs(iterations: u32) -> f64 {
    let design = design::presets::find("enterprise-aks")
        .map(|p| p.design())
        .unwrap_or_default();
    let start = js_sys::Date::now();
    let mut overall = 0;
    for _ in 0..iterations {
        overall +=
            design::critique::critique(&design, &design::IsoDate::from_days_since_epoch(20_783))
                .overall;
    }
    let elapsed = js_sys::Date::now() - start;
    // Keep the result alive so the loop is not optimised away.
    if overall == u32::MAX {
        return -1.0;
    }
    elapsed
}
