"""The file floor: files read and written, with no meaning of their own (below kb)."""
