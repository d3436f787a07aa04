//! Reusable form pieces. They know nothing about the domain beyond the
//! `Choice` trait; the wizard wires them to design fields.

pub mod comparison;
pub mod cost_chart;
pub mod decisions;
pub mod fields;
pub mod repository;
pub mod review_desk;
pub mod scores;
pub mod sections;
