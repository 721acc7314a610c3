CREATE TABLE region (
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
    );
