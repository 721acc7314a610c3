//! The schema and its migrations. A database is pmk3i's when its header carries
//! [`APPLICATION_ID`]; databases from before schema 2 (no application id yet) are
//! recognised by their schema and tables, and get the id when they are migrated.

/// The schema version this build writes; older databases are migrated up to it.
pub const SCHEMA_VERSION: i64 = 10;

/// The schema that introduced region codes and respondent uids: a database migrated
/// from below it has its regions matched to codes by name (`store::regions`). Keep it
/// equal to the index + 1 of that migration in [`MIGRATIONS`].
pub const REGION_CODES_SCHEMA: i64 = 5;

/// The schema that gave an `import --copy` its own mark (`assessment.import_copy`)
/// instead of a suffix in the period. Keep it equal to the index + 1 of that migration
/// in [`MIGRATIONS`].
pub const IMPORT_COPY_SCHEMA: i64 = 8;

/// The suffix `import --copy` wrote into the period before [`IMPORT_COPY_SCHEMA`].
pub const OLD_COPY_SUFFIX: &str = " (salinan impor / import copy)";

/// The schema that gave each walker their own walk position (`walk_position`); a
/// database from below it kept one cursor on the assessment row. Keep it equal to the
/// index + 1 of that migration in [`MIGRATIONS`].
pub const WALK_POSITIONS_SCHEMA: i64 = 10;

/// `PRAGMA application_id` of every pmk3i database: "PMK3" in ASCII.
pub const APPLICATION_ID: i32 = 0x504D_4B33;

/// The tables schema 1 has; a file without all of them is not a pmk3i database.
pub const SCHEMA_1_TABLES: &[&str] = &[
    "region",
    "framework_snapshot",
    "assessment",
    "respondent",
    "answer",
    "pillar_text",
    "agreed_level",
    "target",
];

