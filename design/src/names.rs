//! Names that end up in Kubernetes objects, parsed once at the edge.
//!
//! Every name here becomes part of a Kubernetes object name or label, so it
//! must be a DNS-1123 label: at most 63 characters, lowercase letters, digits
//! and `-`, starting and ending with a letter or digit.

use std::fmt;

/// Why a text is not a valid DNS-1123 label.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// The text is empty.
    #[error("must not be empty")]
    Empty,
    /// The text is longer than a Kubernetes label allows.
    #[error("must be at most 63 characters (this one has {0})")]
    TooLong(usize),
    /// The text holds a character Kubernetes rejects.
    #[error("may only hold lowercase letters, digits and '-' (found {0:?})")]
    BadCharacter(char),
    /// The text starts or ends with a dash.
    #[error("must start and end with a lowercase letter or a digit")]
    BadEdge,
}

/// Checks `text` against the DNS-1123 label rules.
pub fn check_dns_label(text: &str) -> Result<(), NameError> {
    if text.is_empty() {
        return Err(NameError::Empty);
    }
    let length = text.chars().count();
    if length > 63 {
        return Err(NameError::TooLong(length));
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(NameError::BadCharacter(bad));
    }
    if text.starts_with('-') || text.ends_with('-') {
        return Err(NameError::BadEdge);
    }
    Ok(())
}

/// Whether `text` is a DNS-1123 subdomain, as Kubernetes checks object
/// names: at most 253 characters, dot-separated parts of lowercase letters,
/// digits and `-` that start and end with a letter or digit.
pub fn is_dns_subdomain(text: &str) -> bool {
    text.len() <= 253
        && text.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        })
}

/// Why `text` cannot be a (non-empty) Kubernetes label value, as a sentence
/// for the field that holds it; `None` when it can.
pub fn label_value_problem(text: &str) -> Option<String> {
    label_part_problem(text, false)
        .map(|why| format!("It becomes a Kubernetes label value, which {why}: e.g. cc-1042."))
}

/// Why `text` is not a Kubernetes label name (the part after an optional
/// `prefix/`) or value: at most 63 characters, letters, digits, `-`, `_`
/// and `.`, starting and ending with a letter or digit. Values may be empty.
fn label_part_problem(text: &str, may_be_empty: bool) -> Option<&'static str> {
    if text.is_empty() {
        return (!may_be_empty).then_some("is empty");
    }
    if text.len() > 63 {
        return Some("is longer than 63 characters");
    }
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if !text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        || !edge_ok(text.chars().next())
        || !edge_ok(text.chars().last())
    {
        return Some("may hold only letters, digits, '-', '_' and '.', and must start and end with a letter or digit");
    }
    None
}

/// A node label, parsed from `key=value` (the key may carry a `dns.prefix/`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NodeLabel {
    /// The key, e.g. `workload-type`.
    pub key: String,
    /// The value, possibly empty.
    pub value: String,
}

impl NodeLabel {
    /// Parses `key=value`; the message says what to change.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (key, value) = text.split_once('=').ok_or_else(|| {
            format!("'{text}' needs the form key=value, e.g. workload-type=compute.")
        })?;
        check_key_and_value(key, value)?;
        Ok(Self {
            key: key.to_owned(),
            value: value.to_owned(),
        })
    }
}

/// A label's (or taint's) key and value, as the API server accepts them.
fn check_key_and_value(key: &str, value: &str) -> Result<(), String> {
    check_label_key(key)?;
    match label_part_problem(value, true) {
        Some(problem) => Err(format!("The value '{value}' {problem}.")),
        None => Ok(()),
    }
}

/// What a taint does to pods that do not tolerate it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TaintEffect {
    /// New pods are not scheduled.
    NoSchedule,
    /// The scheduler avoids the node when it can.
    PreferNoSchedule,
    /// Running pods are evicted too.
    NoExecute,
}

impl TaintEffect {
    /// As Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoSchedule => "NoSchedule",
            Self::PreferNoSchedule => "PreferNoSchedule",
            Self::NoExecute => "NoExecute",
        }
    }

    /// As the EKS API spells it.
    pub fn eks(self) -> &'static str {
        match self {
            Self::NoSchedule => "NO_SCHEDULE",
            Self::PreferNoSchedule => "PREFER_NO_SCHEDULE",
            Self::NoExecute => "NO_EXECUTE",
        }
    }
}

/// A node taint, parsed from `key=value:Effect` or `key:Effect`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Taint {
    /// The key.
    pub key: String,
    /// The value, possibly empty.
    pub value: String,
    /// The effect.
    pub effect: TaintEffect,
}

impl Taint {
    /// Parses `key=value:Effect`; the message says what to change.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (rest, effect) = text.rsplit_once(':').ok_or_else(|| {
            format!(
                "'{text}' needs the form key=value:Effect, e.g. workload-type=compute:NoSchedule."
            )
        })?;
        let effect = match effect {
            "NoSchedule" => TaintEffect::NoSchedule,
            "PreferNoSchedule" => TaintEffect::PreferNoSchedule,
            "NoExecute" => TaintEffect::NoExecute,
            other => {
                return Err(format!(
                    "The effect '{other}' must be NoSchedule, PreferNoSchedule or NoExecute."
                ))
            }
        };
        let (key, value) = rest.split_once('=').unwrap_or((rest, ""));
        check_key_and_value(key, value)?;
        Ok(Self {
            key: key.to_owned(),
            value: value.to_owned(),
            effect,
        })
    }
}

