"""SQLite storage: one database, opened in one place, migrated on open."""
from assistant.storage.db import Database, StorageError, open_database

__all__ = ["Database", "StorageError", "open_database"]
