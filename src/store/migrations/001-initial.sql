-- The record as entries in record order, with who added each and when, and every change kept.

-- The record's own header: its title, the text it came from and its section headings (the JSON export's "record").
CREATE TABLE record_info (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  title TEXT NOT NULL,
  file TEXT,
  sections TEXT NOT NULL -- JSON array of headings, in record order
);

-- One row per entry, removed ones included (removal is soft). `body` is the entry as JSON, exactly what the zod
-- entry schema accepts; it is validated on every write and every read.
CREATE TABLE entries (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE, -- record order
  body TEXT NOT NULL CHECK (json_valid(body)),
  added_by_id TEXT NOT NULL,
  added_by_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_by_id TEXT NOT NULL,
  updated_by_name TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  removed_at TEXT,
  removed_by_id TEXT,
  removed_by_name TEXT
);

-- Every state an entry has been in, oldest first; `seq` is also the change feed other processes follow.
CREATE TABLE entry_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id TEXT NOT NULL REFERENCES entries (id),
  action TEXT NOT NULL CHECK (action IN ('add', 'update', 'remove', 'restore')),
  body TEXT NOT NULL CHECK (json_valid(body)), -- the entry after the action
  author_id TEXT NOT NULL,
  author_name TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX entry_history_by_entry ON entry_history (entry_id, seq);
