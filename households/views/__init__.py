"""The household pages: registry, editing, imports and their column mappings, villages."""
