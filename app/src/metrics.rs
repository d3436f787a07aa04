//! What the process counts for `GET /metrics`: requests by route template
//! and status, their latency, and how long critiques, exports and saves take.
//! Rendered in the Prometheus text format (version 0.0.4) with the gauges the
//! server reads at scrape time (designs, reviews, database pool).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Work the studio times apart from the requests that ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Operation {
    /// A critique of a design.
    Critique,
    /// An export of a design to its repository.
    Export,
    /// A save of a design (the database write and its revision check).
    Save,
}

impl Operation {
    fn label(self) -> &'static str {
        match self {
            Operation::Critique => "critique",
            Operation::Export => "export",
            Operation::Save => "save",
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Histogram {
    /// Observations at or below each bucket's bound (not cumulative).
    counts: [u64; BUCKETS.len()],
    /// Observations above the last bound.
    over: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        match BUCKETS.iter().position(|bound| seconds <= *bound) {
            Some(i) => self.counts[i] += 1,
            None => self.over += 1,
        }
        self.sum += seconds;
    }

    fn count(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.over
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulative = 0;
        for (bound, n) in BUCKETS.iter().zip(self.counts) {
            cumulative += n;
            let _ = writeln!(out, "{name}_bucket{{{labels},le=\"{bound}\"}} {cumulative}");
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels},le=\"+Inf\"}} {}",
            self.count()
        );
        let _ = writeln!(out, "{name}_sum{{{labels}}} {}", self.sum);
        let _ = writeln!(out, "{name}_count{{{labels}}} {}", self.count());
    }
}

#[derive(Debug, Default)]
struct Counts {
    /// (method, route template, status) → requests.
    requests: BTreeMap<(String, String, u16), u64>,
    /// route template → latency.
    latency: BTreeMap<String, Histogram>,
    operations: BTreeMap<Operation, Histogram>,
    /// Review pages answered from rendered pages kept, and rendered afresh.
    page_hits: u64,
    page_misses: u64,
}

/// The counters of one process.
#[derive(Debug, Default)]
pub struct Metrics {
    counts: Mutex<Counts>,
}

/// Gauges read when the metrics are scraped.
#[derive(Debug, Clone, Copy, Default)]
pub struct Gauges {
    /// Designs stored.
    pub designs: i64,
    /// Review links not revoked.
    pub reviews: i64,
    /// Open database connections.
    pub pool_size: u32,
    /// Of which idle.
    pub pool_idle: u32,
    /// The most the pool opens.
    pub pool_max: u32,
}

