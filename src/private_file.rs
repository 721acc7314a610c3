//! Files that hold respondents' names and answers (exports, reports): created readable
//! by their owner only (0600), and written atomically — into a temporary file in the
//! same folder, flushed to disk, then renamed over the target — so a full disk, a
//! file-size limit or a crash never leaves a truncated or half-written file, and an
//! existing file stays as it was when the write fails.

use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path` as described in the module documentation.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // tempfile creates the file with mode 0600 and removes it if anything below fails.
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    // The rename itself is durable once the folder is flushed; not every system can
    // open a folder for that, and the file is complete either way.
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole_and_owner_only() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("r.md");
        std::fs::write(&path, "old")?;
        write_private(&path, b"new")?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
        }
        // Nothing else is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_one() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("sub");
        // A folder at the target: the rename fails after the temporary file is written.
        std::fs::create_dir(&path)?;
        std::fs::write(path.join("keep"), "x")?;
        assert!(write_private(&path, b"new").is_err());
        assert_eq!(std::fs::read_to_string(path.join("keep"))?, "x");
        assert_eq!(std::fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }
}
