-- What the record's content is at, cheaply: the start-up index cache is keyed by it instead of by a hash of the
-- whole record (at 100,000 entries stringifying and hashing the record took a noticeable part of start-up).
-- `revision` counts changes; `stamp` is new and random with every change, so two databases that parted (a backup
-- restored and then edited, a copy edited elsewhere) never share a stamp with different content, while a backup
-- or copy keeps the stamp of exactly the content it holds. Triggers keep both in the writing transaction itself,
-- whoever writes: this program, another process, a migration or a hand edit.
CREATE TABLE record_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision INTEGER NOT NULL,
  stamp TEXT NOT NULL
);
INSERT INTO record_state (id, revision, stamp) VALUES (1, 0, lower(hex(randomblob(16))));

CREATE TRIGGER record_state_entry_added AFTER INSERT ON entries BEGIN
  UPDATE record_state SET revision = revision + 1, stamp = lower(hex(randomblob(16))) WHERE id = 1;
END;
CREATE TRIGGER record_state_entry_changed AFTER UPDATE ON entries BEGIN
  UPDATE record_state SET revision = revision + 1, stamp = lower(hex(randomblob(16))) WHERE id = 1;
END;
CREATE TRIGGER record_state_entry_deleted AFTER DELETE ON entries BEGIN
  UPDATE record_state SET revision = revision + 1, stamp = lower(hex(randomblob(16))) WHERE id = 1;
END;
CREATE TRIGGER record_state_info_added AFTER INSERT ON record_info BEGIN
  UPDATE record_state SET revision = revision + 1, stamp = lower(hex(randomblob(16))) WHERE id = 1;
END;
CREATE TRIGGER record_state_info_changed AFTER UPDATE ON record_info BEGIN
  UPDATE record_state SET revision = revision + 1, stamp = lower(hex(randomblob(16))) WHERE id = 1;
END;
CREATE TRIGGER record_state_info_deleted AFTER DELETE ON record_info BEGIN
  UPDATE record_state SET revision = revision + 1, stamp = lower(hex(randomblob(16))) WHERE id = 1;
END;
