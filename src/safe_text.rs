//! Text from files and the database on its way to a terminal or into JSON.
//!
//! A region name, a note or a framework id can come from a file someone else made. Sent
//! raw to a terminal, `ESC ] 0 ; … BEL` retitles the window, `ESC ] 52 ; c ; …` writes
//! the clipboard and U+202E reverses what the reader sees. Every headless command's
//! standard output and standard error pass through [`TerminalWriter`], which replaces
//! each such character by a visible escape (`\u{1b}`) with [`for_terminal`]; files
//! written with `--out` keep their exact content (their formats have their own
//! escaping). JSON output escapes the same characters as `\uXXXX` ([`to_json_pretty`]),
//! so it is still the same JSON and still safe to print.

use std::borrow::Cow;
use std::io::{self, Write};

/// A character that must not reach a terminal raw: C0 controls other than newline and
/// tab (carriage return included), DEL, C1 controls, and the bidirectional formatting
/// characters that reorder what is shown (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
/// U+061C).
pub fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `s` with every [hostile](is_hostile) character replaced by a visible escape such as
/// `\u{1b}`; borrowed when there is none.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hostile(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that passes text to `inner` through [`for_terminal`]. Bytes that are not
/// UTF-8 are shown as `\x{NN}`; a character split across two writes is held until its
/// end arrives (and shown as bytes if it never does, on flush).
pub struct TerminalWriter<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence whose end has not been written yet (at most 3 bytes).
    pending: Vec<u8>,
}

impl<W: Write> TerminalWriter<W> {
    pub fn new(inner: W) -> TerminalWriter<W> {
        TerminalWriter {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8], at_end: bool) -> io::Result<()> {
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.inner.write_all(for_terminal(text).as_bytes())?;
                    return Ok(());
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    // `valid` is UTF-8 by the error's own account.
                    let text = std::str::from_utf8(valid).unwrap_or_default();
                    self.inner.write_all(for_terminal(text).as_bytes())?;
                    match e.error_len() {
                        Some(n) => {
                            for b in &after[..n] {
                                write!(self.inner, "\\x{{{b:02x}}}")?;
                            }
                            rest = &after[n..];
                        }
                        None if !at_end => {
                            self.pending.extend_from_slice(after);
                            return Ok(());
                        }
                        None => {
                            for b in after {
                                write!(self.inner, "\\x{{{b:02x}}}")?;
                            }
                            return Ok(());
                        }
                    }
                }
            }
        }
    }

    /// The wrapped writer, after writing out anything held back.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for TerminalWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        self.emit(&bytes, false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        if !pending.is_empty() {
            self.emit(&pending, true)?;
        }
        self.inner.flush()
    }
}

/// JSON that never holds a hostile character raw: serde_json already escapes C0
/// controls; this also escapes DEL, C1 controls and bidi controls as `\uXXXX`. The
/// document means exactly the same to any JSON reader.
pub fn to_json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json_pretty(&mut out, value)?;
    // serde_json writes UTF-8 only, and the escapes are ASCII.
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

/// [`to_json_pretty`] into a writer.
pub fn write_json_pretty<W: Write, T: serde::Serialize + ?Sized>(writer: W, value: &T) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, SafeJson(serde_json::ser::PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// serde_json's pretty formatter with hostile characters in strings escaped.
struct SafeJson<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_hostile(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every hostile character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_become_visible_escapes() {
        assert_eq!(for_terminal("plain\ttext\n"), "plain\ttext\n");
        assert!(matches!(for_terminal("Kota Bandung"), Cow::Borrowed(_)));
        assert_eq!(for_terminal("a\u{1b}]0;x\u{7}b"), "a\\u{1b}]0;x\\u{7}b");
        assert_eq!(
            for_terminal("\r\u{7f}\u{9b}\u{202e}\u{2066}\u{200f}\u{61c}"),
            "\\u{d}\\u{7f}\\u{9b}\\u{202e}\\u{2066}\\u{200f}\\u{61c}"
        );
    }

    #[test]
    fn the_writer_escapes_across_split_characters_and_bad_bytes() -> io::Result<()> {
        let mut w = TerminalWriter::new(Vec::new());
        let csi = "\u{9b}".as_bytes(); // two bytes: c2 9b
        w.write_all(b"x")?;
        w.write_all(&csi[..1])?;
        w.write_all(&csi[1..])?;
        w.write_all(b"\xff\x1b[2J\xe2\x80")?;
        let out = w.into_inner()?;
        assert_eq!(String::from_utf8_lossy(&out), "x\\u{9b}\\x{ff}\\u{1b}[2J\\x{e2}\\x{80}");
        Ok(())
    }

    #[test]
    fn json_escapes_c1_del_and_bidi_and_still_means_the_same() -> serde_json::Result<()> {
        let value = serde_json::json!({ "region": "\u{1b}]0;t\u{7}\u{9b}\u{7f}\u{202e}é" });
        let text = to_json_pretty(&value)?;
        assert_eq!(text, "{\n  \"region\": \"\\u001b]0;t\\u0007\\u009b\\u007f\\u202eé\"\n}");
        let back: serde_json::Value = serde_json::from_str(&text)?;
        assert_eq!(back, value);
        Ok(())
    }
}
