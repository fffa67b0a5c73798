"""The plan pages: list and workflow, editor, issuing and register, text-check fixes, cited-document library."""