/// Migration `i` takes a database from schema `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema. Subsector is '' for region-scoped slots so it can be part of keys.
    "CREATE TABLE region (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('kabupaten', 'kota')),
        province TEXT NOT NULL,
        UNIQUE (name, kind, province)
    );
    -- Framework snapshots live apart from the assessment row, which changes on every
    -- answer (updated_at, cursor): rewriting a large snapshot each time would multiply
    -- the bytes written per keystroke. Identical snapshots are stored once.
    CREATE TABLE framework_snapshot (
        hash TEXT PRIMARY KEY,
        json TEXT NOT NULL
    );
    CREATE TABLE assessment (
        id INTEGER PRIMARY KEY,
        region_id INTEGER NOT NULL REFERENCES region(id),
        period TEXT NOT NULL,
        framework_id TEXT NOT NULL,
        framework_version TEXT NOT NULL,
        framework_hash TEXT NOT NULL REFERENCES framework_snapshot(hash),
        candidates TEXT NOT NULL,
        chosen_flagship TEXT,
        status TEXT NOT NULL DEFAULT 'draft',
        cursor_indicator TEXT,
        cursor_subsector TEXT,
        cursor_mode TEXT,
        import_hash TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE respondent (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        actor TEXT NOT NULL CHECK (actor IN ('A', 'B', 'C', 'G', 'M', 'asesor')),
        organisation TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX respondent_by_assessment ON respondent (assessment_id);
    CREATE TABLE answer (
        respondent_id INTEGER NOT NULL REFERENCES respondent(id) ON DELETE CASCADE,
        indicator TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        level INTEGER,
        na INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        evidence TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (respondent_id, indicator, subsector)
    );
    CREATE TABLE pillar_text (
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        pillar TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('best_practice', 'problem')),
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, pillar, subsector, kind)
    );
    CREATE TABLE agreed_level (
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('consensus', 'verified')),
        indicator TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        level INTEGER,
        na INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, kind, indicator, subsector)
    );
    CREATE TABLE target (
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        indicator TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        level INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, indicator, subsector)
    );",
    // 2: the per-assessment summary the list reads instead of loading assessments.
    // Written in the same transaction as every write to the assessment (see
    // `store::summary`); `state` is 'ok' or 'needs_framework' (snapshot unusable).
    "CREATE TABLE assessment_summary (
        assessment_id INTEGER PRIMARY KEY REFERENCES assessment(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('ok', 'needs_framework')),
        respondents INTEGER NOT NULL,
        completeness REAL,
        headline_score REAL,
        headline_candidate TEXT,
        band TEXT,
        suggested_flagship TEXT,
        pillars TEXT NOT NULL
    );
    CREATE INDEX assessment_by_updated ON assessment (updated_at DESC, id DESC);
    -- An import looks up whether its content was imported before.
    CREATE INDEX assessment_by_import ON assessment (import_hash) WHERE import_hash IS NOT NULL;",
    // 3: consensus and verified levels get their own evidence reference (the evidence
    // seen in the discussion or at uji petik), apart from their note.
    "ALTER TABLE agreed_level ADD COLUMN evidence TEXT NOT NULL DEFAULT '';",
    // 4: the workshop cycle: a verification status per verified level and a dissent per
    // agreed one; the discussion session and its attendance, the uji petik visit log,
    // the subsectors the flagship pulls along, and the commitments of the berita acara.
    "ALTER TABLE agreed_level ADD COLUMN status TEXT
        CHECK (status IS NULL OR status IN ('verified', 'mismatch', 'not_visited'));
    ALTER TABLE agreed_level ADD COLUMN dissent TEXT NOT NULL DEFAULT '';
    CREATE TABLE dkt_session (
        assessment_id INTEGER PRIMARY KEY REFERENCES assessment(id) ON DELETE CASCADE,
        date TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        facilitator TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE attendee (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        organisation TEXT NOT NULL DEFAULT '',
        actor TEXT NOT NULL CHECK (actor IN ('A', 'B', 'C', 'G', 'M', 'asesor'))
    );
    CREATE INDEX attendee_by_assessment ON attendee (assessment_id);
    CREATE TABLE visit (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        date TEXT NOT NULL DEFAULT '',
        site TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        interviewee_role TEXT NOT NULL DEFAULT '',
        assessors TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX visit_by_assessment ON visit (assessment_id);
    CREATE TABLE pulled_subsector (
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        subsector TEXT NOT NULL,
        PRIMARY KEY (assessment_id, subsector)
    );
    CREATE TABLE commitment (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        actor TEXT CHECK (actor IS NULL OR actor IN ('A', 'B', 'C', 'G', 'M')),
        organisation TEXT NOT NULL DEFAULT '',
        deadline TEXT NOT NULL DEFAULT '',
        -- JSON array of {indicator, subsector}.
        indicators TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX commitment_by_assessment ON commitment (assessment_id);",
    // 5: regions are identified by their Kemendagri code (`crate::regions`); regions
    // that match no official one keep a NULL code ("tanpa kode") until linked.
    // Respondents get a stable id carried in exports, so that workshop laptops' exports
    // merge without duplicates (`exchange::merge`). Existing regions are matched by name
    // in Rust after this step (`store::regions::link_by_name`).
    "ALTER TABLE region ADD COLUMN code TEXT;
    CREATE UNIQUE INDEX region_by_code ON region (code) WHERE code IS NOT NULL;
    ALTER TABLE respondent ADD COLUMN uid TEXT;
    UPDATE respondent SET uid = lower(hex(randomblob(16))) WHERE uid IS NULL;
    CREATE INDEX respondent_by_uid ON respondent (assessment_id, uid);
    -- Merging finds the assessment of a region, period and framework.
    CREATE INDEX assessment_by_region ON assessment (region_id, period, framework_id);
    -- Every file merged into an assessment, so that the same file again changes nothing.
    CREATE TABLE import_log (
        hash TEXT PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        imported_at TEXT NOT NULL
    );",
    // 6: year two: the assessment a new period was started from (its levels and
    // targets are shown in the walk as reference; `store::period`).
    "ALTER TABLE assessment ADD COLUMN previous_id INTEGER REFERENCES assessment(id) ON DELETE SET NULL;",
    // 7: the history. Every change to an assessment's rows, one row per changed field,
    // written by the triggers `store::history` installs on each connection, so in the
    // statement's own transaction. `login`/`uid` are the OS login of the writer;
    // `walker` is 'respondent', 'consensus' or 'verified' (NULL for rows no walk
    // owns); `item` is the indicator (or pillar, for pillar texts). Append-only: it
    // goes only with its assessment, whose deletion `deletion_log` records.
    "CREATE TABLE change_log (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        login TEXT NOT NULL,
        uid INTEGER,
        walker TEXT,
        respondent_id INTEGER,
        respondent TEXT,
        what TEXT NOT NULL,
        item TEXT,
        subsector TEXT NOT NULL DEFAULT '',
        field TEXT NOT NULL,
        old TEXT,
        new TEXT
    );
    CREATE INDEX change_log_by_item ON change_log (assessment_id, item, at);
    CREATE TRIGGER change_log_append_only_update BEFORE UPDATE ON change_log
    BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
    CREATE TRIGGER change_log_append_only_delete BEFORE DELETE ON change_log
    WHEN EXISTS (SELECT 1 FROM assessment WHERE id = OLD.assessment_id)
    BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
    CREATE TABLE deletion_log (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL,
        region TEXT NOT NULL,
        period TEXT NOT NULL,
        at TEXT NOT NULL,
        login TEXT NOT NULL,
        uid INTEGER
    );
    CREATE TRIGGER deletion_log_append_only BEFORE UPDATE ON deletion_log
    BEGIN SELECT RAISE(ABORT, 'deletion_log is append-only'); END;
    CREATE TRIGGER deletion_log_keep BEFORE DELETE ON deletion_log
    BEGIN SELECT RAISE(ABORT, 'deletion_log is append-only'); END;",
    // 8: an import copy (`pmk3i import --copy`) is marked in its own column; the period
    // stays the file's ("2026"). Copies made before carry " (salinan impor / import
    // copy)" at the end of the period ([`OLD_COPY_SUFFIX`]): it is taken off (up to three
    // times, for a copy of a copy) and the mark set.
    "ALTER TABLE assessment ADD COLUMN import_copy INTEGER NOT NULL DEFAULT 0;
    UPDATE assessment SET import_copy = 1, period = rtrim(substr(period, 1, length(period) - 30))
        WHERE substr(period, -30) = ' (salinan impor / import copy)';
    UPDATE assessment SET import_copy = 1, period = rtrim(substr(period, 1, length(period) - 30))
        WHERE substr(period, -30) = ' (salinan impor / import copy)';
    UPDATE assessment SET import_copy = 1, period = rtrim(substr(period, 1, length(period) - 30))
        WHERE substr(period, -30) = ' (salinan impor / import copy)';",
    // 9: the follow-up of the earlier period's commitments (`store::followup`): for an
    // assessment started from an earlier one, each commitment of the earlier berita
    // acara (by its text, with its position there when recorded) gets a status the
    // user records, a date and a note.
    "CREATE TABLE commitment_followup (
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        commitment TEXT NOT NULL,
        position INTEGER NOT NULL CHECK (position >= 1),
        status TEXT NOT NULL CHECK (status IN ('done', 'in_progress', 'not_started')),
        date TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, commitment)
    );",
    // 10: the walk position per walker: each respondent, the consensus walk and the
    // verification walk resume where they themselves left off, and whoever walked
    // last no longer moves everyone's cursor. The one cursor of the assessment row
    // moves to the walker it belonged to (its `cursor_mode`); a cursor without a mode,
    // or naming a respondent no longer there, to the walker that reopening used to
    // resume as: the first respondent who is not an assessor. Other walkers start
    // afresh. The most recent walk has the highest `id` (a walker's row is replaced
    // on each move), which is whom Enter on the list resumes as.
    "CREATE TABLE walk_position (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        walker TEXT NOT NULL CHECK (walker IN ('respondent', 'consensus', 'verified')),
        respondent_id INTEGER REFERENCES respondent(id) ON DELETE CASCADE,
        quick INTEGER NOT NULL DEFAULT 0,
        indicator TEXT NOT NULL,
        subsector TEXT NOT NULL DEFAULT '',
        CHECK ((walker = 'respondent') = (respondent_id IS NOT NULL))
    );
    CREATE UNIQUE INDEX walk_position_by_walker ON walk_position (assessment_id, walker, coalesce(respondent_id, 0));
    CREATE INDEX walk_position_by_respondent ON walk_position (respondent_id) WHERE respondent_id IS NOT NULL;
    INSERT INTO walk_position (assessment_id, walker, respondent_id, quick, indicator, subsector)
    SELECT id, walker, respondent_id, quick, indicator, subsector FROM (
        SELECT a.id,
            CASE WHEN m.mode IN ('consensus', 'verified') THEN m.mode ELSE 'respondent' END AS walker,
            CASE WHEN m.mode IN ('consensus', 'verified') THEN NULL
                ELSE coalesce(
                    (SELECT r.id FROM respondent r WHERE r.assessment_id = a.id AND m.mode LIKE 'respondent:%'
                        AND r.id = CAST(substr(m.mode, 12) AS INTEGER)),
                    (SELECT r.id FROM respondent r WHERE r.assessment_id = a.id AND r.actor <> 'asesor'
                        ORDER BY r.id LIMIT 1))
            END AS respondent_id,
            coalesce(a.cursor_mode LIKE 'quick:%', 0) AS quick,
            a.cursor_indicator AS indicator,
            coalesce(a.cursor_subsector, '') AS subsector,
            a.updated_at
        FROM assessment a
        JOIN (SELECT id, CASE WHEN cursor_mode LIKE 'quick:%' THEN substr(cursor_mode, 7) ELSE cursor_mode END AS mode
              FROM assessment) m ON m.id = a.id
        WHERE a.cursor_indicator IS NOT NULL
    ) WHERE walker <> 'respondent' OR respondent_id IS NOT NULL
    ORDER BY updated_at, id;
    ALTER TABLE assessment DROP COLUMN cursor_indicator;
    ALTER TABLE assessment DROP COLUMN cursor_subsector;
    ALTER TABLE assessment DROP COLUMN cursor_mode;",
];
