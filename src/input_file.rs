//! Reading a file someone names on the command line (a framework, an import): only a
//! regular file is read, and never more than a cap. A FIFO, a device such as
//! `/dev/zero` or a folder is refused at once — the file is opened with `O_NONBLOCK`, so
//! opening a FIFO does not wait for a writer, and checked with `fstat` before a byte is
//! read.

use std::io::Read;
use std::path::Path;

use crate::i18n::Message;

/// Why a file was not read.
#[derive(Debug)]
pub enum InputError {
    NotFound,
    /// Not a regular file; the kind, in Indonesian and English.
    NotRegular(&'static str, &'static str),
    /// Larger than the cap; the size in bytes.
    TooLarge(u64),
    Io(std::io::Error),
}

impl InputError {
    /// What went wrong, without the path (callers put it in front).
    pub fn message(&self) -> Message {
        match self {
            InputError::NotFound => Message::new(
                "berkas tidak ditemukan: periksa nama dan foldernya",
                "file not found: check its name and folder",
            ),
            InputError::NotRegular(id, en) => Message::new(
                format!("ini {id}, bukan berkas biasa: pmk3i hanya membaca berkas biasa"),
                format!("this is {en}, not a regular file: pmk3i only reads regular files"),
            ),
            // Callers say the cap in their own words ([`InputError::TooLarge`]).
            InputError::TooLarge(len) => Message::new(
                format!("berkas terlalu besar ({len} bita)"),
                format!("file is too large ({len} bytes)"),
            ),
            InputError::Io(e) => Message::new(
                format!("berkas tidak dapat dibaca: {e}"),
                format!("cannot read the file: {e}"),
            ),
        }
    }
}

/// Reads `path` if it is a regular file of at most `cap` bytes.
pub fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, InputError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => InputError::NotFound,
        _ => InputError::Io(e),
    })?;
    let meta = file.metadata().map_err(InputError::Io)?;
    if !meta.is_file() {
        return Err(kind_of(&meta));
    }
    if meta.len() > cap {
        return Err(InputError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::new();
    // One byte past the cap: a file that grows while it is read is still refused.
    file.take(cap + 1).read_to_end(&mut bytes).map_err(InputError::Io)?;
    if bytes.len() as u64 > cap {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn kind_of(meta: &std::fs::Metadata) -> InputError {
    let kind = meta.file_type();
    if kind.is_dir() {
        return InputError::NotRegular("sebuah folder", "a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return InputError::NotRegular("sebuah FIFO (pipa bernama)", "a FIFO (named pipe)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return InputError::NotRegular("sebuah perangkat", "a device");
        }
        if kind.is_socket() {
            return InputError::NotRegular("sebuah soket", "a socket");
        }
    }
    InputError::NotRegular("bukan berkas data", "not a data file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_up_to_the_cap_are_read() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("a.json");
        std::fs::write(&path, "12345")?;
        assert_eq!(read_regular(&path, 5).ok(), Some(b"12345".to_vec()));
        assert!(matches!(read_regular(&path, 4), Err(InputError::TooLarge(5))));
        assert!(matches!(
            read_regular(&dir.path().join("none"), 4),
            Err(InputError::NotFound)
        ));
        assert!(matches!(
            read_regular(dir.path(), 4),
            Err(InputError::NotRegular(_, "a folder"))
        ));
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_and_a_device_are_refused_without_waiting() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let fifo = dir.path().join("f.json");
        let c_path = std::ffi::CString::new(fifo.to_string_lossy().as_bytes().to_vec())?;
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_regular(&fifo, 10),
            Err(InputError::NotRegular(_, "a FIFO (named pipe)"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(InputError::NotRegular(_, "a device"))
        ));
        Ok(())
    }
}