/// A label value with `\`, `"` and newlines escaped.
fn escaped(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

impl Metrics {
    /// Counts one answered request.
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        if let Ok(mut c) = self.counts.lock() {
            *c.requests
                .entry((method.to_owned(), route.to_owned(), status))
                .or_default() += 1;
            c.latency
                .entry(route.to_owned())
                .or_default()
                .observe(took.as_secs_f64());
        }
    }

    /// Records how long one operation took.
    pub fn operation(&self, operation: Operation, took: Duration) {
        if let Ok(mut c) = self.counts.lock() {
            c.operations
                .entry(operation)
                .or_default()
                .observe(took.as_secs_f64());
        }
    }

    /// Counts a review page answered from a kept rendering (`hit`) or
    /// rendered for the first time for its validator.
    pub fn page(&self, hit: bool) {
        if let Ok(mut c) = self.counts.lock() {
            if hit {
                c.page_hits += 1;
            } else {
                c.page_misses += 1;
            }
        }
    }

    /// Times `work` as `operation`.
    pub fn time<T>(&self, operation: Operation, work: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let answer = work();
        self.operation(operation, started.elapsed());
        answer
    }

    /// Everything, in the Prometheus text format.
    pub fn render(&self, gauges: Gauges) -> String {
        let mut out = String::new();
        let Ok(c) = self.counts.lock() else {
            return out;
        };
        out.push_str("# HELP slipway_http_requests_total Requests answered, by method, route template and status.\n# TYPE slipway_http_requests_total counter\n");
        for ((method, route, status), n) in &c.requests {
            let _ = writeln!(
                out,
                "slipway_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{status}\"}} {n}",
                escaped(method),
                escaped(route)
            );
        }
        out.push_str("# HELP slipway_http_request_duration_seconds Time to answer a request, by route template.\n# TYPE slipway_http_request_duration_seconds histogram\n");
        for (route, h) in &c.latency {
            h.write(
                &mut out,
                "slipway_http_request_duration_seconds",
                &format!("route=\"{}\"", escaped(route)),
            );
        }
        out.push_str("# HELP slipway_operation_duration_seconds Time a critique, export or save took.\n# TYPE slipway_operation_duration_seconds histogram\n");
        for (operation, h) in &c.operations {
            h.write(
                &mut out,
                "slipway_operation_duration_seconds",
                &format!("operation=\"{}\"", operation.label()),
            );
        }
        let _ = write!(
            out,
            "# HELP slipway_review_pages_total Review pages answered (304s aside), from a kept rendering or rendered.\n\
# TYPE slipway_review_pages_total counter\n\
slipway_review_pages_total{{source=\"kept\"}} {}\n\
slipway_review_pages_total{{source=\"rendered\"}} {}\n",
            c.page_hits, c.page_misses
        );
        let gauge = |out: &mut String, name: &str, help: &str, value: String| {
            let _ = write!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n"
            );
        };
        gauge(
            &mut out,
            "slipway_designs",
            "Designs stored.",
            gauges.designs.to_string(),
        );
        gauge(
            &mut out,
            "slipway_reviews",
            "Review links not revoked.",
            gauges.reviews.to_string(),
        );
        out.push_str("# HELP slipway_db_pool_connections Database connections, by state.\n# TYPE slipway_db_pool_connections gauge\n");
        let _ = writeln!(
            out,
            "slipway_db_pool_connections{{state=\"idle\"}} {}",
            gauges.pool_idle
        );
        let _ = writeln!(
            out,
            "slipway_db_pool_connections{{state=\"in_use\"}} {}",
            gauges.pool_size.saturating_sub(gauges.pool_idle)
        );
        gauge(
            &mut out,
            "slipway_db_pool_max_connections",
            "The most connections the pool opens.",
            gauges.pool_max.to_string(),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_cumulative_and_count_everything() {
        let m = Metrics::default();
        m.request("GET", "/api/designs/:id", 200, Duration::from_millis(3));
        m.request("GET", "/api/designs/:id", 200, Duration::from_millis(40));
        m.request("GET", "/api/designs/:id", 404, Duration::from_secs(20));
        let text = m.render(Gauges::default());
        assert!(text.contains(
            "slipway_http_requests_total{method=\"GET\",route=\"/api/designs/:id\",status=\"200\"} 2"
        ));
        assert!(text.contains("slipway_http_request_duration_seconds_bucket{route=\"/api/designs/:id\",le=\"0.005\"} 1"));
        assert!(text.contains("slipway_http_request_duration_seconds_bucket{route=\"/api/designs/:id\",le=\"0.05\"} 2"));
        assert!(text.contains(
            "slipway_http_request_duration_seconds_bucket{route=\"/api/designs/:id\",le=\"10\"} 2"
        ));
        assert!(text.contains("slipway_http_request_duration_seconds_bucket{route=\"/api/designs/:id\",le=\"+Inf\"} 3"));
        assert!(text
            .contains("slipway_http_request_duration_seconds_count{route=\"/api/designs/:id\"} 3"));
    }

    #[test]
    fn review_pages_are_counted_by_source() {
        let m = Metrics::default();
        m.page(false);
        m.page(true);
        m.page(true);
        let text = m.render(Gauges::default());
        assert!(
            text.contains("slipway_review_pages_total{source=\"kept\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("slipway_review_pages_total{source=\"rendered\"} 1\n"),
            "{text}"
        );
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escaped("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
