//! Design identifiers and edit keys.
//!
//! The identifier is random so designs cannot be enumerated; the edit key has
//! 256 bits from the operating system's CSPRNG. Only the key's SHA-256 is
//! stored, and keys are compared in constant time.

use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// Bytes of randomness in a design identifier (96 bits).
const ID_BYTES: usize = 12;
/// Bytes of randomness in an edit key (256 bits).
const KEY_BYTES: usize = 32;

fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    hex::encode(buffer)
}

/// A new random identifier (designs, milestones, review links).
pub fn new_design_id() -> String {
    random_hex(ID_BYTES)
}

/// A design's identifier, parsed where it arrives (a URL path, a server
/// function's argument): only identifiers the studio issues get further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignId(String);

impl DesignId {
    /// A fresh identifier from the CSPRNG.
    pub fn generate() -> Self {
        Self(new_design_id())
    }

    /// Parses an identifier; anything else is no design at all.
    pub fn parse(text: &str) -> Option<Self> {
        is_design_id(text).then(|| Self(text.to_owned()))
    }

    /// The identifier.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DesignId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A secret key: possession is the right it grants.
#[derive(Clone)]
pub struct SecretKey(String);

impl SecretKey {
    /// A fresh key from the CSPRNG.
    pub fn generate() -> Self {
        Self(random_hex(KEY_BYTES))
    }

    /// A key presented by a client.
    pub fn presented(text: &str) -> Self {
        Self(text.trim().to_owned())
    }

    /// The SHA-256 of the key, the only form stored.
    pub fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }

    /// Whether the key hashes to `stored`, compared in constant time.
    pub fn matches(&self, stored: &[u8]) -> bool {
        self.hash().ct_eq(stored).into()
    }

    /// The key, to hand to its owner once.
    pub fn reveal(&self) -> &str {
        &self.0
    }
}

/// Never print a key, not even in debug logs.
impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Whether `text` looks like an identifier we issue (lowercase hex of the right length).
pub fn is_design_id(text: &str) -> bool {
    text.len() == ID_BYTES * 2
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_carry_256_bits_and_differ() {
        let (a, b) = (SecretKey::generate(), SecretKey::generate());
        assert_eq!(a.reveal().len(), 64);
        assert_ne!(a.reveal(), b.reveal());
    }

    #[test]
    fn a_key_matches_its_hash_and_no_other() {
        let key = SecretKey::generate();
        let stored = key.hash();
        assert!(SecretKey::presented(key.reveal()).matches(&stored));
        assert!(!SecretKey::generate().matches(&stored));
        assert!(!SecretKey::presented("").matches(&stored));
    }

    #[test]
    fn debug_output_hides_the_key() {
        let key = SecretKey::generate();
        assert!(!format!("{key:?}").contains(key.reveal()));
    }

    #[test]
    fn identifiers_are_recognised() {
        assert!(is_design_id(&new_design_id()));
        assert!(!is_design_id("../../etc/passwd"));
    }
}
