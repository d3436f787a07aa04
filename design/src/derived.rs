//! Figures derived from the design, shown beside the inputs they come from.

use crate::model::{Traffic, Workload};

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Request rates today and after the expected growth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrafficRates {
    /// Average requests per second today.
    pub average_rps: f64,
    /// Peak requests per second today.
    pub peak_rps: f64,
    /// Average requests per second in 12 months.
    pub average_rps_after_growth: f64,
    /// Peak requests per second in 12 months.
    pub peak_rps_after_growth: f64,
}

/// Request rates from daily volume, peak factor and growth.
pub fn traffic_rates(traffic: &Traffic) -> TrafficRates {
    let average_rps = traffic.requests_per_day as f64 / SECONDS_PER_DAY;
    let peak_rps = average_rps * traffic.peak_factor;
    TrafficRates {
        average_rps,
        peak_rps,
        average_rps_after_growth: average_rps * traffic.growth_factor_12_months,
        peak_rps_after_growth: peak_rps * traffic.growth_factor_12_months,
    }
}

/// Resources requested by the services at their minimum replica counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestedResources {
    /// Total CPU requests in millicores.
    pub cpu_millicores: u64,
    /// Total memory requests in MiB.
    pub memory_mebibytes: u64,
}

/// Requests of every service group × services × minimum replicas.
pub fn production_requests(workload: &Workload) -> RequestedResources {
    workload.services.iter().fold(
        RequestedResources {
            cpu_millicores: 0,
            memory_mebibytes: 0,
        },
        |total, group| {
            let pods = u64::from(group.count) * u64::from(group.min_replicas);
            RequestedResources {
                cpu_millicores: total.cpu_millicores
                    + pods * u64::from(group.cpu_request_millicores),
                memory_mebibytes: total.memory_mebibytes
                    + pods * u64::from(group.memory_request_mebibytes),
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_million_a_day_is_about_116_per_second_and_347_after_tripling() {
        let rates = traffic_rates(&Traffic {
            requests_per_day: 10_000_000,
            peak_factor: 1.0,
            growth_factor_12_months: 3.0,
        });
        assert_eq!(rates.average_rps.round(), 116.0);
        assert_eq!(rates.average_rps_after_growth.round(), 347.0);
    }

    #[test]
    fn the_peak_multiplies_the_average() {
        let rates = traffic_rates(&Traffic {
            requests_per_day: 86_400,
            peak_factor: 4.0,
            growth_factor_12_months: 2.0,
        });
        assert_eq!(
            (
                rates.average_rps,
                rates.peak_rps,
                rates.peak_rps_after_growth
            ),
            (1.0, 4.0, 8.0)
        );
    }

    #[test]
    fn requests_add_up_over_services_and_replicas() {
        let mut workload = Workload::default();
        workload.services[0].count = 10;
        workload.services[0].min_replicas = 3;
        workload.services[0].cpu_request_millicores = 100;
        workload.services[0].memory_request_mebibytes = 256;
        assert_eq!(
            production_requests(&workload),
            RequestedResources {
                cpu_millicores: 3_000,
                memory_mebibytes: 7_680
            }
        );
    }
}
