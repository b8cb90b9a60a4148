"""Saves, replays, settings and progress: versioned JSON on disk, written atomically."""
