//! The built binary, run as a user runs it.

use std::path::Path;

use assert_cmd::Command;

/// What one run of the binary gave: its exit code and what it printed (lossy UTF-8).
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// `pmk3i --db DB ARGS…`, in the default language whatever the test's environment says.
pub fn pmk3i(db: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("pmk3i")
        .unwrap()
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("PMK3I_LANG")
        .output()
        .unwrap();
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
