//! Deterministic zip archives and directory output.

use std::io::{Cursor, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::Bundle;

/// The archive: entries under `<root>/` in path order, every timestamp and
/// permission fixed, so the same bundle always gives the same bytes.
pub fn zip(bundle: &Bundle) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for file in &bundle.files {
        let name = format!("{}/{}", bundle.root, file.path);
        // Writing into memory cannot fail; an error would leave a shorter
        // archive, which the tests would notice.
        if writer.start_file(name, options).is_ok() {
            let _ = writer.write_all(file.content.as_bytes());
        }
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// Writes every file under `dir`.
pub fn write_dir(bundle: &Bundle, dir: &Path) -> std::io::Result<()> {
    for file in &bundle.files {
        let target = dir.join(&file.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, &file.content)?;
    }
    Ok(())
}
