//! The price table compiled in from `data/pricing.csv` (the architect's
//! reference, gathered November 2026). Prices are on-demand USD per hour.

use std::sync::OnceLock;

/// The date the prices were gathered; shown to users beside every estimate.
pub const PRICES_AS_OF: &str = "2026-11";

const CSV: &str = include_str!("../data/pricing.csv");

/// One row of the price table.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceRow {
    /// `aws`, `azure` or `gcp`.
    pub provider: &'static str,
    /// Region the price applies to.
    pub region: &'static str,
    /// Instance type or fee name.
    pub item: &'static str,
    /// vCPUs of an instance type; `None` for fees.
    pub vcpu: Option<u32>,
    /// Memory of an instance type in GiB; `None` for fees.
    pub memory_gib: Option<u32>,
    /// On-demand price per hour in USD.
    pub usd_per_hour: f64,
    /// Typical spot discount (0–1), an estimate.
    pub spot_discount: Option<f64>,
    /// Typical one-year commitment discount (0–1), an estimate.
    pub reserved_discount: Option<f64>,
}

impl PriceRow {
    /// How a form offers an instance type: name, size and hourly price.
    pub fn offer(&self) -> String {
        format!(
            "{} · {} vCPU, {} GiB · ${:.3}/h",
            self.item,
            self.vcpu.unwrap_or(0),
            self.memory_gib.unwrap_or(0),
            self.usd_per_hour
        )
    }
}

/// Every row of the table, parsed once.
pub fn rows() -> &'static [PriceRow] {
    static ROWS: OnceLock<Vec<PriceRow>> = OnceLock::new();
    ROWS.get_or_init(|| CSV.lines().skip(1).filter_map(parse_row).collect())
}

fn parse_row(line: &'static str) -> Option<PriceRow> {
    // The last column (source) may hold quoted commas; the first eight never do.
    let mut cells = line.splitn(9, ',');
    let provider = cells.next()?;
    let region = cells.next()?;
    let item = cells.next()?;
    let vcpu = cells.next()?.parse().ok();
    let memory_gib = cells.next()?.parse().ok();
    let usd_per_hour = cells.next()?.parse().ok()?;
    let spot_discount = cells.next()?.parse().ok();
    let reserved_discount = cells.next()?.parse().ok();
    Some(PriceRow {
        provider,
        region,
        item,
        vcpu,
        memory_gib,
        usd_per_hour,
        spot_discount,
        reserved_discount,
    })
}

/// The instance types the table prices for a provider key (`aws`, …).
pub fn instance_types(provider: &str) -> impl Iterator<Item = &'static PriceRow> + '_ {
    rows()
        .iter()
        .filter(move |row| row.provider == provider && row.vcpu.is_some())
}

/// The row of an instance type of a provider, if the table has it.
pub fn instance(provider: &str, instance_type: &str) -> Option<&'static PriceRow> {
    instance_types(provider).find(|row| row.item == instance_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_prices_aws_instances_with_their_size() {
        let row = instance("aws", "m6i.xlarge");
        assert_eq!(
            row.map(|r| (r.vcpu, r.memory_gib, r.usd_per_hour)),
            Some((Some(4), Some(16), 0.192))
        );
    }

    #[test]
    fn fees_are_not_instance_types() {
        assert!(instance("aws", "eks-control-plane-standard-per-cluster-hour").is_none());
        assert!(rows()
            .iter()
            .any(|r| r.item == "eks-control-plane-standard-per-cluster-hour"));
    }

    #[test]
    fn every_provider_has_instances() {
        for provider in ["aws", "azure", "gcp"] {
            assert!(instance_types(provider).count() >= 5, "{provider}");
        }
    }
}
