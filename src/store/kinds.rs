//! The SQL form of the domain's kinds: each is stored as the text its `as_str` gives
//! and read back with [`FromSql`], so a value the code does not know (written by a
//! newer pmk3i or by another program) is an error naming the table, the row and the
//! value — never a row silently left out.

use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use super::error::{Result, StoreError};
use crate::actor::Actor;
use crate::assessment::{AgreedKind, RegionKind, TextKind};
use crate::workshop::VerifyStatus;

/// A stored text that names no known kind.
#[derive(Debug)]
pub struct UnknownValue(pub String);

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown value \"{}\"", self.0)
    }
}

impl std::error::Error for UnknownValue {}

macro_rules! stored_as_text {
    ($($kind:ty),*) => {$(
        impl ToSql for $kind {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $kind {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$kind>::parse(text).ok_or_else(|| FromSqlError::Other(Box::new(UnknownValue(text.to_string()))))
            }
        }
    )*};
}

stored_as_text!(Actor, AgreedKind, TextKind, RegionKind, VerifyStatus);

/// Reads column `column` of a row of `table`; a value no kind knows becomes
/// [`StoreError::UnknownValue`] naming `table`, the row (`row`, e.g. "rowid 12") and
/// the value.
pub fn get<T: FromSql>(r: &Row<'_>, column: &str, table: &'static str, row: &dyn Fn() -> String) -> Result<T> {
    r.get(column).map_err(|e| match e {
        rusqlite::Error::FromSqlConversionFailure(index, kind, inner) => match inner.downcast::<UnknownValue>() {
            Ok(unknown) => StoreError::UnknownValue {
                path: String::new(),
                table,
                row: row(),
                column: column.to_string(),
                value: unknown.0,
            },
            Err(other) => StoreError::Sql(rusqlite::Error::FromSqlConversionFailure(index, kind, other)),
        },
        other => StoreError::Sql(other),
    })
}
