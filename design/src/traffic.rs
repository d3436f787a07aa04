//! Request rates and service counts: the load the platform carries.

use crate::model::Traffic;

const SECONDS_PER_DAY: f64 = 86_400.0;

/// Services across every group (saturating: the critique also runs on
/// designs that break the bounds while someone types).
pub fn service_count(workload: &crate::model::Workload) -> u64 {
    workload
        .services
        .iter()
        .fold(0u64, |total, g| total.saturating_add(u64::from(g.count)))
}

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
}
