//! Prometheus metrics: requests by route and status, their latencies, verifications by
//! verdict, status changes by kind.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Latency buckets, seconds.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    sum: f64,
    total: u64,
}

/// The counters.
#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
    verifications: BTreeMap<&'static str, u64>,
    status_changes: BTreeMap<&'static str, u64>,
    issued: u64,
}

impl Metrics {
    /// Counts a request to `route` (its pattern) answered with `status` after `took`.
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner
            .requests
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        let h = inner.latency.entry(route.to_string()).or_default();
        let seconds = took.as_secs_f64();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.counts[i] += 1;
            }
        }
        h.sum += seconds;
        h.total += 1;
    }

    /// Counts a verification by its verdict label.
    pub fn verification(&self, verdict: &'static str) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner.verifications.entry(verdict).or_default() += 1;
    }

    /// Counts an issued credential.
    pub fn issued(&self) {
        self.inner.lock().unwrap_or_else(|p| p.into_inner()).issued += 1;
    }

    /// Counts a status change.
    pub fn status_change(&self, change: &'static str) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        *inner.status_changes.entry(change).or_default() += 1;
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let mut out = String::new();
        out.push_str("# HELP edc_http_requests_total HTTP requests by method, route and status.\n# TYPE edc_http_requests_total counter\n");
        for ((method, route, status), n) in &inner.requests {
            let _ = writeln!(
                out,
                "edc_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP edc_http_request_duration_seconds Request latency by route.\n# TYPE edc_http_request_duration_seconds histogram\n");
        for (route, h) in &inner.latency {
            let route = escape(route);
            for (bound, count) in BUCKETS.iter().zip(h.counts.iter()) {
                let _ = writeln!(
                    out,
                    "edc_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {count}"
                );
            }
            let _ = writeln!(
                out,
                "edc_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\nedc_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\nedc_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.total, h.sum, h.total
            );
        }
        out.push_str("# HELP edc_verifications_total Verifications by verdict.\n# TYPE edc_verifications_total counter\n");
        for (verdict, n) in &inner.verifications {
            let _ = writeln!(out, "edc_verifications_total{{verdict=\"{verdict}\"}} {n}");
        }
        out.push_str("# HELP edc_credentials_issued_total Credentials issued.\n# TYPE edc_credentials_issued_total counter\n");
        let _ = writeln!(out, "edc_credentials_issued_total {}", inner.issued);
        out.push_str("# HELP edc_status_changes_total Status changes by kind.\n# TYPE edc_status_changes_total counter\n");
        for (change, n) in &inner.status_changes {
            let _ = writeln!(out, "edc_status_changes_total{{change=\"{change}\"}} {n}");
        }
        out
    }
}

fn escape(label: &str) -> String {
    label
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
