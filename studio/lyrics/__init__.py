"""Quoted song lyrics: the song library, credits, and consistency of quotations. No Qt."""
