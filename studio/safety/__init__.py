"""Never losing a word: recovery journal, backups, the project lock, the folder watcher.

No Qt here; `studio.ui.safety` puts these in the window.
"""

from studio.safety.backups import Backup, create_backup, list_backups, prune_backups, restore_backup
from studio.safety.journal import Journal, JournalEntry, JournalWriter
from studio.safety.ledger import ContentLedger
from studio.safety.lock import LockInfo, ProjectLock, ProjectLockedError
from studio.safety.watcher import Change, ChangeKind, ProjectWatcher

__all__ = [
    "Backup",
    "Change",
    "ChangeKind",
    "ContentLedger",
    "Journal",
    "JournalEntry",
    "JournalWriter",
    "LockInfo",
    "ProjectLock",
    "ProjectLockedError",
    "ProjectWatcher",
    "create_backup",
    "list_backups",
    "prune_backups",
    "restore_backup",
]
