"""The story model: a project folder, its metadata, chapters, songs and word list. No Qt."""

from studio.errors import StudioError
from studio.story.blocks import Block, BlockKind, parse_blocks
from studio.story.create import create_project
from studio.story.model import Chapter, Song, Spelling, Work
from studio.story.project import Project
from studio.story.ratings import ARCHIVE_RATINGS, archive_rating
from studio.story.stats import StoryStats, TextCounts, story_stats, text_counts
from studio.story.words import count_words

__all__ = [
    "ARCHIVE_RATINGS",
    "Block",
    "BlockKind",
    "Chapter",
    "Project",
    "Song",
    "Spelling",
    "StoryStats",
    "StudioError",
    "TextCounts",
    "Work",
    "archive_rating",
    "count_words",
    "create_project",
    "parse_blocks",
    "story_stats",
    "text_counts",
]
