//! The wire format of the wizard's own server functions: the design's
//! compact form ([`design::compact`]), which the browser reads with far less
//! code than JSON. Everything else, the public API included, stays JSON.

use bytes::Bytes;
use design::compact::CompactError;
use leptos::server_fn::codec::Post;
use leptos::server_fn::{ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

/// The compact form as a server function encoding.
pub struct CompactEncoding;

impl ContentType for CompactEncoding {
    const CONTENT_TYPE: &'static str = "application/vnd.slipway.compact";
}

impl FormatType for CompactEncoding {
    const FORMAT_TYPE: Format = Format::Binary;
}

impl<T: Serialize> Encodes<T> for CompactEncoding {
    type Error = CompactError;

    fn encode(value: &T) -> Result<Bytes, Self::Error> {
        design::compact::to_bytes(value).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for CompactEncoding {
    type Error = CompactError;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        design::compact::from_bytes(&bytes)
    }
}

/// Arguments or answer in the compact form, in a `POST` request.
pub type Compact = Post<CompactEncoding>;