/// Checks a node label written `key=value`.
pub fn check_node_label(text: &str) -> Result<(), String> {
    NodeLabel::parse(text).map(|_| ())
}

/// Checks a node taint written `key=value:Effect` or `key:Effect`.
pub fn check_node_taint(text: &str) -> Result<(), String> {
    Taint::parse(text).map(|_| ())
}

fn check_label_key(key: &str) -> Result<(), String> {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        let ok = !prefix.is_empty()
            && prefix.len() <= 253
            && prefix.split('.').all(|part| check_dns_label(part).is_ok());
        if !ok {
            return Err(format!(
                "The key prefix '{prefix}' must be a DNS name such as example.com."
            ));
        }
    }
    match label_part_problem(name, false) {
        Some(problem) => Err(format!("The key '{name}' {problem}.")),
        None => Ok(()),
    }
}

/// Turns free text ("Payments API") into a DNS-1123 label ("payments-api").
/// Returns `fallback` when nothing usable is left.
pub fn slugify(text: &str, fallback: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    // ASCII only: letters beyond it become separators anyway, and the
    // Unicode case tables would weigh on every page of the front end.
    for c in text.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(63);
    let slug = slug.trim_matches('-').to_owned();
    if slug.is_empty() {
        fallback.to_owned()
    } else {
        slug
    }
}

macro_rules! dns_label_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses a DNS-1123 label; the only way to build this name.
            pub fn parse(text: impl Into<String>) -> Result<Self, NameError> {
                let text = text.into();
                check_dns_label(&text)?;
                Ok(Self(text))
            }

            /// A name from a literal this crate knows to be valid (defaults, presets).
            pub(crate) fn known(text: &'static str) -> Self {
                debug_assert!(check_dns_label(text).is_ok(), "{text} is not a DNS-1123 label");
                Self(text.to_owned())
            }

            /// The name as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = NameError;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(text)
            }
        }

        impl From<$name> for String {
            fn from(name: $name) -> String {
                name.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = NameError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }
    };
}

dns_label_newtype!(
    /// The name of a service group; becomes Deployment, Service and label names.
    ServiceName
);
dns_label_newtype!(
    /// The name of a node pool; becomes a node-group name and a node label.
    PoolName
);
dns_label_newtype!(
    /// The name of an environment (`dev`, `staging`, `prod`); becomes a namespace suffix and an overlay directory.
    EnvName
);
dns_label_newtype!(
    /// The name of the cluster, used for cloud resources and Terraform.
    ClusterName
);
dns_label_newtype!(
    /// The name of a team that owns service groups (a tenant of the
    /// platform); becomes an Argo CD project, a label value and role names.
    TeamName
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_labels_and_taints_follow_kubernetes_syntax() {
        assert!(check_node_label("workload-type=compute").is_ok());
        assert!(check_node_label("example.com/tier=").is_ok());
        assert!(check_node_label("no-equals").is_err());
        assert!(check_node_label("a: b=c").is_err());
        assert!(check_node_label("k=v # x").is_err());
        assert!(check_node_label("Bad_Prefix/k=v").is_err());
        assert!(check_node_taint("workload-type=compute:NoSchedule").is_ok());
        assert!(check_node_taint("dedicated:NoExecute").is_ok());
        assert!(check_node_taint("k=v:Sometimes").is_err());
        assert!(check_node_taint("k=v").is_err());
    }

    #[test]
    fn labels_and_taints_parse_into_their_parts() {
        assert_eq!(
            NodeLabel::parse("example.com/tier=web"),
            Ok(NodeLabel {
                key: "example.com/tier".into(),
                value: "web".into()
            })
        );
        let taint = Taint::parse("gpu:NoExecute").expect("taint");
        assert_eq!((taint.key.as_str(), taint.value.as_str()), ("gpu", ""));
        assert_eq!(
            (taint.effect.as_str(), taint.effect.eks()),
            ("NoExecute", "NO_EXECUTE")
        );
        assert!(Taint::parse("gpu=yes:Sometimes").is_err());
    }

    #[test]
    fn a_lowercase_label_with_dashes_is_accepted() {
        assert_eq!(
            ServiceName::parse("payments-api").map(|n| n.to_string()),
            Ok("payments-api".into())
        );
    }

    #[test]
    fn uppercase_letters_are_rejected_with_the_character_named() {
        assert_eq!(
            ServiceName::parse("Payments"),
            Err(NameError::BadCharacter('P'))
        );
    }

    #[test]
    fn a_leading_or_trailing_dash_is_rejected() {
        assert_eq!(PoolName::parse("-general"), Err(NameError::BadEdge));
        assert_eq!(PoolName::parse("general-"), Err(NameError::BadEdge));
    }

    #[test]
    fn sixty_four_characters_are_too_many() {
        assert_eq!(EnvName::parse("a".repeat(64)), Err(NameError::TooLong(64)));
        assert!(EnvName::parse("a".repeat(63)).is_ok());
    }

    #[test]
    fn an_empty_name_is_rejected() {
        assert_eq!(EnvName::parse(""), Err(NameError::Empty));
    }

    #[test]
    fn deserialising_an_invalid_name_fails_with_the_reason() {
        let error = serde_json::from_str::<ServiceName>("\"a_b\"")
            .map(|_| ())
            .unwrap_err();
        assert!(error.to_string().contains("lowercase letters"), "{error}");
    }

    #[test]
    fn slugify_turns_titles_into_labels() {
        assert_eq!(
            slugify("Fintech Platform (EKS)", "x"),
            "fintech-platform-eks"
        );
        assert_eq!(slugify("!!!", "platform"), "platform");
    }
}
